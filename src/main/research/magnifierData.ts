/**
 * The 1m bars a backtest's bar magnifier reads (engine/magnifier.ts): the same instrument
 * as the run's data, over the run's range. Only sources that name their instrument and
 * interval can say where those bars are: bundled samples and the cache.
 */
import type { Candles } from '../engine/candles';
import { loadCandlesForSpec } from '../data/dataSpec';
import type { Db } from '../data/db';

const FINE_INTERVAL = '1m';

/** The 1m data spec for a run's data source ("sample:BTCUSDT_1h" → "sample:BTCUSDT_1m"); throws naming the source otherwise. */
export function magnifierSpecFor(source: string): string {
  const sample = /^sample:(.+)_([0-9]+[a-zA-Z]+)$/.exec(source);
  if (sample !== null) return checkedFine(source, sample[2], `sample:${sample[1]}_${FINE_INTERVAL}`);
  const cache = /^cache:([^:]+):([^:]+):([^:]+)$/.exec(source);
  if (cache !== null) return checkedFine(source, cache[3], `cache:${cache[1]}:${cache[2]}:${FINE_INTERVAL}`);
  throw new Error(
    `--magnifier needs 1m bars of the same instrument, found only for sample:<SYMBOL>_<interval> and cache:<exchange>:<SYMBOL>:<interval> data (got ${source})`,
  );
}

function checkedFine(source: string, interval: string, fine: string): string {
  if (interval === FINE_INTERVAL) throw new Error(`--magnifier: ${source} is already 1m bars; there is nothing finer to read`);
  return fine;
}

export interface MagnifierBars {
  readonly source: string;
  /** Null when no 1m bars fall inside the run's range (every same-bar case then keeps the adverse rule). */
  readonly candles: Candles | null;
}

/** Loads the 1m bars covering `candles` (the run's bars, read from `source`). */
export async function loadMagnifierBars(source: string, candles: Candles, db?: Db): Promise<MagnifierBars> {
  const want = magnifierRequestFor(source, candles);
  const loaded = await loadCandlesForSpec(want.data, { db, fromMs: want.fromMs, toMs: want.toMs });
  return { source: loaded.source, candles: usableFineBars(loaded.candles) };
}

/**
 * The data spec and loader bounds ([fromMs, toMs) open times) of the 1m bars covering
 * `candles`: what loadMagnifierBars reads, and what a research job asks its data set
 * cache for so the pool's workers share them.
 */
export function magnifierRequestFor(source: string, candles: Candles): { data: string; fromMs: number; toMs: number } {
  const data = magnifierSpecFor(source);
  const n = candles.length;
  const first = candles.time[0];
  const last = candles.time[n - 1];
  // Through the end of the last bar: as long as the bar before it.
  const end = n > 1 ? last + (last - candles.time[n - 2]) : last;
  return { data, fromMs: first, toMs: end - 1 };
}

/** The magnifier needs two finer bars at least (engine magnifier.ts); fewer is as good as none. */
export function usableFineBars(fine: Candles): Candles | null {
  return fine.length >= 2 ? fine : null;
}
