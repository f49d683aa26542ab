import { BLOCK_BARS } from './sampleStats';

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
  /** Highest equity (the last running peak): NaN when any value is NaN, as the np.maximum.accumulate it comes from. */
  readonly peak: number;

  constructor(
    peak: number, max: number, periodCount: number, peakSum: number, peakCount: number, maxDurationMs: number,
    durationSum: number, durationCount: number, nonZeroSum: number, nonZeroCount: number,
  ) {
    this.peak = peak;
    this.max = max;
    this.periodCount = periodCount;
    this.meanPeak = peakCount === 0 ? NaN : peakSum / peakCount;
    this.maxDurationMs = maxDurationMs;
    this.meanDurationMs = durationCount === 0 ? NaN : durationSum / durationCount;
    this.meanNonZero = nonZeroCount === 0 ? NaN : nonZeroSum / nonZeroCount;
  }
}

// Running state of drawdownSummary's scan, carried from block to block in a
// Float64Array: its elements always load as plain doubles, so the loop keeps every
// accumulator unboxed (object fields read back could make V8 box each update).
const PEAK = 0;
const MAX = 1;
const NON_ZERO_SUM = 2;
const NON_ZERO_COUNT = 3;
/** Bar that opened the current period (-1 before the first zero-drawdown bar). */
const START = 4;
/** Deepest drawdown since START, -Infinity when none. */
const DEEPEST = 5;
const PERIOD_COUNT = 6;
const PEAK_SUM = 7;
const PEAK_COUNT = 8;
const DURATION_SUM = 9;
const DURATION_COUNT = 10;
const MAX_DURATION = 11;
const STATE_SIZE = 12;

/**
 * The drawdown series reduced on the fly: the same values `drawdownSeries` gives, in
 * the same order, folded into sums and maxima as they appear (so the results are
 * those of the pandas reductions over the stored series) with O(1) memory; a backtest
 * over millions of bars otherwise holds a Float64Array and several number arrays of
 * that length just for these few figures. Blocks of bars, one call each: see
 * logReturnSlope (sampleStats.ts) for why.
 */
export function drawdownSummary(equity: ArrayLike<number>, time: ArrayLike<number>): DrawdownSummary {
  const n = equity.length;
  const s = new Float64Array(STATE_SIZE);
  s[PEAK] = -Infinity;
  s[MAX] = NaN;
  s[START] = -1;
  s[DEEPEST] = -Infinity;
  s[MAX_DURATION] = NaN;
  for (let from = 0; from < n; from += BLOCK_BARS) scanDrawdowns(equity, time, from, Math.min(n, from + BLOCK_BARS), n - 1, s);
  return new DrawdownSummary(
    s[PEAK], s[MAX], s[PERIOD_COUNT], s[PEAK_SUM], s[PEAK_COUNT], s[MAX_DURATION], s[DURATION_SUM], s[DURATION_COUNT], s[NON_ZERO_SUM], s[NON_ZERO_COUNT],
  );
}

/** drawdownSummary over bars [from, to); `last` is the series' last bar (it closes a period). */
function scanDrawdowns(equity: ArrayLike<number>, time: ArrayLike<number>, from: number, to: number, last: number, s: Float64Array): void {
  let peak = s[PEAK];
  let max = s[MAX];
  let nonZeroSum = s[NON_ZERO_SUM];
  let nonZeroCount = s[NON_ZERO_COUNT];
  let start = s[START];
  let deepest = s[DEEPEST];
  let periodCount = s[PERIOD_COUNT];
  let peakSum = s[PEAK_SUM];
  let peakCount = s[PEAK_COUNT];
  let durationSum = s[DURATION_SUM];
  let durationCount = s[DURATION_COUNT];
  let maxDuration = s[MAX_DURATION];
  for (let i = from; i < to; i++) {
    const e = equity[i];
    // np.maximum.accumulate propagates NaN from the first NaN on; so does Math.max
    // (NaN as soon as either argument is NaN). A conditional NaN assignment here would
    // cost V8 its unboxed double for `peak`: a heap number per bar.
    peak = Math.max(peak, e);
    const d = 1 - e / peak;
    // sampleStats.max: NaN skipped, first value taken as is.
    if (!Number.isNaN(d) && !(d <= max)) max = d;
    if (!Number.isNaN(d) && d !== 0) {
      nonZeroSum += d;
      nonZeroCount++;
    }
    // pandas max over the period skips NaN.
    if (d > deepest) deepest = d;
    if (d === 0 || i === last) {
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
  s[PEAK] = peak;
  s[MAX] = max;
  s[NON_ZERO_SUM] = nonZeroSum;
  s[NON_ZERO_COUNT] = nonZeroCount;
  s[START] = start;
  s[DEEPEST] = deepest;
  s[PERIOD_COUNT] = periodCount;
  s[PEAK_SUM] = peakSum;
  s[PEAK_COUNT] = peakCount;
  s[DURATION_SUM] = durationSum;
  s[DURATION_COUNT] = durationCount;
  s[MAX_DURATION] = maxDuration;
}

/**
 * DrawdownSummary.max alone (the optimizer's summary needs nothing else): the same
 * values in the same order, so the same number to the last bit, from a lighter scan.
 */
export function maxDrawdown(equity: ArrayLike<number>): number {
  const n = equity.length;
  const s = new Float64Array(2);
  s[PEAK] = -Infinity;
  s[MAX] = NaN;
  for (let from = 0; from < n; from += BLOCK_BARS) scanMaxDrawdown(equity, from, Math.min(n, from + BLOCK_BARS), s);
  return s[MAX];
}

function scanMaxDrawdown(equity: ArrayLike<number>, from: number, to: number, s: Float64Array): void {
  let peak = s[PEAK];
  let max = s[MAX];
  for (let i = from; i < to; i++) {
    const e = equity[i];
    // As scanDrawdowns: NaN-propagating peak, NaN-skipping max of 1 - e / peak.
    peak = Math.max(peak, e);
    const d = 1 - e / peak;
    if (!Number.isNaN(d) && !(d <= max)) max = d;
  }
  s[PEAK] = peak;
  s[MAX] = max;
}
