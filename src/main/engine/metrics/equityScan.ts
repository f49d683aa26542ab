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
import { BLOCK_BARS, logRatioSeries, SERIES_LIMIT } from './sampleStats';

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
export function scanEquity(equity: Float64Array, time: Float64Array, closeReturns: Float64Array | null): EquityScan | null {
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

/**
 * One block: the drawdowns alone (the optimizer's summary needs no Beta), or the drawdowns
 * and the log-return sums in one loop (fusedBlock).
 */
function scanBlock(
  equity: Float64Array, time: Float64Array, y: Float64Array, withReturns: boolean,
  from: number, to: number, last: number, s: Float64Array,
): void {
  // Outside the domain: the caller returns null, so nothing else of the block is needed.
  const inDomain = withReturns ? fusedBlock(equity, time, y, from, to, last, s) : drawdownBlock(equity, time, from, to, last, s);
  if (!inDomain) s[OUT] = 1;
}

/** The log-return sums of fusedBlock bar by bar, as logReturnSlopeOnKnown computes them. */
function exactReturnSums(equity: Float64Array, y: Float64Array, from: number, to: number, s: Float64Array): void {
  let sx = s[SX];
  let sxy = s[SXY];
  let a0 = from === 0 ? equity[0] : equity[from - 1];
  for (let i = from; i < to; i++) {
    const e = equity[i];
    if (e !== a0 || a0 === 0) {
      const u = (e - a0) / (e + a0);
      // From 0 (a bankrupt account): log(0 / 0) = NaN, log(e / 0) = Infinity, without
      // calling Math.log for every bar after the account ran out of money.
      const x = a0 === 0
        ? (e === 0 ? NaN : Infinity)
        : u > -SERIES_LIMIT && u < SERIES_LIMIT
          ? logRatioSeries(u)
          : Math.log(e / a0);
      sx += x;
      sxy += x * y[i];
      a0 = e;
    }
  }
  s[SX] = sx;
  s[SXY] = sxy;
}

/**
 * The drawdown state over [from, to); false when the equity leaves the domain. The check
 * costs nothing per bar: a NaN or +Infinity fails `e < peak` and lands on the rare path,
 * and a negative value can only lower `lowest`, which is checked when its stretch closes
 * (every stretch closes, at the latest on the last bar).
 */
function drawdownBlock(equity: Float64Array, time: Float64Array, from: number, to: number, last: number, s: Float64Array): boolean {
  let peak = s[PEAK];
  let lowest = s[LOWEST];
  for (let i = from; i < to; i++) {
    const e = equity[i];
    // Most bars sit under the peak and above the stretch's lowest so far: two compares.
    if (e < peak && i !== last) {
      if (e < lowest) lowest = e;
      continue;
    }
    const next = stretchEnd(time, i, e, peak, lowest, s);
    if (next < 0) return false;
    peak = next;
    lowest = Infinity;
  }
  s[PEAK] = peak;
  s[LOWEST] = lowest;
  return true;
}

/**
 * drawdownBlock and the log-return sums for Beta (Σ x, Σ x·y) in one pass over the block.
 * Values outside the domain fail the drawdown part, and the block's sums are then unused.
 *
 * The sums take every bar through the series, with no branch on the data: a bar whose
 * equity did not change gets u = +0, a term of +0 that leaves each sum bit for bit as it
 * was (y is finite), as the bar-by-bar definition skipping it does. Testing "changed?" per
 * bar cost twice the arithmetic, mispredicted all the time. A block with a move too large
 * for the series (or a value outside the domain) is summed again by exactReturnSums from
 * the same starting sums: the definition's result, always.
 */
function fusedBlock(equity: Float64Array, time: Float64Array, y: Float64Array, from: number, to: number, last: number, s: Float64Array): boolean {
  let sx = s[SX];
  let sxy = s[SXY];
  let a0 = from === 0 ? equity[0] : equity[from - 1];
  let outOfRange = false;
  let peak = s[PEAK];
  let lowest = s[LOWEST];
  // Locals, not the imports: V8 reloads and checks an imported binding on every bar.
  const limit = SERIES_LIMIT;
  const series = logRatioSeries;
  // The common case, two bars at a time: both under the peak and before the last bar.
  // The sums take their terms in bar order, as one bar at a time does (the same bits);
  // the pair shares the loop's fixed costs (V8 re-checks every array on each pass).
  const pairsEnd = Math.min(to, last) - 1;
  let i = from;
  while (i < to) {
    for (; i < pairsEnd; i += 2) {
      const e0 = equity[i];
      const e1 = equity[i + 1];
      if (!(e0 < peak && e1 < peak)) break;
      const u0 = (e0 - a0) / (e0 + a0);
      const u1 = (e1 - e0) / (e1 + e0);
      // The series' range in logReturnSlopeOnKnown (NaN is outside). A flag, not a choice
      // of x: a call in the loop's path costs every bar.
      if (!(Math.abs(u0) < limit && Math.abs(u1) < limit)) outOfRange = true;
      const x0 = series(u0);
      const x1 = series(u1);
      sx += x0;
      sxy += x0 * y[i];
      sx += x1;
      sxy += x1 * y[i + 1];
      a0 = e1;
      if (e0 < lowest) lowest = e0;
      if (e1 < lowest) lowest = e1;
    }
    if (i >= to) break;
    // One bar on the general path: a new peak, the last bar, or a pair that includes one.
    const e = equity[i];
    const u = (e - a0) / (e + a0);
    if (!(Math.abs(u) < limit)) outOfRange = true;
    const x = series(u);
    sx += x;
    sxy += x * y[i];
    a0 = e;
    if (e < peak && i !== last) {
      if (e < lowest) lowest = e;
    } else {
      const next = stretchEnd(time, i, e, peak, lowest, s);
      if (next < 0) return false;
      peak = next;
      lowest = Infinity;
    }
    i++;
  }
  s[PEAK] = peak;
  s[LOWEST] = lowest;
  if (outOfRange) {
    exactReturnSums(equity, y, from, to, s);
  } else {
    s[SX] = sx;
    s[SXY] = sxy;
  }
  return true;
}

/**
 * The rare path of the drawdown loops, at bar i: a new peak or the last bar (or a value to
 * check). Returns -1 when `e` or the stretch's lowest is outside the domain; else closes the
 * stretch since s[START] (it ends here) and returns the peak after bar i.
 */
function stretchEnd(time: Float64Array, i: number, e: number, peak: number, lowest: number, s: Float64Array): number {
  if (!(e >= 0 && e < Infinity)) return -1;
  if (e < peak && e < lowest) lowest = e;
  if (lowest < 0) return -1;
  closeStretch(time, i, peak, lowest, s);
  return e >= peak ? e : peak;
}

/**
 * The stretch since s[START] ends at bar i: its deepest drawdown (0 when no bar went under
 * the peak), and a drawdown period when it spans two bars or more. Rare (once per new
 * peak), so it lives outside the bar loop.
 */
function closeStretch(time: Float64Array, i: number, peak: number, lowest: number, s: Float64Array): void {
  const start = s[START];
  let deepest = 0;
  if (lowest !== Infinity) {
    deepest = 1 - lowest / peak;
    if (deepest > s[MAX]) s[MAX] = deepest;
  }
  if (start >= 0 && i > start + 1) {
    s[PERIOD_COUNT]++;
    s[PEAK_SUM] += deepest;
    s[PEAK_COUNT]++;
    const duration = time[i] - time[start];
    if (!Number.isNaN(duration)) {
      s[DURATION_SUM] += duration;
      s[DURATION_COUNT]++;
      if (!(duration <= s[MAX_DURATION])) s[MAX_DURATION] = duration;
    }
  }
  s[START] = i;
}
