/**
 * Percentiles of a sample by linear interpolation between closest ranks, numpy's default
 * (`np.percentile(x, p)`, method 'linear'): with the n values sorted ascending, the p-th
 * percentile sits at the fractional position h = (n - 1) · p / 100 and is
 * x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋]). p = 0 is the minimum, p = 100 the maximum.
 * One definition for every robustness figure, so a table and a fan chart agree.
 */

/** The percentile key a result uses: 5 → 'p5', 2.5 → 'p2.5'. */
export function percentileKey(p: number): string {
  return `p${p}`;
}

/** Checks a list of percentiles (each in [0, 100]); returns it sorted ascending without duplicates. */
export function checkPercentiles(percentiles: readonly number[], input = 'percentiles'): number[] {
  if (percentiles.length === 0) throw new RangeError(`${input} is empty; give at least one percentile in [0, 100]`);
  for (const p of percentiles) {
    if (!(typeof p === 'number' && p >= 0 && p <= 100)) throw new RangeError(`${input}: ${String(p)} is not a percentile in [0, 100]`);
  }
  return [...new Set(percentiles)].sort((a, b) => a - b);
}

/** The p-th percentile of values already sorted ascending (NaN when empty). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const frac = h - lo;
  return frac === 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

/** Sorts `values` in place (numeric order) and returns the requested percentiles keyed 'p5', … */
export function percentilesInPlace(values: Float64Array | Float32Array, percentiles: readonly number[]): Record<string, number> {
  values.sort();
  const out: Record<string, number> = {};
  for (const p of percentiles) out[percentileKey(p)] = percentileOfSorted(values, p);
  return out;
}
