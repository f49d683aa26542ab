import type { BarIndicator } from './indicator';

/**
 * On-balance volume, as TA-Lib's OBV: the first bar's value is its own volume; then each
 * bar adds its volume when the close rises, subtracts it when the close falls, and
 * leaves the total unchanged when the close is equal. Defined from the first bar.
 * Takes the bar as every bar indicator does (high and low are ignored).
 */
export class Obv implements BarIndicator {
  private started = false;
  private prevClose = 0;
  private v = NaN;

  update(_high: number, _low: number, close: number, volume: number): number {
    if (!this.started) {
      this.started = true;
      this.v = volume;
    } else if (close > this.prevClose) {
      this.v += volume;
    } else if (close < this.prevClose) {
      this.v -= volume;
    }
    this.prevClose = close;
    return this.v;
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return !Number.isNaN(this.v);
  }

  reset(): void {
    this.started = false;
    this.prevClose = 0;
    this.v = NaN;
  }
}
