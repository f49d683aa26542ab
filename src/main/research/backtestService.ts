/**
 * Runs backtests in worker threads so the main process (and the UI it serves) never
 * blocks. One worker per job; cancel terminates the worker (a tight engine loop cannot
 * poll messages). Finished runs are saved in the local store and returned whole.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../data/db';
import type { BacktestRequest, ProgressEvent, RunDetail } from '../../shared/backtestTypes';
import { RunStore } from './runStore';
import { spawnWorker } from './spawnWorker';
import { estimateEtaMs } from './eta';
import { reviveError, type BacktestWorkerInput, type BacktestWorkerMessage, type BacktestWorkerResult } from './workerProtocol';

export interface RunOptions {
  readonly onProgress?: (e: ProgressEvent) => void;
  readonly signal?: AbortSignal;
  /** Caller-chosen id so progress events can be matched before the promise settles. */
  readonly jobId?: string;
}

export class BacktestService {
  private readonly store: RunStore;
  private readonly active = new Map<string, () => void>();

  constructor(
    private readonly db: Db,
    private readonly dbPath: string,
    private readonly strategiesDir?: string,
  ) {
    this.store = new RunStore(db);
  }

  get runs(): RunStore {
    return this.store;
  }

  /** Runs one backtest in a worker and saves it. Rejects with AbortError when cancelled. */
  async run(request: BacktestRequest, opts: RunOptions = {}): Promise<RunDetail> {
    const jobId = opts.jobId ?? randomUUID();
    const result = await this.runInWorker(jobId, request, opts);
    const summary = this.store.save({
      kind: 'backtest', strategy: result.strategy, params: result.params, broker: request.broker,
      dataSource: result.dataSource, data: result.data, stats: result.stats, equity: result.equity,
      trades: result.trades, label: request.label ?? null,
    });
    return { ...summary, equity: Array.from(result.equity), trades: result.trades, ...(result.warnings.length ? { warnings: result.warnings } : {}) };
  }

  cancel(jobId: string): boolean {
    const stop = this.active.get(jobId);
    if (!stop) return false;
    stop();
    return true;
  }

  activeJobs(): string[] {
    return [...this.active.keys()];
  }

  private runInWorker(jobId: string, request: BacktestRequest, opts: RunOptions): Promise<BacktestWorkerResult> {
    if (opts.signal?.aborted) return Promise.reject(abortError());
    const input: BacktestWorkerInput = { dbPath: this.dbPath, request, strategiesDir: this.strategiesDir };
    const worker = spawnWorker(import.meta.url, 'backtestWorker', input);
    const startedAt = Date.now();
    return new Promise<BacktestWorkerResult>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        this.active.delete(jobId);
        opts.signal?.removeEventListener('abort', onAbort);
        fn();
        void worker.terminate();
      };
      const onAbort = (): void => finish(() => reject(abortError()));
      this.active.set(jobId, onAbort);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      opts.onProgress?.({ jobId, done: 0, total: 1, etaMs: null, phase: 'loading data' });
      worker.on('message', (m: BacktestWorkerMessage) => {
        if (m.type === 'progress') {
          opts.onProgress?.({ jobId, done: m.done, total: m.total, etaMs: estimateEtaMs(startedAt, Date.now(), m.done, m.total), phase: 'simulating' });
        } else if (m.type === 'result') {
          finish(() => resolve(m.result));
        } else {
          finish(() => reject(reviveError(m.error)));
        }
      });
      worker.on('error', (e) => finish(() => reject(e)));
      worker.on('exit', (code) => finish(() => reject(new Error(`backtest worker exited with code ${code} before returning a result`))));
    });
  }
}

function abortError(): Error {
  const e = new Error('backtest cancelled');
  e.name = 'AbortError';
  return e;
}
