/**
 * Chart inputs as typed columns (uPlot's AlignedData wants x in seconds); the bucket
 * aggregation used when there are more bars than pixels is in ohlcBuckets.ts.
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

/** The API's columns as the chart's: the price columns as they came (no copy), time in seconds. */
export function toChartCandles(p: CandleColumnsPayload): ChartCandles {
  const x = new Float64Array(p.time.length);
  for (let i = 0; i < x.length; i++) x[i] = p.time[i] / 1000;
  return { source: p.source, x, open: p.open, high: p.high, low: p.low, close: p.close, volume: p.volume };
}

/**
 * Indicator values for uPlot: gaps must be null (uPlot skips null; a NaN would poison
 * the scale's min/max), so NaN from any transport becomes null.
 */
export function toSeries(values: readonly (number | null)[]): (number | null)[] {
  let series = seriesOf.get(values);
  if (series === undefined) {
    series = values.map((v) => (v === null || Number.isNaN(v) ? null : v));
    seriesOf.set(values, series);
  }
  return series;
}

/**
 * toSeries' answers by the values they were made from: an overlay's values are loaded
 * once per data set (indicatorSeriesSets.ts), and the price chart, rebuilt at every Run,
 * then finds them converted already. uPlot only reads the arrays it is given.
 */
const seriesOf = new WeakMap<readonly (number | null)[], (number | null)[]>();

/**
 * Drawdown in percent (<= 0) of an equity curve from its running peak; written into `into`
 * when that is given and long enough (a view of it is returned), else into a new array.
 */
export function drawdownPct(equity: ArrayLike<number>, into?: Float64Array): Float64Array {
  const out = into !== undefined && into.length >= equity.length ? into.subarray(0, equity.length) : new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    out[i] = peak > 0 ? (e / peak - 1) * 100 : 0;
  }
  return out;
}
