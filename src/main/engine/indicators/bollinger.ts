import type { ScalarIndicator } from './indicator';
import { CompensatedSum } from './compensatedSum';
import { checkFinite, checkPeriod } from './params';

/** Steady-state updates between exact recomputations of the sum of squared deviations, in periods. */
const RECOMPUTE_EVERY_PERIODS = 16;

/**
 * Bollinger Bands (TA-Lib BBANDS with SMA): middle = SMA(period), upper/lower =
 * middle ± k · population standard deviation of the same window. All three outputs
 * appear at index period-1; `update` returns the middle band.
 *
 * The variance is not sum(x²)/n - mean², which cancels catastrophically when the price
 * is large next to its spread (BTC at 60,000 moving by a few dollars a minute). It is a
 * sliding-window Welford sum of squared deviations, rebuilt exactly from the window every
 * RECOMPUTE_EVERY_PERIODS periods so its rounding cannot accumulate.
 */
export class Bollinger implements ScalarIndicator {
  private readonly buf: Float64Array;
  private readonly sum = new CompensatedSum();
  private readonly recomputeEvery: number;
  private pos = 0;
  private count = 0;
  private sinceRecompute = 0;
  /** Running mean and sum of squared deviations (Welford) of the window. */
  private mean = 0;
  private m2 = 0;
  private up = NaN;
  private mid = NaN;
  private low = NaN;

  constructor(
    readonly period = 20,
    readonly k = 2,
  ) {
    checkPeriod('Bollinger', 'period', period);
    checkFinite('Bollinger', 'k', k, 0);
    this.buf = new Float64Array(period);
    this.recomputeEvery = period * RECOMPUTE_EVERY_PERIODS;
  }

  update(x: number): number {
    const period = this.period;
    const buf = this.buf;
    const pos = this.pos;
    const oldest = buf[pos];
    buf[pos] = x;
    this.pos = pos + 1 === period ? 0 : pos + 1;
    this.sum.add(x);
    if (this.count < period) {
      const n = ++this.count;
      const delta = x - this.mean;
      this.mean += delta / n;
      this.m2 += delta * (x - this.mean);
      if (n < period) return this.mid;
    } else {
      this.sum.add(-oldest);
      if (++this.sinceRecompute === this.recomputeEvery) {
        this.recompute();
      } else {
        const oldMean = this.mean;
        const newMean = oldMean + (x - oldest) / period;
        this.m2 += (x - oldest) * (x - newMean + oldest - oldMean);
        this.mean = newMean;
      }
    }
    const mid = this.sum.value / period;
    const m2 = this.m2;
    const band = this.k * Math.sqrt(m2 > 0 ? m2 / period : 0);
    this.mid = mid;
    this.up = mid + band;
    this.low = mid - band;
    return mid;
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
    this.buf.fill(0);
    this.sum.reset();
    this.pos = 0;
    this.count = 0;
    this.sinceRecompute = 0;
    this.mean = 0;
    this.m2 = 0;
    this.up = NaN;
    this.mid = NaN;
    this.low = NaN;
  }

  /** Two-pass sum of squared deviations over the full window. */
  private recompute(): void {
    const buf = this.buf;
    const period = this.period;
    const mean = this.sum.value / period;
    let m2 = 0;
    for (let i = 0; i < period; i++) {
      const d = buf[i] - mean;
      m2 += d * d;
    }
    this.mean = mean;
    this.m2 = m2;
    this.sinceRecompute = 0;
  }
}
