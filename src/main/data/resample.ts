/**
 * Client-side resample of a candle series to a coarser interval: open = first,
 * high = max, low = min, close = last, volume = sum in time order. Buckets are cut on
 * the interval's BarGrid (epoch origin; Monday for weeks; calendar months), exactly like
 * the server's resample query, and a bucket exists when at least one source bar falls in
 * it (partial buckets at the edges of the data are kept, as on the server).
 */
import type { Candles } from '../engine/candles';
import { barGrid, type BarGrid } from '../../shared/market/interval';

export function resampleCandles(c: Candles, target: string | BarGrid): Candles {
  const grid = typeof target === 'string' ? barGrid(target) : target;
  const n = c.length;
  const cap = countBuckets(c, grid);
  const time = new Float64Array(cap), open = new Float64Array(cap), high = new Float64Array(cap);
  const low = new Float64Array(cap), close = new Float64Array(cap), volume = new Float64Array(cap);
  let k = -1;
  let from = NaN, to = NaN;
  for (let i = 0; i < n; i++) {
    const t = c.time[i];
    if (!(t >= from && t < to)) {
      from = grid.start(t);
      to = grid.end(t);
      k++;
      time[k] = from;
      open[k] = c.open[i];
      high[k] = c.high[i];
      low[k] = c.low[i];
      close[k] = c.close[i];
      // 0 + v === v exactly, and PostgreSQL's sum starts from the first value: same bits.
      volume[k] = c.volume[i];
      continue;
    }
    if (c.high[i] > high[k]) high[k] = c.high[i];
    if (c.low[i] < low[k]) low[k] = c.low[i];
    close[k] = c.close[i];
    volume[k] += c.volume[i];
  }
  return { time, open, high, low, close, volume, length: cap };
}

/** Buckets holding at least one bar (times ascending). The bucket's bounds are kept while bars stay inside it: a month's bounds cost a Date each. */
function countBuckets(c: Candles, grid: BarGrid): number {
  let count = 0;
  let from = NaN, to = NaN;
  for (let i = 0; i < c.length; i++) {
    const t = c.time[i];
    if (t >= from && t < to) continue;
    from = grid.start(t);
    to = grid.end(t);
    count++;
  }
  return count;
}
