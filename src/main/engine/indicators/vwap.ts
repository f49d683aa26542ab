import type { BarIndicator } from './indicator';
import { CompensatedSum } from './compensatedSum';
import { checkPeriod } from './params';

/**
 * Volume-weighted average price of the typical price (high + low + close) / 3.
 * With a `period` it covers the last `period` bars (first value at index period-1);
 * without one (or with 0) it is cumulative from the first bar. It is NaN while the bars
 * it covers have no volume at all: a price weighted by nothing is undefined.
 */
export class Vwap implements BarIndicator {
  /** Window length in bars; 0 means cumulative. */
  readonly period: number;
  private readonly pvBuf: Float64Array;
  private readonly volBuf: Float64Array;
  private readonly pv = new CompensatedSum();
  private readonly vol = new CompensatedSum();
  private pos = 0;
  private count = 0;
  /** Bars with volume > 0 inside the window: an exact test for "no volume at all". */
  private traded = 0;
  private v = NaN;

  constructor(period?: number) {
    const p = period ?? 0;
    if (p !== 0) checkPeriod('Vwap', 'period', p);
    this.period = p;
    this.pvBuf = new Float64Array(p);
    this.volBuf = new Float64Array(p);
  }

  update(high: number, low: number, close: number, volume: number): number {
    const pv = ((high + low + close) / 3) * volume;
    this.pv.add(pv);
    this.vol.add(volume);
    if (volume > 0) this.traded++;
    const period = this.period;
    if (period > 0) {
      const pos = this.pos;
      if (this.count === period) {
        const oldVol = this.volBuf[pos];
        this.pv.add(-this.pvBuf[pos]);
        this.vol.add(-oldVol);
        if (oldVol > 0) this.traded--;
      } else if (++this.count < period) {
        this.pvBuf[pos] = pv;
        this.volBuf[pos] = volume;
        this.pos = pos + 1;
        return this.v;
      }
      this.pvBuf[pos] = pv;
      this.volBuf[pos] = volume;
      this.pos = pos + 1 === period ? 0 : pos + 1;
    }
    this.v = this.traded > 0 ? this.pv.value / this.vol.value : NaN;
    return this.v;
  }

  get value(): number {
    return this.v;
  }

  get ready(): boolean {
    return !Number.isNaN(this.v);
  }

  reset(): void {
    this.pvBuf.fill(0);
    this.volBuf.fill(0);
    this.pv.reset();
    this.vol.reset();
    this.pos = 0;
    this.count = 0;
    this.traded = 0;
    this.v = NaN;
  }
}
