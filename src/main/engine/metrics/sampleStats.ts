/**
 * The few pandas/numpy reductions the stats need, with their NaN rules:
 * pandas' mean/var/std/max/min skip NaN and give NaN for too few values;
 * numpy's cov does not skip NaN.
 */

export function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (Number.isNaN(x)) continue;
    sum += x;
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/** Sample variance (ddof = 1) over the non-NaN values; NaN with fewer than two. */
export function sampleVariance(xs: ArrayLike<number>): number {
  const count = countNonNaN(xs);
  return count < 2 ? NaN : squaredDeviations(xs, mean(xs)) / (count - 1);
}

// The loops below return what they accumulate as is, with no arithmetic after them:
// V8 may compile a long loop on its own mid-call (on-stack replacement), and code
// after it without type feedback then sends every later call back to unoptimized
// code, which boxes a number per element.

function countNonNaN(xs: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i])) count++;
  return count;
}

/** Σ (x - m)² over the non-NaN values, in order. */
export function squaredDeviations(xs: ArrayLike<number>, m: number): number {
  let ss = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (Number.isNaN(x)) continue;
    ss += (x - m) * (x - m);
  }
  return ss;
}

/** Number of values > 0 (`len(xs[xs > 0])`). */
export function countPositive(xs: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] > 0) count++;
  return count;
}

/** Number of values < 0. */
export function countNegative(xs: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] < 0) count++;
  return count;
}

/** Σ of the values > 0, in order (`xs[xs > 0].sum()`), without the filtered copy. */
export function sumPositive(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] > 0) s += xs[i];
  return s;
}

/** Σ of the values < 0, in order. */
export function sumNegative(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] < 0) s += xs[i];
  return s;
}

export function sampleStd(xs: ArrayLike<number>): number {
  return Math.sqrt(sampleVariance(xs));
}

export function max(xs: ArrayLike<number>): number {
  let best = NaN;
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i]) && !(xs[i] <= best)) best = xs[i];
  return best;
}

export function min(xs: ArrayLike<number>): number {
  let best = NaN;
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i]) && !(xs[i] >= best)) best = xs[i];
  return best;
}

export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i])) s += xs[i];
  return s;
}

/**
 * `np.cov(a, b)[0, 1] / np.cov(a, b)[1, 1]`: the regression slope of a on b
 * (both sample covariances, NaN-propagating like numpy).
 */
export function slope(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let cab = 0;
  let cbb = 0;
  for (let i = 0; i < n; i++) {
    cab += (a[i] - ma) * (b[i] - mb);
    cbb += (b[i] - mb) * (b[i] - mb);
  }
  return cab / (n - 1) / (cbb / (n - 1));
}

/**
 * `slope(log(a[i] / a[i-1]), log(b[i] / b[i-1]))` over i = 1..n-1 without storing the
 * two series of log returns (16 MB for a million bars): they are computed again in
 * the second pass, each value exactly as the first time, and summed in the same order,
 * so the result is slope()'s to the last bit.
 *
 * The bars go through in blocks of BLOCK_BARS, one call each, rather than in one long
 * loop: V8 compiles a loop that runs long inside a single call on its own (on-stack
 * replacement), before the code after it has type feedback, and in Node 20 that
 * compiled loop is then left at the end of every call and re-entered late in the next
 * one, so most bars ran unoptimized (3-6x slower, a boxed number per operation).
 * A function called block after block is compiled whole, with its feedback.
 */
export function logReturnSlope(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length - 1;
  const sums = new PairSums();
  for (let from = 1; from <= n; from += BLOCK_BARS) sumLogReturns(a, b, from, Math.min(n, from + BLOCK_BARS - 1), sums);
  const ma = sums.x / n;
  const mb = sums.y / n;
  const cov = new PairSums();
  for (let from = 1; from <= n; from += BLOCK_BARS) sumCoDeviations(a, b, from, Math.min(n, from + BLOCK_BARS - 1), ma, mb, cov);
  return cov.x / (n - 1) / (cov.y / (n - 1));
}

/** Bars per call of the block loops (see logReturnSlope). */
export const BLOCK_BARS = 4096;

/** Two running sums carried from block to block. */
class PairSums {
  x = 0;
  y = 0;
}

// The logarithm is skipped where it is exactly 0: an unchanged, finite, non-zero value
// (x / x is exactly 1). Written out in the loops rather than in a helper: a call the
// compiler leaves out of line returns each double boxed, a heap allocation per bar.

/** Adds the log returns of a and b over bars from..to (inclusive) to sums.x and sums.y. */
function sumLogReturns(a: ArrayLike<number>, b: ArrayLike<number>, from: number, to: number, sums: PairSums): void {
  let sx = sums.x;
  let sy = sums.y;
  for (let i = from; i <= to; i++) {
    const a1 = a[i], a0 = a[i - 1], b1 = b[i], b0 = b[i - 1];
    sx += a1 === a0 && a0 !== 0 && Number.isFinite(a0) ? 0 : Math.log(a1 / a0);
    sy += b1 === b0 && b0 !== 0 && Number.isFinite(b0) ? 0 : Math.log(b1 / b0);
  }
  sums.x = sx;
  sums.y = sy;
}

/** Adds (x - ma)(y - mb) and (y - mb)² over bars from..to to cov.x and cov.y (x, y: the log returns). */
function sumCoDeviations(a: ArrayLike<number>, b: ArrayLike<number>, from: number, to: number, ma: number, mb: number, cov: PairSums): void {
  let cab = cov.x;
  let cbb = cov.y;
  for (let i = from; i <= to; i++) {
    const a1 = a[i], a0 = a[i - 1], b1 = b[i], b0 = b[i - 1];
    const x = a1 === a0 && a0 !== 0 && Number.isFinite(a0) ? 0 : Math.log(a1 / a0);
    const y = b1 === b0 && b0 !== 0 && Number.isFinite(b0) ? 0 : Math.log(b1 / b0);
    cab += (x - ma) * (y - mb);
    cbb += (y - mb) * (y - mb);
  }
  cov.x = cab;
  cov.y = cbb;
}

/** |u| below this: log((1 + u) / (1 - u)) from logRatioSeries, else from Math.log. */
export const SERIES_LIMIT = 0.01;

/**
 * log((1 + u) / (1 - u)) = 2·atanh(u) = 2u (1 + u²/3 + u⁴/5 + u⁶/7 + ...) for |u| < 0.01,
 * stopped where the next term (u⁸/9 < 1.2e-17 relative) is below a double's rounding.
 * The log return of a0 -> a1 with u = (a1 - a0) / (a1 + a0). Small enough to be inlined
 * into every bar loop that uses it (an out-of-line call would box its result).
 */
export function logRatioSeries(u: number): number {
  const u2 = u * u;
  return u * (2 + u2 * (2 / 3 + u2 * (2 / 5 + u2 * (2 / 7))));
}

/** Python's `x or y` for a float: 0 is falsy (NaN is not). */
export function orNaN(x: number): number {
  return x === 0 ? NaN : x;
}


/**
 * logReturnSlope(equity, close) with the close's log returns already known (they depend
 * on the candles only: candleProfile.ts keeps them per candle set), in ONE pass over the
 * equity instead of two over both series: Σ (x - mx)(y - my) = Σ x·y - my·Σ x, because
 * Σ (y - my) = 0. Each equity log return x is computed once; where the equity did not
 * change it is exactly 0 and costs nothing.
 *
 * log(a1 / a0) is taken as 2·atanh(u) with u = (a1 - a0) / (a1 + a0), from its series
 * when |u| < 0.01 (logRatioSeries: as accurate as Math.log of the rounded ratio, in a
 * fraction of the time) and from Math.log otherwise, which also keeps
 * the NaN and infinity cases of logReturnSlope. The slope differs from logReturnSlope's
 * in the last few digits only (summation order).
 */
export function logReturnSlopeOnKnown(a: ArrayLike<number>, y: Float64Array, yMean: number, ySquaredDeviations: number): number {
  const n = a.length - 1;
  const sums = new PairSums();
  for (let from = 1; from <= n; from += BLOCK_BARS) sumLogReturnProducts(a, y, from, Math.min(n, from + BLOCK_BARS - 1), sums);
  return slopeFromSums(sums.x, sums.y, yMean, ySquaredDeviations);
}

/** The slope from Σ x, Σ x·y and y's mean and squared deviations (see logReturnSlopeOnKnown). */
export function slopeFromSums(sumX: number, sumXY: number, yMean: number, ySquaredDeviations: number): number {
  return (sumXY - yMean * sumX) / ySquaredDeviations;
}

/** Adds the log returns x of a over bars from..to (inclusive) to sums.x, and x·y[i] to sums.y. */
function sumLogReturnProducts(a: ArrayLike<number>, y: Float64Array, from: number, to: number, sums: PairSums): void {
  let sx = sums.x;
  let sxy = sums.y;
  let a0 = a[from - 1];
  for (let i = from; i <= to; i++) {
    const a1 = a[i];
    if (a1 !== a0 || a0 === 0 || !Number.isFinite(a0)) {
      const u = (a1 - a0) / (a1 + a0);
      const x = u > -SERIES_LIMIT && u < SERIES_LIMIT
        ? logRatioSeries(u)
        : Math.log(a1 / a0);
      sx += x;
      sxy += x * y[i];
    }
    a0 = a1;
  }
  sums.x = sx;
  sums.y = sxy;
}
