/**
 * The candle sets the renderer has loaded, by (data spec, from, to): a second run on the
 * same data, reopening a run, comparing runs or opening a walk-forward's stitched run
 * all chart the candles already here instead of asking `data.candles` again (a run's
 * result carries only its equity and trades). The few most recent sets are kept: one
 * 1m set of a year is ~25 MB of columns.
 */
import { toChartCandles, type ChartCandles } from '../charts/chartData';
import { api } from './client';

/** How many distinct sets stay loaded (least recently used dropped first). */
export const CANDLE_SETS_KEPT = 6;

const sets = new Map<string, Promise<ChartCandles>>();

/** The chart candles of `spec` over [fromMs, toMs] (both open times, inclusive), loaded once. */
export function loadCandleSet(spec: string, fromMs: number, toMs: number): Promise<ChartCandles> {
  const key = `${spec}|${fromMs}|${toMs}`;
  let p = sets.get(key);
  if (p) {
    // Most recently used last, so the first key is the one to drop.
    sets.delete(key);
    sets.set(key, p);
    return p;
  }
  p = api.call('data.candles', { data: spec, fromMs, toMs }).then(toChartCandles);
  // A failed load is not kept: the next attempt asks again.
  p.catch(() => {
    if (sets.get(key) === p) sets.delete(key);
  });
  sets.set(key, p);
  while (sets.size > CANDLE_SETS_KEPT) sets.delete(sets.keys().next().value as string);
  return p;
}

/** The candles a saved run was computed on (its data source and range). */
export function runCandleSet(run: { dataSource: string; dataFrom: number; dataTo: number }): Promise<ChartCandles> {
  return loadCandleSet(run.dataSource, run.dataFrom, run.dataTo);
}
