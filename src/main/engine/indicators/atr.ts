import type { BarIndicator } from './indicator';
import { checkPeriod } from './params';
import { trueRange } from './trueRange';

/**
 * Average true range, Wilder-smoothed as TA-Lib's ATR: bar 0 has no previous close and
 * no true range; the first ATR (index `period`) is the mean true range of bars 1..period,
 * then `atr = (atr * (period-1) + tr) / period`. Volume is ignored.
 */
export class Atr implements BarIndicator {
  private count = 0;
  private prevClose = 0;
  private trSum = 0;
  private v = NaN;

  constructor(readonly period = 14) {
    checkPeriod('Atr', 'period', period);
  }

  update(high: number, low: number, close: number): number {
    const count = this.count;
    const period = this.period;
    if (count === 0) {
      this.prevClose = close;
      this.count = 1;
      return this.v;
    }
    const tr = trueRange(high, low, this.prevClose);
    this.prevClose = close;
    if (count <= period) {
      this.trSum += tr;
      this.count = count + 1;
      if (count === period) this.v = this.trSum / period;
      return this.v;
    }
    this.v = (this.v * (period - 1) + tr) / period;
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
    this.prevClose = 0;
    this.trSum = 0;
    this.v = NaN;
  }
}
