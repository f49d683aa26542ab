/**
 * The candle sets the renderer has loaded, by (data spec, from, to): a second run on the
 * same data, reopening a run, comparing runs or opening a walk-forward's stitched run
 * all chart the candles already here instead of asking `data.candles` again (a run's
 * result carries only its equity and trades). The few most recent sets are kept: one
 * 1m set of a year is ~29 MB of columns.
 *
 * A set is also filed under the range its bars actually span (first and last open
 * time), which is how a run names its data: candles fetched for a request while its
 * backtest runs are then found by the run's result without a second fetch.
 */
import { toChartCandles, type ChartCandles } from '../charts/chartData';
import { api } from './client';

/** How many distinct sets stay loaded (least recently used dropped first). */
export const CANDLE_SETS_KEPT = 6;

interface Entry {
  readonly promise: Promise<ChartCandles>;
  settled: boolean;
}

const sets = new Map<string, Entry>();

/** The chart candles of `spec` over [fromMs, toMs] (open times, inclusive; omitted = that end of the data), loaded once. */
export function loadCandleSet(spec: string, fromMs?: number, toMs?: number): Promise<ChartCandles> {
  const key = keyOf(spec, fromMs, toMs);
  const hit = touch(key);
  if (hit) return hit.promise;
  const entry: Entry = {
    promise: api.call('data.candles', { data: spec, fromMs, toMs }).then(toChartCandles),
    settled: false,
  };
  entry.promise.then(
    (c) => {
      entry.settled = true;
      if (c.x.length > 0) file(keyOf(spec, Math.round(c.x[0] * 1000), Math.round(c.x[c.x.length - 1] * 1000)), entry);
    },
    () => {
      // A failed load is not kept: the next attempt asks again.
      entry.settled = true;
      if (sets.get(key) === entry) sets.delete(key);
    },
  );
  file(key, entry);
  return entry.promise;
}

/**
 * Starts loading the candles a backtest request will need, so they arrive while it runs;
 * only for data of which no set is loaded yet (a set already here of another range of
 * the same data is likely the run's: then the run's own range is asked for after it).
 */
export function prefetchCandleSet(spec: string, fromMs?: number, toMs?: number): void {
  const prefix = `${spec}|`;
  for (const key of sets.keys()) if (key.startsWith(prefix)) return;
  loadCandleSet(spec, fromMs, toMs).catch(() => {});
}

/** The candles a saved run was computed on (its data source and range). */
export async function runCandleSet(run: { dataSource: string; dataFrom: number; dataTo: number }): Promise<ChartCandles> {
  const key = keyOf(run.dataSource, run.dataFrom, run.dataTo);
  if (!sets.has(key)) {
    // A load of the same data still on its way (a prefetch) may turn out to be this range.
    const prefix = `${run.dataSource}|`;
    const inflight = [...sets].filter(([k, e]) => k.startsWith(prefix) && !e.settled).map(([, e]) => e.promise);
    if (inflight.length) await Promise.allSettled(inflight);
  }
  return loadCandleSet(run.dataSource, run.dataFrom, run.dataTo);
}

function keyOf(spec: string, fromMs: number | undefined, toMs: number | undefined): string {
  return `${spec}|${fromMs ?? ''}|${toMs ?? ''}`;
}

/** The entry of `key`, made the most recently used. */
function touch(key: string): Entry | undefined {
  const e = sets.get(key);
  if (e) {
    sets.delete(key);
    sets.set(key, e);
  }
  return e;
}

function file(key: string, entry: Entry): void {
  sets.delete(key);
  sets.set(key, entry);
  // Aliases of one set count once towards the limit.
  while (new Set(sets.values()).size > CANDLE_SETS_KEPT) sets.delete(sets.keys().next().value as string);
}
