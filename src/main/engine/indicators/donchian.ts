import type { BarIndicator } from './indicator';
import { MonotonicDeque } from './monotonicDeque';
import { checkPeriod } from './params';

/**
 * Donchian channel over the last `period` bars, current bar included: upper = highest
 * high, lower = lowest low, middle = their mean. All appear at index period-1; `update`
 * returns the middle. (A breakout rule compares the close with the PREVIOUS bar's
 * channel, since the current bar is part of the window.)
 */
export class Donchian implements BarIndicator {
  private readonly highs: MonotonicDeque;
  private readonly lows: MonotonicDeque;
  private bar = 0;
  private up = NaN;
  private mid = NaN;
  private low = NaN;

  constructor(readonly period = 20) {
    checkPeriod('Donchian', 'period', period);
    this.highs = new MonotonicDeque(period, 1);
    this.lows = new MonotonicDeque(period, -1);
  }

  update(high: number, low: number): number {
    const bar = this.bar++;
    const hh = this.highs.push(bar, high);
    const ll = this.lows.push(bar, low);
    if (bar < this.period - 1) return this.mid;
    this.up = hh;
    this.low = ll;
    this.mid = (hh + ll) / 2;
    return this.mid;
  }

  get upper(): number {
    return this.up;
  }

  get middle(): number {
    return this.mid;
  }

  get lower(): number {
    return this.low;
  }

  get value(): number {
    return this.mid;
  }

  get ready(): boolean {
    return !Number.isNaN(this.mid);
  }

  reset(): void {
    this.highs.reset();
    this.lows.reset();
    this.bar = 0;
    this.up = NaN;
    this.mid = NaN;
    this.low = NaN;
  }
}
