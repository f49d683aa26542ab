import type { ScalarIndicator } from './indicator';
import { CompensatedSum } from './compensatedSum';
import { checkFinite, checkPeriod } from './params';

/** Steady-state updates between exact recomputations of the sum of squared deviations, in periods. */
const RECOMPUTE_EVERY_PERIODS = 16;
/**
 * Rebuild when errorScale · EPSILON could exceed 1e-12 of m2 (errorScale sums the
 * magnitudes each update's rounding is proportional to; a generous 4·EPSILON per unit).
 */
const ERROR_TO_M2 = 1e-12 / (4 * Number.EPSILON);

/**
 * Bollinger Bands (TA-Lib BBANDS with SMA): middle = SMA(period), upper/lower =
 * middle ± k · population standard deviation of the same window. All three outputs
 * appear at index period-1; `update` returns the middle band.
 *
 * The variance is not sum(x²)/n - mean², which cancels catastrophically when the price
 * is large next to its spread (BTC at 60,000 moving by cents). It is a sliding-window
 * Welford sum of squared deviations of x - K, with K an anchor near the mean (so the
 * deviations carry few rounding errors), rebuilt exactly from the window (two-pass):
 * - every RECOMPUTE_EVERY_PERIODS periods, re-anchoring K, so rounding cannot pile up;
 * - as soon as the rounding it may have accumulated exceeds ~1e-12 of the current sum,
 *   which happens when a volatile window turns flat (the old error would otherwise
 *   dominate a near-zero deviation).
 * Both are amortised O(1) per bar on market data.
 */
export class Bollinger implements ScalarIndicator {
  private readonly buf: Float64Array;
  private readonly sum = new CompensatedSum();
  private readonly recomputeEvery: number;
  private pos = 0;
  private count = 0;
  private sinceRecompute = 0;
  /** Anchor subtracted from every value before the Welford updates. */
  private anchor = 0;
  /** Running mean of x - anchor and sum of squared deviations (Welford) of the window. */
  private mean = 0;
  private m2 = 0;
  /** Sum of the magnitudes the Welford updates' rounding errors scale with. */
  private errorScale = 0;
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
    // A NaN input (an upstream indicator still warming up) is skipped, not consumed.
    if (Number.isNaN(x)) return this.mid;
    const period = this.period;
    const buf = this.buf;
    const pos = this.pos;
    const oldest = buf[pos];
    buf[pos] = x;
    this.pos = pos + 1 === period ? 0 : pos + 1;
    this.sum.add(x);
    if (this.count < period) {
      if (this.count === 0) this.anchor = x;
      const n = ++this.count;
      const z = x - this.anchor;
      const delta = z - this.mean;
      this.mean += delta / n;
      this.m2 += delta * (z - this.mean);
      if (n < period) return this.mid;
    } else {
      this.sum.add(-oldest);
      if (++this.sinceRecompute === this.recomputeEvery) {
        this.recompute();
      } else {
        const anchor = this.anchor;
        const zIn = x - anchor;
        const zOut = oldest - anchor;
        const oldMean = this.mean;
        const d = zIn - zOut;
        const newMean = oldMean + d / period;
        const a = zIn - newMean;
        const b = zOut - oldMean;
        this.m2 += d * (a + b);
        this.mean = newMean;
        const scale = (this.errorScale += Math.abs(d) * (Math.abs(a) + Math.abs(b) + Math.abs(newMean)));
        if (scale > this.m2 * ERROR_TO_M2) this.recompute();
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
    this.anchor = 0;
    this.mean = 0;
    this.m2 = 0;
    this.errorScale = 0;
    this.up = NaN;
    this.mid = NaN;
    this.low = NaN;
  }

  /** Two-pass sum of squared deviations over the full window, re-anchored at its mean. */
  private recompute(): void {
    const buf = this.buf;
    const period = this.period;
    const anchor = this.sum.value / period;
    let s = 0;
    for (let i = 0; i < period; i++) s += buf[i] - anchor;
    const mean = s / period;
    let m2 = 0;
    for (let i = 0; i < period; i++) {
      const d = buf[i] - anchor - mean;
      m2 += d * d;
    }
    this.anchor = anchor;
    this.mean = mean;
    this.m2 = m2;
    this.errorScale = 0;
    this.sinceRecompute = 0;
  }
}
