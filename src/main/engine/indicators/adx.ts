import type { BarIndicator } from './indicator';
import { checkPeriod } from './params';
import { trueRange } from './trueRange';

/** TA-Lib's TA_IS_ZERO: values this close to 0 leave DX (and ADX) unchanged. */
const ZERO = 1e-14;

/**
 * Average directional index, Wilder, bar for bar as TA-Lib's ADX / PLUS_DI / MINUS_DI:
 * - from bar 1: +DM = up move if it is positive and larger than the down move, -DM the
 *   mirror (ties give neither); TR = true range;
 * - +DM, -DM and TR are summed over bars 1..period-1, then Wilder-smoothed from bar
 *   `period` on (`s = s - s/period + x`), so the first smoothed value weighs
 *   `period` bars; +DI = 100·(+DM)/TR, -DI likewise, DX = 100·|+DI - -DI|/(+DI + -DI);
 * - the first ADX (index 2·period-1) is the mean DX of bars period..2·period-1, then
 *   `adx = (adx·(period-1) + dx) / period`.
 * All outputs appear at index 2·period-1; `update` returns adx. Volume is ignored.
 */
export class Adx implements BarIndicator {
  private count = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private plusDm = 0;
  private minusDm = 0;
  private tr = 0;
  private pdi = 0;
  private mdi = 0;
  private sumDx = 0;
  private adxv = NaN;
  private outPlus = NaN;
  private outMinus = NaN;

  constructor(readonly period = 14) {
    checkPeriod('Adx', 'period', period);
  }

  update(high: number, low: number, close: number): number {
    const count = this.count;
    const period = this.period;
    this.count = count + 1;
    if (count === 0) {
      this.prevHigh = high;
      this.prevLow = low;
      this.prevClose = close;
      return this.adxv;
    }
    const upMove = high - this.prevHigh;
    const downMove = this.prevLow - low;
    const tr = trueRange(high, low, this.prevClose);
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
    let plusDm = this.plusDm;
    let minusDm = this.minusDm;
    if (count >= period) {
      plusDm -= plusDm / period;
      minusDm -= minusDm / period;
      this.tr = this.tr - this.tr / period + tr;
    } else {
      this.tr += tr;
    }
    if (downMove > 0 && upMove < downMove) minusDm += downMove;
    else if (upMove > 0 && upMove > downMove) plusDm += upMove;
    this.plusDm = plusDm;
    this.minusDm = minusDm;
    if (count < period) return this.adxv;

    // DX of this bar; NaN when undefined (no range or no directional movement).
    let dx = NaN;
    const trs = this.tr;
    if (trs >= ZERO || trs <= -ZERO) {
      const mdi = 100 * (minusDm / trs);
      const pdi = 100 * (plusDm / trs);
      this.mdi = mdi;
      this.pdi = pdi;
      const sum = mdi + pdi;
      if (sum >= ZERO || sum <= -ZERO) dx = 100 * (Math.abs(mdi - pdi) / sum);
    }
    if (count < 2 * period - 1) {
      if (!Number.isNaN(dx)) this.sumDx += dx;
      return this.adxv;
    }
    if (count === 2 * period - 1) {
      if (!Number.isNaN(dx)) this.sumDx += dx;
      this.adxv = this.sumDx / period;
    } else if (!Number.isNaN(dx)) {
      this.adxv = (this.adxv * (period - 1) + dx) / period;
    }
    this.outPlus = this.pdi;
    this.outMinus = this.mdi;
    return this.adxv;
  }

  get adx(): number {
    return this.adxv;
  }

  /** +DI of the last bar (kept from the previous bar when the true range is 0). */
  get plusDi(): number {
    return this.outPlus;
  }

  /** -DI of the last bar (kept from the previous bar when the true range is 0). */
  get minusDi(): number {
    return this.outMinus;
  }

  get value(): number {
    return this.adxv;
  }

  get ready(): boolean {
    return !Number.isNaN(this.adxv);
  }

  reset(): void {
    this.count = 0;
    this.prevHigh = 0;
    this.prevLow = 0;
    this.prevClose = 0;
    this.plusDm = 0;
    this.minusDm = 0;
    this.tr = 0;
    this.pdi = 0;
    this.mdi = 0;
    this.sumDx = 0;
    this.adxv = NaN;
    this.outPlus = NaN;
    this.outMinus = NaN;
  }
}
