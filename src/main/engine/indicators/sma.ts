import type { ScalarIndicator } from './indicator';
import { CompensatedSum } from './compensatedSum';
import { checkPeriod } from './params';

/**
 * Simple moving average of the last `period` inputs; first value after `period` inputs
 * (index period-1), like TA-Lib's SMA. The rolling sum is compensated so a run of
 * millions of bars stays within one rounding of the exact window mean.
 */
export class Sma implements ScalarIndicator {
  private readonly buf: Float64Array;
  private readonly sum = new CompensatedSum();
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
    this.sum.add(x);
    if (this.count === period) {
      this.sum.add(-buf[pos]);
    } else {
      this.count++;
    }
    buf[pos] = x;
    this.pos = pos + 1 === period ? 0 : pos + 1;
    if (this.count === period) this.v = this.sum.value / period;
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
    this.sum.reset();
    this.pos = 0;
    this.count = 0;
    this.v = NaN;
  }
}
