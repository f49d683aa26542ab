import type { ScalarIndicator } from './indicator';
import { Ema } from './ema';
import { checkPeriod } from './params';

/**
 * MACD with TA-Lib's alignment (ta_MACD.c, default compatibility):
 * - the slow EMA is seeded with the mean of bars 0..slow-1; the fast EMA is seeded with
 *   the mean of the last `fast` of those bars (it ignores the first slow-fast bars), so
 *   both EMAs start on the same bar and the MACD line exists from index slow-1;
 * - the signal EMA is seeded with the mean of the first `signal` MACD-line values;
 * - every output (macd, signal, hist) appears at index slow+signal-2 (33 for 12/26/9).
 * Like TA-Lib, a fast period longer than the slow one is swapped.
 */
export class Macd implements ScalarIndicator {
  readonly fastPeriod: number;
  readonly slowPeriod: number;
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly sig: Ema;
  /** Bars to feed the slow EMA before the fast one starts. */
  private readonly fastDelay: number;
  private count = 0;
  private m = NaN;
  private s = NaN;
  private h = NaN;

  constructor(fast = 12, slow = 26, readonly signalPeriod = 9) {
    checkPeriod('Macd', 'fast', fast);
    checkPeriod('Macd', 'slow', slow);
    checkPeriod('Macd', 'signal', signalPeriod);
    this.fastPeriod = Math.min(fast, slow);
    this.slowPeriod = Math.max(fast, slow);
    this.fast = new Ema(this.fastPeriod);
    this.slow = new Ema(this.slowPeriod);
    this.sig = new Ema(signalPeriod);
    this.fastDelay = this.slowPeriod - this.fastPeriod;
  }

  update(x: number): number {
    // A NaN input (an upstream indicator still warming up) is skipped, not consumed.
    if (Number.isNaN(x)) return this.m;
    const slow = this.slow.update(x);
    if (this.count < this.fastDelay) {
      this.count++;
      return this.m;
    }
    const line = this.fast.update(x) - slow;
    // NaN until the slow EMA is seeded; the signal EMA only sees defined MACD values.
    if (Number.isNaN(line)) return this.m;
    const signal = this.sig.update(line);
    if (Number.isNaN(signal)) return this.m;
    this.m = line;
    this.s = signal;
    this.h = line - signal;
    return line;
  }

  /** MACD line: fast EMA - slow EMA (the primary value). */
  get macd(): number {
    return this.m;
  }

  /** EMA of the MACD line. */
  get signal(): number {
    return this.s;
  }

  /** Histogram: macd - signal. */
  get hist(): number {
    return this.h;
  }

  get value(): number {
    return this.m;
  }

  get ready(): boolean {
    return !Number.isNaN(this.m);
  }

  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.sig.reset();
    this.count = 0;
    this.m = NaN;
    this.s = NaN;
    this.h = NaN;
  }
}
