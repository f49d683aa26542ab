/**
 * The per-bar part of the statistics in one pass over the equity: drawdowns (as
 * drawdown.ts's drawdownSummary) and the sums Beta needs (as sampleStats'
 * logReturnSlopeOnKnown), with the same results to the last bit and a fraction of the
 * work. A backtest's statistics otherwise cost more than its simulation.
 *
 * Why it can skip most of the work, exactly:
 * - Between two bars at the running peak the peak is constant, so the deepest
 *   drawdown of that stretch, max(1 - e / peak), is 1 - min(e) / peak: division and
 *   subtraction round monotonically, so the maximum of the rounded values is the
 *   rounded value at the minimum. One division per drawdown period instead of per bar.
 * - A bar whose equity did not change has a log return of exactly 0.
 *
 * It covers curves of finite, non-negative equity starting above 0 (every backtest's:
 * a bankrupt account sits at 0) that have at least one drawdown period. Anything else
 * returns null and the caller uses the bar-by-bar definitions, which then also supply
 * the mean of the non-zero drawdowns backtesting.py falls back to without a period.
 */
import { DrawdownSummary } from './drawdown';
import { BLOCK_BARS } from './sampleStats';

export interface EquityScan {
  readonly drawdowns: DrawdownSummary;
  /** Σ of the equity log returns and Σ of their products with `closeReturns` (NaN without it). */
  readonly logReturnSum: number;
  readonly logReturnProductSum: number;
}

// Running state carried from block to block (see drawdown.ts on why a Float64Array).
const PEAK = 0;
const MAX = 1;
const START = 2;
/** Lowest equity since START, Infinity when none below the peak. */
const LOWEST = 3;
const PERIOD_COUNT = 4;
const PEAK_SUM = 5;
const PEAK_COUNT = 6;
const DURATION_SUM = 7;
const DURATION_COUNT = 8;
const MAX_DURATION = 9;
const SX = 10;
const SXY = 11;
/** 1 once a value outside the fast path's domain was seen. */
const OUT = 12;
const STATE_SIZE = 13;

/**
 * Drawdowns of `equity` (bar open times `time`) and, when `closeReturns` is given, the
 * log-return sums for Beta; null when the curve is outside the domain described above.
 */
export function scanEquity(equity: ArrayLike<number>, time: ArrayLike<number>, closeReturns: Float64Array | null): EquityScan | null {
  const n = equity.length;
  if (n === 0 || !(equity[0] > 0 && equity[0] < Infinity)) return null;
  const s = new Float64Array(STATE_SIZE);
  s[PEAK] = -Infinity;
  s[MAX] = 0;
  s[START] = -1;
  s[LOWEST] = Infinity;
  s[MAX_DURATION] = NaN;
  const y = closeReturns ?? ZERO;
  for (let from = 0; from < n && s[OUT] === 0; from += BLOCK_BARS) scanBlock(equity, time, y, closeReturns !== null, from, Math.min(n, from + BLOCK_BARS), n - 1, s);
  if (s[OUT] !== 0 || s[PERIOD_COUNT] === 0) return null;
  const drawdowns = new DrawdownSummary(
    s[PEAK], s[MAX], s[PERIOD_COUNT], s[PEAK_SUM], s[PEAK_COUNT], s[MAX_DURATION], s[DURATION_SUM], s[DURATION_COUNT],
    // Only read when there is no period, which this path never returns.
    NaN, 0,
  );
  return {
    drawdowns,
    logReturnSum: closeReturns === null ? NaN : s[SX],
    logReturnProductSum: closeReturns === null ? NaN : s[SXY],
  };
}

const ZERO = new Float64Array(1);

function scanBlock(
  equity: ArrayLike<number>, time: ArrayLike<number>, y: Float64Array, withReturns: boolean,
  from: number, to: number, last: number, s: Float64Array,
): void {
  let peak = s[PEAK];
  let max = s[MAX];
  let start = s[START];
  let lowest = s[LOWEST];
  let periodCount = s[PERIOD_COUNT];
  let peakSum = s[PEAK_SUM];
  let peakCount = s[PEAK_COUNT];
  let durationSum = s[DURATION_SUM];
  let durationCount = s[DURATION_COUNT];
  let maxDuration = s[MAX_DURATION];
  let sx = s[SX];
  let sxy = s[SXY];
  let a0 = from === 0 ? equity[0] : equity[from - 1];
  let i = from;
  for (; i < to; i++) {
    const e = equity[i];
    // An unchanged value was checked when it first appeared (and equity[0], by scanEquity):
    // the domain check and the log return are only for values that changed.
    if (e !== a0 || a0 === 0) {
      if (!(e >= 0 && e < Infinity)) break;
      // Log return as logReturnSlopeOnKnown computes it (a0 is finite here; i > 0, as
      // equity[0] is above 0 and equal to itself).
      if (withReturns) {
        const u = (e - a0) / (e + a0);
        const u2 = u * u;
        // From 0 (a bankrupt account): log(0 / 0) = NaN, log(e / 0) = Infinity, without
        // calling Math.log for every bar after the account ran out of money.
        const x = a0 === 0
          ? (e === 0 ? NaN : Infinity)
          : u > -0.01 && u < 0.01
            ? 2 * u * (1 + u2 * (1 / 3 + u2 * (1 / 5 + u2 * (1 / 7 + u2 * (1 / 9)))))
            : Math.log(e / a0);
        sx += x;
        sxy += x * y[i];
      }
      a0 = e;
    }
    const atPeak = e >= peak;
    if (!atPeak && e < lowest) lowest = e;
    if (atPeak || i === last) {
      // The stretch since `start` ends here: its deepest drawdown (0 when no bar went
      // under the peak), and a drawdown period when it spans two bars or more.
      let deepest = 0;
      if (lowest !== Infinity) {
        deepest = 1 - lowest / peak;
        if (deepest > max) max = deepest;
      }
      if (start >= 0 && i > start + 1) {
        periodCount++;
        peakSum += deepest;
        peakCount++;
        const duration = time[i] - time[start];
        if (!Number.isNaN(duration)) {
          durationSum += duration;
          durationCount++;
          if (!(duration <= maxDuration)) maxDuration = duration;
        }
      }
      if (atPeak) peak = e;
      start = i;
      lowest = Infinity;
    }
  }
  if (i < to) s[OUT] = 1;
  s[PEAK] = peak;
  s[MAX] = max;
  s[START] = start;
  s[LOWEST] = lowest;
  s[PERIOD_COUNT] = periodCount;
  s[PEAK_SUM] = peakSum;
  s[PEAK_COUNT] = peakCount;
  s[DURATION_SUM] = durationSum;
  s[DURATION_COUNT] = durationCount;
  s[MAX_DURATION] = maxDuration;
  s[SX] = sx;
  s[SXY] = sxy;
}
