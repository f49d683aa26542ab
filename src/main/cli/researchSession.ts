/**
 * The lifetime of a research command: the local store, a warm worker pool and its data
 * sets, and Ctrl-C. The first Ctrl-C cancels the job (workers stop at their next poll,
 * what finished is kept) and the command exits 130 once the pool is closed; no worker
 * outlives the command.
 */
import { defaultDbPath } from '../appHome';
import { openDb } from '../data/db';
import { DataSetCache } from '../research/dataSetCache';
import { workerCountSetting } from '../research/pool/poolSize';
import { WorkerPool } from '../research/pool/workerPool';
import type { ResearchContext } from '../research/researchContext';
import { EXIT, UsageError, type CliIo } from './command';


export async function withResearchSession(
  io: CliIo,
  workersFlag: string | undefined,
  body: (ctx: ResearchContext, signal: AbortSignal) => Promise<number>,
): Promise<number> {
  let workers: number;
  try {
    workers = workerCountSetting(workersFlag);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const db = openDb(defaultDbPath());
  const pool = new WorkerPool({ size: workers });
  const ctx: ResearchContext = { pool, dataSets: new DataSetCache(pool, db), db };
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) return;
    io.err('\ncancelling… (workers stop at their next check)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    return await body(ctx, controller.signal);
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') {
      io.err('cancelled; finished results were kept');
      return EXIT.interrupted;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await pool.close();
    db.close();
  }
}

/** "1:05" from milliseconds; "?" while unknown. */
export function clock(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
