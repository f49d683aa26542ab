/**
 * Columnar candle series: the one shape candles have everywhere (engine, workers,
 * cache, charts). `time` is the bar's OPEN time in epoch milliseconds (UTC).
 */
import { barProblem } from '../../shared/market/candleRules';

export interface Candles {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly length: number;
}

export interface CandleColumns {
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

export type CandleField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

/** Raised when a series breaks an invariant; names the first bad bar. */
export class CandleValidationError extends Error {
  constructor(
    readonly index: number,
    readonly field: CandleField,
    readonly reason: string,
  ) {
    super(`bar ${index}: ${field} ${reason}`);
    this.name = 'CandleValidationError';
  }
}

/**
 * Builds a validated series. Throws CandleValidationError for the first bar that
 * has non-increasing time, a non-finite or non-positive price, a negative or
 * non-finite volume, or a high/low that does not contain open and close.
 */
export function createCandles(cols: CandleColumns): Candles {
  const n = cols.time.length;
  for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (cols[f].length !== n) {
      throw new CandleValidationError(Math.min(n, cols[f].length), f, `column has ${cols[f].length} values, time has ${n}`);
    }
  }
  const candles: Candles = {
    time: toFloat64(cols.time),
    open: toFloat64(cols.open),
    high: toFloat64(cols.high),
    low: toFloat64(cols.low),
    close: toFloat64(cols.close),
    volume: toFloat64(cols.volume),
    length: n,
  };
  const bad = findInvalidBar(candles);
  if (bad) throw bad;
  return candles;
}

/** Returns the error for the first invalid bar, or null when the series is valid. */
export function findInvalidBar(c: Candles): CandleValidationError | null {
  const { time, open, high, low, close, volume } = c;
  for (let i = 0; i < c.length; i++) {
    const t = time[i];
    if (!Number.isFinite(t)) return new CandleValidationError(i, 'time', `is not a finite number (${t})`);
    if (i > 0 && !(t > time[i - 1])) {
      return new CandleValidationError(i, 'time', `${t} is not after the previous bar's ${time[i - 1]} (time must strictly increase)`);
    }
    // The candle's own invariants: the one rule every source applies (src/shared/market/candleRules.ts).
    const p = barProblem(open[i], high[i], low[i], close[i], volume[i]);
    if (p) return new CandleValidationError(i, p.field, p.reason);
  }
  return null;
}

/** A view of bars [from, to) sharing memory with the source (no copy). */
export function sliceCandles(c: Candles, from: number, to: number = c.length): Candles {
  const a = Math.max(0, Math.min(from, c.length));
  const b = Math.max(a, Math.min(to, c.length));
  return {
    time: c.time.subarray(a, b),
    open: c.open.subarray(a, b),
    high: c.high.subarray(a, b),
    low: c.low.subarray(a, b),
    close: c.close.subarray(a, b),
    volume: c.volume.subarray(a, b),
    length: b - a,
  };
}

/** Index of the first bar with time >= t (binary search; c.length when none). */
export function lowerBound(c: Candles, t: number): number {
  let lo = 0, hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bars whose open time is within [fromMs, toMs) — either bound may be omitted. */
export function rangeCandles(c: Candles, fromMs?: number, toMs?: number): Candles {
  const a = fromMs === undefined ? 0 : lowerBound(c, fromMs);
  const b = toMs === undefined ? c.length : lowerBound(c, toMs);
  return sliceCandles(c, a, b);
}


function toFloat64(a: ArrayLike<number>): Float64Array {
  return a instanceof Float64Array ? a : Float64Array.from(a);
}
