import type { BarIndicator } from './indicator';
import { MonotonicDeque } from './monotonicDeque';
import { checkPeriod } from './params';
import { Sma } from './sma';

/**
 * Slow stochastic oscillator (TA-Lib STOCH with SMA smoothing):
 * raw %K = 100 · (close - lowest low) / (highest high - lowest low) over `kPeriod` bars
 * (0 when the range is empty, as TA-Lib), k = SMA(kSmooth) of raw %K, d = SMA(dPeriod) of k.
 * Both outputs appear together at index kPeriod + kSmooth + dPeriod - 3, as in TA-Lib;
 * `update` returns k. Highs and lows come from monotonic deques: O(1) amortised per bar.
 */
export class Stochastic implements BarIndicator {
  private readonly highs: MonotonicDeque;
  private readonly lows: MonotonicDeque;
  private readonly kSma: Sma;
  private readonly dSma: Sma;
  private bar = 0;
  private kv = NaN;
  private dv = NaN;

  constructor(
    readonly kPeriod = 14,
    readonly kSmooth = 3,
    readonly dPeriod = 3,
  ) {
    checkPeriod('Stochastic', 'kPeriod', kPeriod);
    checkPeriod('Stochastic', 'kSmooth', kSmooth);
    checkPeriod('Stochastic', 'dPeriod', dPeriod);
    this.highs = new MonotonicDeque(kPeriod, 1);
    this.lows = new MonotonicDeque(kPeriod, -1);
    this.kSma = new Sma(kSmooth);
    this.dSma = new Sma(dPeriod);
  }

  update(high: number, low: number, close: number): number {
    const bar = this.bar++;
    const hh = this.highs.push(bar, high);
    const ll = this.lows.push(bar, low);
    if (bar < this.kPeriod - 1) return this.kv;
    // Same operation order as TA-Lib: (close - lowest) / ((highest - lowest) / 100).
    const diff = (hh - ll) / 100;
    const raw = diff !== 0 ? (close - ll) / diff : 0;
    const k = this.kSma.update(raw);
    if (Number.isNaN(k)) return this.kv;
    const d = this.dSma.update(k);
    if (Number.isNaN(d)) return this.kv;
    this.kv = k;
    this.dv = d;
    return k;
  }

  /** Slow %K (the primary value). */
  get k(): number {
    return this.kv;
  }

  /** %D: SMA of %K. */
  get d(): number {
    return this.dv;
  }

  get value(): number {
    return this.kv;
  }

  get ready(): boolean {
    return !Number.isNaN(this.kv);
  }

  reset(): void {
    this.highs.reset();
    this.lows.reset();
    this.kSma.reset();
    this.dSma.reset();
    this.bar = 0;
    this.kv = NaN;
    this.dv = NaN;
  }
}
