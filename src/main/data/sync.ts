/**
 * Sync: copy the bars of one instrument from the upstream source into the cache,
 * fetching only the ranges the cache does not cover. Each page is written together
 * with the coverage it completes, in one transaction, so a sync that dies half way
 * (server gone, process killed, cancelled) resumes where it stopped: no duplicate
 * bars (they are keyed by open time) and no holes (coverage never claims an unfetched bar).
 */
import { CandleCache } from './cache/candleCache';
import type { TimeRange } from './cache/ranges';
import type { Db } from './db';
import { barGrid } from '../../shared/market/interval';
import type { InstrumentKey } from '../../shared/market/instrument';
import { instrumentLabel } from '../../shared/market/instrument';
import type { KlineTable } from './timescale/catalog';
import type { BarPage, TimescaleSource } from './timescale/timescaleSource';
import type { BucketFunction } from './timescale/klineQueries';
import { SourceError } from './timescale/sourceErrors';
import { chooseResampleBase } from './resampleBase';

export interface SyncProgress {
  readonly key: InstrumentKey;
  /** Bars written so far in this sync. */
  readonly rows: number;
  /** Milliseconds of missing time fetched so far / to fetch in total. */
  readonly doneMs: number;
  readonly totalMs: number;
}

export interface SyncOptions {
  /** Start of the range (default: the first bar the source has). */
  readonly fromMs?: number;
  /** End of the range, exclusive (default: now). Never past the bar still forming. */
  readonly toMs?: number;
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: SyncProgress) => void;
  /** Clock for "the bar still forming" (tests). */
  readonly nowMs?: number;
  /**
   * Re-fetch the range even where the cache has it (upstream corrected bars): its cached
   * bars and coverage are dropped first, so a refresh that dies half way leaves the rest
   * of the range missing (fetched by the next sync), never stale bars claimed as fresh.
   */
  readonly refresh?: boolean;
}

export interface SyncResult {
  readonly key: InstrumentKey;
  /** `schema.table` read, and how: the table itself or resampled on the server from a finer one. */
  readonly table: string;
  readonly method: 'direct' | BucketFunction;
  readonly range: TimeRange;
  /** Ranges that were missing and are now fetched. Empty when the cache already had everything. */
  readonly fetched: readonly TimeRange[];
  readonly rows: number;
}

export async function syncInstrument(db: Db, source: TimescaleSource, key: InstrumentKey, opts: SyncOptions = {}): Promise<SyncResult> {
  const cache = new CandleCache(db);
  const grid = barGrid(key.interval);
  const plan = await planSource(source, key, { fromMs: opts.fromMs ?? -Infinity, toMs: opts.toMs ?? Infinity });
  const extent = opts.fromMs === undefined ? await source.extent(plan.table) : undefined;
  const fromMs = grid.start(opts.fromMs ?? extent?.fromMs ?? 0);
  // The bar that contains "now" is still forming upstream: never cache it as final.
  const formingStart = grid.start(opts.nowMs ?? Date.now());
  const toMs = Math.min(opts.toMs === undefined ? formingStart : grid.end(opts.toMs - 1), formingStart);
  const range = { fromMs, toMs };
  const tableName = `${plan.table.schema}.${plan.table.table}`;
  if (toMs <= fromMs) return { key, table: tableName, method: plan.method, range, fetched: [], rows: 0 };
  if (opts.refresh) cache.removeRange(key, range);
  const missing = cache.missing(key, range);
  const totalMs = missing.reduce((s, r) => s + (r.toMs - r.fromMs), 0);
  let doneMs = 0;
  let rows = 0;
  for (const gap of missing) {
    const pages: AsyncGenerator<BarPage> =
      plan.method === 'direct'
        ? source.stream(plan.table, gap, { pageSize: opts.pageSize, signal: opts.signal })
        : source.streamResampled(plan.table, key.interval, gap, { pageSize: opts.pageSize, signal: opts.signal, fn: plan.method });
    for await (const page of pages) {
      if (opts.signal?.aborted) throw new SourceError('cancelled', `sync of ${instrumentLabel(key)} cancelled; run it again to resume`);
      // Resampled windows are whole buckets and may start before the gap: clip the claim to the gap.
      const covered = { fromMs: Math.max(page.covered.fromMs, gap.fromMs), toMs: Math.min(page.covered.toMs, gap.toMs) };
      cache.write(key, page.bars, covered);
      rows += page.bars.length;
      doneMs += Math.max(0, covered.toMs - covered.fromMs);
      opts.onProgress?.({ key, rows, doneMs, totalMs });
    }
  }
  return { key, table: tableName, method: plan.method, range, fetched: missing, rows };
}

/**
 * The table to read: the instrument's own, or a finer one of the same symbol to resample
 * on the server, chosen by chooseResampleBase from the tables' extents.
 */
async function planSource(source: TimescaleSource, key: InstrumentKey, range: TimeRange): Promise<{ table: KlineTable; method: SyncResult['method'] }> {
  const own = await source.findTable(key);
  if (own) return { table: own, method: 'direct' };
  const grid = barGrid(key.interval);
  const cat = await source.catalog();
  const candidates = [];
  for (const t of cat.tables) {
    if (t.key.exchange !== key.exchange || t.key.symbol !== key.symbol) continue;
    // Only tables that could be chosen are worth an extent query.
    if (!grid.isMadeOf(barGrid(t.key.interval))) continue;
    const extent = await source.extent(t);
    candidates.push({ item: t, interval: t.key.interval, ranges: extent ? [extent] : [] });
  }
  const table = chooseResampleBase(key.interval, candidates, range) ?? (await source.requireTable(key)); // throws table_missing with what exists
  return { table, method: grid.fixedMs === null ? 'date_trunc' : source.timescaledb ? 'time_bucket' : 'date_bin' };
}
