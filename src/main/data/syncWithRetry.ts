/**
 * Sync that rides out a database that goes away: a lost connection or an unreachable
 * server is retried with exponential backoff (sync resumes from what the cache already
 * holds, so a retry never duplicates or skips bars). Errors a retry cannot fix (bad
 * password, missing database or table, bad data) fail at once.
 */
import type { Db } from './db';
import type { InstrumentKey } from '../../shared/market/instrument';
import { syncInstrument, type SyncOptions, type SyncResult } from './sync';
import { SourceError, type SourceErrorKind } from './timescale/sourceErrors';
import type { PgSettings } from './timescale/settings';
import type { SourceMapping } from './timescale/catalog';
import { TimescaleSource } from './timescale/timescaleSource';

const TRANSIENT: ReadonlySet<SourceErrorKind> = new Set(['unreachable', 'connection_lost']);

export interface RetryEvent {
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly delayMs: number;
  readonly error: SourceError;
}

export interface SyncRetryOptions extends SyncOptions {
  /** Attempts in all, the first included (default 6). */
  readonly maxAttempts?: number;
  /** First backoff delay; doubles each time up to maxDelayMs (defaults 1 s, 30 s). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onRetry?: (e: RetryEvent) => void;
}

export interface SyncRetryResult extends SyncResult {
  /** Bars written over all attempts. */
  readonly totalRows: number;
  readonly attempts: number;
}

export async function syncWithRetry(
  db: Db,
  settings: PgSettings,
  mapping: SourceMapping,
  key: InstrumentKey,
  opts: SyncRetryOptions = {},
): Promise<SyncRetryResult> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 6);
  const base = opts.baseDelayMs ?? 1_000;
  const cap = opts.maxDelayMs ?? 30_000;
  let totalRows = 0;
  for (let attempt = 1; ; attempt++) {
    let rowsThisAttempt = 0;
    let src: TimescaleSource | undefined;
    try {
      src = await TimescaleSource.connect(settings, mapping);
      const r = await syncInstrument(db, src, key, {
        ...opts,
        // Only the first attempt drops the range: later ones resume what it fetched.
        refresh: opts.refresh === true && attempt === 1,
        onProgress: (p) => {
          rowsThisAttempt = p.rows;
          opts.onProgress?.({ ...p, rows: totalRows + p.rows });
        },
      });
      totalRows += r.rows;
      return { ...r, totalRows, attempts: attempt };
    } catch (e) {
      totalRows += rowsThisAttempt;
      if (!(e instanceof SourceError) || !TRANSIENT.has(e.kind) || attempt >= maxAttempts || opts.signal?.aborted) throw e;
      const delayMs = Math.min(cap, base * 2 ** (attempt - 1));
      opts.onRetry?.({ attempt, maxAttempts, delayMs, error: e });
      await sleep(delayMs, opts.signal);
    } finally {
      await src?.close().catch(() => undefined);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(t);
      reject(new SourceError('cancelled', 'sync cancelled while waiting to retry'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
