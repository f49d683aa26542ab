/**
 * The bar magnifier: when a trade's stop-loss and take-profit both lie inside one bar,
 * the bar alone cannot say which was touched first (SimBroker then assumes the adverse
 * one). Finer bars covering it can: the first of them that reaches either level decides.
 * The caller loads the finer bars (1m); the engine only reads them.
 */
import type { Candles } from './candles';

/** Which rule settled same-bar stop-loss / take-profit cases, and how often each way. */
export interface MagnifierReport {
  /** True when finer bars were given (otherwise every case took the adverse rule). */
  readonly used: boolean;
  readonly resolvedTakeProfitFirst: number;
  readonly resolvedStopFirst: number;
  /** No complete finer bars for the bar, or both levels inside one finer bar: the stop-loss. */
  readonly unresolvedAdverse: number;
}

/** The answer for one bar: take-profit first, stop-loss first, or unknown. */
export const TAKE_PROFIT_FIRST = 1;
export const STOP_FIRST = -1;
export const UNKNOWN_ORDER = 0;

export class BarMagnifier {
  private readonly fine: Candles;
  private readonly fineStep: number;
  private readonly coarseTime: Float64Array;
  /** Fine bar where the last search ended: bars are asked for in time order, so searches start here. */
  private cursor = 0;

  /** `coarseTime`: open times of the bars being traded (the rows SimBroker's bar points at). */
  constructor(fine: Candles, coarseTime: Float64Array) {
    if (fine.length < 2) throw new RangeError(`magnifier: needs at least 2 finer bars (got ${fine.length})`);
    this.fine = fine;
    this.fineStep = fine.time[1] - fine.time[0];
    this.coarseTime = coarseTime;
  }

  /**
   * Which level of a trade (long when `long`) the coarse bar at `row` touched first.
   * Unknown when the finer bars do not cover the whole bar or one finer bar holds both.
   */
  firstHit(row: number, long: boolean, sl: number, tp: number): number {
    const t = this.coarseTime;
    const start = t[row];
    // The bar ends where the next one opens; the last bar is as long as the one before it.
    const end = row + 1 < t.length ? t[row + 1] : row > 0 ? start + (start - t[row - 1]) : NaN;
    if (!(end > start)) return UNKNOWN_ORDER;
    const time = this.fine.time;
    const n = this.fine.length;
    let k = this.seek(start);
    if (k >= n || time[k] !== start) return UNKNOWN_ORDER;
    const first = k;
    const { open, high, low } = this.fine;
    let answer = UNKNOWN_ORDER;
    for (; k < n && time[k] < end; k++) {
      const o = open[k];
      // A level already passed at the finer bar's open was hit there.
      if (long ? o <= sl : o >= sl) return this.covered(first, end) ? STOP_FIRST : UNKNOWN_ORDER;
      if (long ? o >= tp : o <= tp) return this.covered(first, end) ? TAKE_PROFIT_FIRST : UNKNOWN_ORDER;
      const slHit = long ? low[k] <= sl : high[k] >= sl;
      const tpHit = long ? high[k] >= tp : low[k] <= tp;
      if (slHit || tpHit) {
        answer = slHit && tpHit ? UNKNOWN_ORDER : slHit ? STOP_FIRST : TAKE_PROFIT_FIRST;
        break;
      }
    }
    return answer !== UNKNOWN_ORDER && this.covered(first, end) ? answer : UNKNOWN_ORDER;
  }

  /** True when the finer bars from `first` fill [time[first], end) without a hole. */
  private covered(first: number, end: number): boolean {
    const time = this.fine.time;
    const expected = Math.round((end - time[first]) / this.fineStep);
    const last = first + expected - 1;
    return last < this.fine.length && time[last] === end - this.fineStep;
  }

  /** First fine bar opening at or after `t` (binary search from the cursor). */
  private seek(t: number): number {
    const time = this.fine.time;
    let lo = time[this.cursor] <= t ? this.cursor : 0;
    let hi = this.fine.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    this.cursor = lo < this.fine.length ? lo : this.cursor;
    return lo;
  }
}
