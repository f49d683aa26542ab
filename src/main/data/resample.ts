/**
 * Client-side resample of a candle series to a coarser fixed interval: open = first,
 * high = max, low = min, close = last, volume = sum in time order. Buckets are cut on
 * the grid of bucketStart (epoch origin; Monday for weeks), exactly like the server's
 * date_bin/time_bucket query, and a bucket exists when at least one source bar falls in
 * it (partial buckets at the edges of the data are kept, as on the server).
 */
import type { Candles } from '../engine/candles';
import { bucketOriginMs, bucketStart } from '../../shared/market/interval';

export function resampleCandles(c: Candles, targetMs: number, originMs: number = bucketOriginMs(targetMs)): Candles {
  const n = c.length;
  const cap = countBuckets(c, targetMs, originMs);
  const time = new Float64Array(cap), open = new Float64Array(cap), high = new Float64Array(cap);
  const low = new Float64Array(cap), close = new Float64Array(cap), volume = new Float64Array(cap);
  let k = -1;
  let current = NaN;
  for (let i = 0; i < n; i++) {
    const b = bucketStart(c.time[i], targetMs, originMs);
    if (b !== current) {
      current = b;
      k++;
      time[k] = b;
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

function countBuckets(c: Candles, targetMs: number, originMs: number): number {
  let count = 0;
  let current = NaN;
  for (let i = 0; i < c.length; i++) {
    const b = bucketStart(c.time[i], targetMs, originMs);
    if (b !== current) {
      current = b;
      count++;
    }
  }
  return count;
}
