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
  const m = mean(xs);
  let ss = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (Number.isNaN(x)) continue;
    ss += (x - m) * (x - m);
    count++;
  }
  return count < 2 ? NaN : ss / (count - 1);
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
 */
export function logReturnSlope(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length - 1;
  let ma = 0;
  let mb = 0;
  for (let i = 1; i <= n; i++) {
    ma += logRatio(a[i], a[i - 1]);
    mb += logRatio(b[i], b[i - 1]);
  }
  ma /= n;
  mb /= n;
  let cab = 0;
  let cbb = 0;
  for (let i = 1; i <= n; i++) {
    const x = logRatio(a[i], a[i - 1]);
    const y = logRatio(b[i], b[i - 1]);
    cab += (x - ma) * (y - mb);
    cbb += (y - mb) * (y - mb);
  }
  return cab / (n - 1) / (cbb / (n - 1));
}

/** `Math.log(x / prev)`, skipping the logarithm where it is exactly 0 (an unchanged, finite, non-zero value). */
function logRatio(x: number, prev: number): number {
  return x === prev && prev !== 0 && Number.isFinite(prev) ? 0 : Math.log(x / prev);
}

/** Python's `x or y` for a float: 0 is falsy (NaN is not). */
export function orNaN(x: number): number {
  return x === 0 ? NaN : x;
}
