import type { ScalarIndicator } from './indicator';
import { checkPeriod } from './params';

/**
 * Exponential moving average seeded as TA-Lib does: the first value (index period-1) is
 * the plain mean of the first `period` inputs, then `ema += (x - ema) * 2 / (period + 1)`.
 */
export class Ema implements ScalarIndicator {
  readonly alpha: number;
  private count = 0;
  private seedSum = 0;
  private v = NaN;

  constructor(readonly period: number) {
    checkPeriod('Ema', 'period', period);
    this.alpha = 2 / (period + 1);
  }

  update(x: number): number {
    // A NaN input (an upstream indicator still warming up) is skipped, not consumed.
    if (Number.isNaN(x)) return this.v;
    if (this.count < this.period) {
      this.seedSum += x;
      if (++this.count === this.period) this.v = this.seedSum / this.period;
      return this.v;
    }
    // Same operation order as TA-Lib: ((x - prev) * k) + prev.
    this.v = (x - this.v) * this.alpha + this.v;
    return this.v;
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return !Number.isNaN(this.v);
  }

  reset(): void {
    this.count = 0;
    this.seedSum = 0;
    this.v = NaN;
  }
}
