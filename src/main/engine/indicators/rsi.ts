import type { ScalarIndicator } from './indicator';
import { checkPeriod } from './params';

/**
 * Wilder's RSI as TA-Lib computes it: d = close - previous close; the first average gain
 * and loss are the plain means over bars 1..period, then `avg = (avg * (period-1) + x) / period`.
 * RSI = 100 * avgGain / (avgGain + avgLoss) (= 100 - 100 / (1 + RS)), 100 when avgLoss is 0
 * (TA-Lib gives 0 when both averages are 0; a flat market has no losses, so we say 100).
 * First value at bar index `period`.
 */
export class Rsi implements ScalarIndicator {
  private count = 0;
  private prev = 0;
  private avgGain = 0;
  private avgLoss = 0;
  private v = NaN;

  constructor(readonly period: number) {
    checkPeriod('Rsi', 'period', period);
  }

  update(x: number): number {
    // A NaN input (an upstream indicator still warming up) is skipped, not consumed.
    if (Number.isNaN(x)) return this.v;
    const period = this.period;
    const count = this.count;
    if (count === 0) {
      this.prev = x;
      this.count = 1;
      return this.v;
    }
    const d = x - this.prev;
    this.prev = x;
    const gain = d > 0 ? d : 0;
    const loss = d < 0 ? -d : 0;
    if (count <= period) {
      // Warm-up: accumulate sums over bars 1..period, then turn them into means.
      this.avgGain += gain;
      this.avgLoss += loss;
      this.count = count + 1;
      if (count < period) return this.v;
      this.avgGain /= period;
      this.avgLoss /= period;
    } else {
      this.avgGain = (this.avgGain * (period - 1) + gain) / period;
      this.avgLoss = (this.avgLoss * (period - 1) + loss) / period;
    }
    const avgLoss = this.avgLoss;
    this.v = avgLoss === 0 ? 100 : 100 * (this.avgGain / (this.avgGain + avgLoss));
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
    this.prev = 0;
    this.avgGain = 0;
    this.avgLoss = 0;
    this.v = NaN;
  }
}
