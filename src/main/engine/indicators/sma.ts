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
 */
export class Sma implements ScalarIndicator {
  private readonly buf: Float64Array;
  /** Running sum = hi + lo (hi the rounded sum, lo the accumulated rounding errors). */
  private hi = 0;
  private lo = 0;
  private pos = 0;
  private count = 0;
  private v = NaN;

  constructor(readonly period: number) {
    checkPeriod('Sma', 'period', period);
    this.buf = new Float64Array(period);
  }

  update(x: number): number {
    // A NaN input (an upstream indicator still warming up) is skipped, not consumed.
    if (Number.isNaN(x)) return this.v;
    const period = this.period;
    const buf = this.buf;
    const pos = this.pos;
    let hi = this.hi;
    let lo = this.lo;
    // TwoSum: s = hi + x rounded, lo collects the exact rounding error.
    let s = hi + x;
    let bp = s - hi;
    lo += (hi - (s - bp)) + (x - bp);
    hi = s;
    if (this.count === period) {
      const y = -buf[pos];
      s = hi + y;
      bp = s - hi;
      lo += (hi - (s - bp)) + (y - bp);
      hi = s;
    } else {
      this.count++;
    }
    this.hi = hi;
    this.lo = lo;
    buf[pos] = x;
    this.pos = pos + 1 === period ? 0 : pos + 1;
    if (this.count === period) this.v = (hi + lo) / period;
    return this.v;
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
    this.count = 0;
    this.v = NaN;
  }
}
