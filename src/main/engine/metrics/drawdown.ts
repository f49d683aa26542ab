/**
 * Drawdowns as backtesting.py measures them: the fraction below the running
 * equity peak, and drawdown periods that run from the bar of one peak (where
 * the drawdown is exactly 0) to the next such bar, or to the last bar when the
 * curve ends under water.
 */

/** Fraction of equity below its running peak at each bar (0 at a new high, 0.25 = 25% under). */
export function drawdownSeries(equity: ArrayLike<number>): Float64Array {
  const dd = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    // np.maximum.accumulate propagates NaN from the first NaN on.
    peak = Number.isNaN(e) || Number.isNaN(peak) ? NaN : Math.max(peak, e);
    dd[i] = 1 - e / peak;
  }
  return dd;
}

/**
 * What the statistics need from the drawdown series, gathered in one pass without
 * storing it. Drawdown periods are backtesting.py's `compute_drawdown_duration_peaks`:
 * the candidate boundaries are the bars with zero drawdown plus the last bar; a period
 * is counted between consecutive boundaries at least two bars apart. Where there is
 * no such period backtesting.py falls back to the raw series (`meanNonZero`).
 *
 * A class with numbers only (no nested or nullable object): one stable shape, so the
 * optimized code that builds and reads it is not thrown away when a later run has no
 * drawdown period.
 */
export class DrawdownSummary {
  /** Deepest drawdown (fraction), NaN-skipping max of the series (NaN when every value is NaN). */
  readonly max: number;
  /** Number of drawdown periods (0: none, see above). */
  readonly periodCount: number;
  /** Mean over periods of the deepest drawdown inside each (both ends included), NaN-skipping. */
  readonly meanPeak: number;
  /** Longest and mean period, ms: time of the ending bar minus time of the starting peak. */
  readonly maxDurationMs: number;
  readonly meanDurationMs: number;
  /** Mean of the non-zero, non-NaN drawdowns: backtesting.py's fallback Avg. Drawdown. */
  readonly meanNonZero: number;

  // The means are taken here rather than after drawdownSummary's loop: that loop is
  // often compiled on its own (on-stack replacement) before any code after it has run,
  // and arithmetic there without type feedback would throw the compiled loop away on
  // every call.
  constructor(
    max: number, periodCount: number, peakSum: number, peakCount: number, maxDurationMs: number,
    durationSum: number, durationCount: number, nonZeroSum: number, nonZeroCount: number,
  ) {
    this.max = max;
    this.periodCount = periodCount;
    this.meanPeak = peakCount === 0 ? NaN : peakSum / peakCount;
    this.maxDurationMs = maxDurationMs;
    this.meanDurationMs = durationCount === 0 ? NaN : durationSum / durationCount;
    this.meanNonZero = nonZeroCount === 0 ? NaN : nonZeroSum / nonZeroCount;
  }
}

/**
 * The drawdown series reduced on the fly: the same values `drawdownSeries` gives, in
 * the same order, folded into sums and maxima as they appear (so the results are
 * those of the pandas reductions over the stored series) with O(1) memory; a backtest
 * over millions of bars otherwise holds a Float64Array and several number arrays of
 * that length just for these few figures.
 */
export function drawdownSummary(equity: ArrayLike<number>, time: ArrayLike<number>): DrawdownSummary {
  const n = equity.length;
  let peak = -Infinity;
  let max = NaN;
  let nonZeroSum = 0;
  let nonZeroCount = 0;
  // Current period: starts at boundary `start` (-1 before the first zero-drawdown bar).
  let start = -1;
  let deepest = -Infinity;
  let periodCount = 0;
  let peakSum = 0;
  let peakCount = 0;
  let durationSum = 0;
  let durationCount = 0;
  let maxDuration = NaN;
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    // np.maximum.accumulate propagates NaN from the first NaN on.
    peak = Number.isNaN(e) || Number.isNaN(peak) ? NaN : Math.max(peak, e);
    const d = 1 - e / peak;
    // sampleStats.max: NaN skipped, first value taken as is.
    if (!Number.isNaN(d) && !(d <= max)) max = d;
    if (!Number.isNaN(d) && d !== 0) {
      nonZeroSum += d;
      nonZeroCount++;
    }
    // pandas max over the period skips NaN.
    if (d > deepest) deepest = d;
    if (d === 0 || i === n - 1) {
      if (start >= 0 && i > start + 1) {
        const duration = time[i] - time[start];
        periodCount++;
        // NaN-skipping like the pandas mean/max (only a non-finite time could give one).
        if (!Number.isNaN(duration)) {
          durationSum += duration;
          durationCount++;
          if (!(duration <= maxDuration)) maxDuration = duration;
        }
        if (deepest !== -Infinity) {
          peakSum += deepest;
          peakCount++;
        }
      }
      // The boundary bar opens the next period (and belongs to it).
      start = i;
      deepest = d > -Infinity ? d : -Infinity;
    }
  }
  return new DrawdownSummary(max, periodCount, peakSum, peakCount, maxDuration, durationSum, durationCount, nonZeroSum, nonZeroCount);
}
