import type { ScalarIndicator } from './indicator';
import { checkPeriod } from './params';

/**
 * Simple moving average of the last `period` inputs; first value after `period` inputs
 * (index period-1), like TA-Lib's SMA. The rolling sum is compensated so a run of
 * millions of bars stays within one rounding of the exact window mean.
 *
 * The compensated sum is CompensatedSum's arithmetic (TwoSum, same operations in the
 * same order, so the same values) written out on locals: the two adds of a bar then
 * chain in registers instead of through the object's fields, which halves the cost of
 * an update in the backtest's bar loop.
 *
 * The leaving value is taken out on every input, the warm-up included: the window starts
 * as zeros, and taking out a zero changes neither part of the sum (hi + -0 is hi, and the
 * rounding error added to lo is +0, which lo, never -0, absorbs). A branch fewer per bar
 * and the same bits as removing only once the window is full.
 */
export class Sma implements ScalarIndicator {
  private readonly buf: Float64Array;
  /** Running sum = hi + lo (hi the rounded sum, lo the accumulated rounding errors). */
  private hi = 0;
  private lo = 0;
  private pos = 0;
  /** Inputs still needed before the first value (0 once warm). */
  private missing: number;
  private v = NaN;

  constructor(readonly period: number) {
    checkPeriod('Sma', 'period', period);
    this.buf = new Float64Array(period);
    this.missing = period;
  }

  update(x: number): number {
    // A NaN input (an upstream indicator still warming up) is skipped, not consumed.
    if (Number.isNaN(x)) return this.v;
    const buf = this.buf;
    const pos = this.pos;
    let hi = this.hi;
    let lo = this.lo;
    // TwoSum: s = hi + x rounded, lo collects the exact rounding error.
    let s = hi + x;
    let bp = s - hi;
    lo += (hi - (s - bp)) + (x - bp);
    hi = s;
    const y = -buf[pos];
    s = hi + y;
    bp = s - hi;
    lo += (hi - (s - bp)) + (y - bp);
    hi = s;
    this.hi = hi;
    this.lo = lo;
    buf[pos] = x;
    const next = pos + 1;
    this.pos = next === buf.length ? 0 : next;
    if (this.missing !== 0 && --this.missing !== 0) return NaN;
    const v = (hi + lo) / buf.length;
    this.v = v;
    return v;
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return !Number.isNaN(this.v);
  }

  reset(): void {
    this.buf.fill(0);
    this.hi = 0;
    this.lo = 0;
    this.pos = 0;
    this.missing = this.period;
    this.v = NaN;
  }
}
