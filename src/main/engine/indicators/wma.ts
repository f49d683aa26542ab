import type { ScalarIndicator } from './indicator';
import { checkPeriod } from './params';

/** Steady-state updates between exact recomputations of the running sums, in periods. */
const RECOMPUTE_EVERY_PERIODS = 64;

/**
 * Linearly weighted moving average: weights 1..period, newest bar heaviest, divided by
 * period*(period+1)/2; first value at index period-1 (TA-Lib's WMA).
 *
 * O(1) per bar with two running sums: dropping the oldest bar and shifting every weight
 * down by one subtracts the plain window sum from the weighted sum. Those sums are
 * rebuilt exactly from the window every RECOMPUTE_EVERY_PERIODS periods (amortised
 * O(1/64) per bar) so rounding cannot pile up in endless runs.
 */
export class Wma implements ScalarIndicator {
  private readonly buf: Float64Array;
  private readonly divisor: number;
  private readonly recomputeEvery: number;
  private pos = 0;
  private count = 0;
  private sinceRecompute = 0;
  private sum = 0;
  private weighted = 0;
  private v = NaN;

  constructor(readonly period: number) {
    checkPeriod('Wma', 'period', period);
    this.buf = new Float64Array(period);
    this.divisor = (period * (period + 1)) / 2;
    this.recomputeEvery = period * RECOMPUTE_EVERY_PERIODS;
  }

  update(x: number): number {
    // A NaN input (an upstream indicator still warming up) is skipped, not consumed.
    if (Number.isNaN(x)) return this.v;
    const period = this.period;
    const buf = this.buf;
    const pos = this.pos;
    const oldest = buf[pos];
    buf[pos] = x;
    this.pos = pos + 1 === period ? 0 : pos + 1;
    if (this.count < period) {
      if (++this.count === period) this.recompute();
      else return this.v;
    } else if (++this.sinceRecompute === this.recomputeEvery) {
      this.recompute();
    } else {
      this.weighted += period * x - this.sum;
      this.sum += x - oldest;
    }
    this.v = this.weighted / this.divisor;
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
    this.pos = 0;
    this.count = 0;
    this.sinceRecompute = 0;
    this.sum = 0;
    this.weighted = 0;
    this.v = NaN;
  }

  /** Rebuilds both sums from the full window (oldest bar sits at `pos`). */
  private recompute(): void {
    const period = this.period;
    const buf = this.buf;
    let sum = 0;
    let weighted = 0;
    let j = this.pos;
    for (let w = 1; w <= period; w++) {
      const x = buf[j];
      sum += x;
      weighted += w * x;
      j = j + 1 === period ? 0 : j + 1;
    }
    this.sum = sum;
    this.weighted = weighted;
    this.sinceRecompute = 0;
  }
}
