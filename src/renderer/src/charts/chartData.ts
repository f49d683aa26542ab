/**
 * Chart inputs as typed columns (uPlot's AlignedData wants x in seconds) and the
 * bucket aggregation used when there are more bars than pixels.
 */
import type { CandleColumnsPayload } from '../../../shared/apiTypes';

export interface ChartCandles {
  source: string;
  /** Open time in epoch seconds (uPlot's time axis unit). */
  x: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function toChartCandles(p: CandleColumnsPayload): ChartCandles {
  const x = new Float64Array(p.time.length);
  for (let i = 0; i < x.length; i++) x[i] = p.time[i] / 1000;
  return {
    source: p.source,
    x,
    open: Float64Array.from(p.open),
    high: Float64Array.from(p.high),
    low: Float64Array.from(p.low),
    close: Float64Array.from(p.close),
    volume: Float64Array.from(p.volume),
  };
}

/**
 * Indicator values for uPlot: gaps must be null (uPlot skips null; a NaN would poison
 * the scale's min/max), so NaN from any transport becomes null.
 */
export function toSeries(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null || Number.isNaN(v) ? null : v));
}

export interface OhlcBucket {
  /** First and last bar index in the bucket. */
  from: number;
  to: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * Groups bars [i0, i1] into buckets of `per` consecutive bars: open of the first,
 * highest high, lowest low, close of the last (the same rule as a resample).
 */
export function aggregateOhlc(c: Pick<ChartCandles, 'open' | 'high' | 'low' | 'close'>, i0: number, i1: number, per: number): OhlcBucket[] {
  const out: OhlcBucket[] = [];
  const step = Math.max(1, Math.floor(per));
  for (let a = i0; a <= i1; a += step) {
    const b = Math.min(i1, a + step - 1);
    let hi = -Infinity, lo = Infinity;
    for (let i = a; i <= b; i++) {
      if (c.high[i] > hi) hi = c.high[i];
      if (c.low[i] < lo) lo = c.low[i];
    }
    out.push({ from: a, to: b, open: c.open[a], high: hi, low: lo, close: c.close[b] });
  }
  return out;
}

/** Drawdown in percent (<= 0) of an equity curve from its running peak. */
export function drawdownPct(equity: ArrayLike<number>): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    out[i] = peak > 0 ? (e / peak - 1) * 100 : 0;
  }
  return out;
}
