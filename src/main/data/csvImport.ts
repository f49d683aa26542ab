/**
 * CSV files into candles: imported into the cache (streamed, one transaction, so a
 * bad line leaves the cache as it was), or loaded whole for `--data file.csv`.
 */
import { basename, resolve } from 'node:path';
import type { Candles } from '../engine/candles';
import { createCandles } from '../engine/candles';
import type { BarColumns } from './cache/blocks';
import { sortDedupe } from './cache/blocks';
import { CandleCache } from './cache/candleCache';
import { CsvFormatError } from './csvCandles';
import type { CsvBatch, CsvKind, CsvReadProgress } from './csvStream';
import { newSummary, readCandleCsv } from './csvStream';
import type { Db } from './db';
import { barGrid, type BarGrid } from '../../shared/market/interval';
import type { InstrumentKey } from '../../shared/market/instrument';

export interface ImportOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: CsvReadProgress) => void;
  readonly batchSize?: number;
}

export interface ImportResult {
  readonly file: string;
  readonly kind: CsvKind;
  /** Bar rows read from the file. */
  readonly rows: number;
  /** Rows that replaced a bar with the same open time (repeated in the file or already cached). */
  readonly duplicatesMerged: number;
  readonly firstMs: number;
  readonly lastMs: number;
  /** Binance files: the open-time unit found (`mixed` when files of both eras were joined). */
  readonly timeUnit: 'ms' | 'us' | 'mixed' | 'n/a';
}

export async function importCsvToCache(db: Db, path: string, key: InstrumentKey, opts: ImportOptions = {}): Promise<ImportResult> {
  const cache = new CandleCache(db);
  const grid = barGrid(key.interval);
  const summary = newSummary();
  const source = basename(path);
  let first = Infinity;
  let last = -Infinity;
  let duplicates = 0;
  // One transaction for the whole file: an error on line 9,000,000 loses nothing and keeps nothing.
  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const batch of readCandleCsv(path, { ...opts, source }, summary)) {
      checkGrid(batch, grid, source);
      const { bars, duplicates: d } = sortDedupe(batch);
      duplicates += d;
      if (bars.length === 0) continue;
      duplicates += cache.writeUnlocked(key, bars);
      if (bars.time[0] < first) first = bars.time[0];
      if (bars.time[bars.length - 1] > last) last = bars.time[bars.length - 1];
    }
    if (summary.rows === 0) throw new CsvFormatError(source, 2, 'file', 'has a header but no bars');
    // The file is a complete record of its own span; holes inside it show up as gaps.
    cache.writeUnlocked(key, emptyBars(), { fromMs: first, toMs: grid.end(last) });
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return {
    file: resolve(path),
    kind: summary.kind ?? 'binance',
    rows: summary.rows,
    duplicatesMerged: duplicates,
    firstMs: first,
    lastMs: last,
    timeUnit: summary.kind !== 'binance' ? 'n/a' : summary.microsecondRows && summary.millisecondRows ? 'mixed' : summary.microsecondRows ? 'us' : 'ms',
  };
}

/**
 * Reads a whole CSV (any of the three layouts, optionally .gz) into one validated
 * series, sorted, duplicates merged (the later line wins).
 */
export async function loadCsvCandles(path: string): Promise<Candles> {
  const parts: CsvBatch[] = [];
  let total = 0;
  for await (const b of readCandleCsv(path, { source: basename(path) })) {
    parts.push(b);
    total += b.length;
  }
  const cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(total));
  let k = 0;
  for (const b of parts) {
    cols[0].set(b.time, k);
    cols[1].set(b.open, k);
    cols[2].set(b.high, k);
    cols[3].set(b.low, k);
    cols[4].set(b.close, k);
    cols[5].set(b.volume, k);
    k += b.length;
  }
  const { bars } = sortDedupe({ time: cols[0], open: cols[1], high: cols[2], low: cols[3], close: cols[4], volume: cols[5], length: total });
  return createCandles(bars);
}

/** Every bar must sit on the interval's grid: catches a wrong --interval on line 1, not in a backtest. */
function checkGrid(b: CsvBatch, grid: BarGrid, source: string): void {
  const interval = grid.interval;
  for (let i = 0; i < b.length; i++) {
    if (grid.start(b.time[i]) !== b.time[i]) {
      throw new CsvFormatError(source, b.line[i], 'open_time', `${new Date(b.time[i]).toISOString()} is not on the ${interval} grid (is --interval ${interval} right?)`);
    }
  }
}

function emptyBars(): BarColumns {
  const z = new Float64Array(0);
  return { time: z, open: z, high: z, low: z, close: z, volume: z, length: 0 };
}
