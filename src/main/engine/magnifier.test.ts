/**
 * The bar magnifier on real bars: BTCUSDT 1h built from the bundled 1m sample (the
 * bundled 1h sample ends before the 1m one starts), a strategy whose stop-loss and
 * take-profit are tight enough that some hours contain both.
 */
import { describe, expect, it } from 'vitest';
import { loadSample } from '../data/candleFiles';
import { resampleCandles } from '../data/resample';
import { runBacktest } from './backtest';
import type { OrderApi } from './brokerTypes';
import { createCandles } from './candles';
import { BarMagnifier, STOP_FIRST, TAKE_PROFIT_FIRST, UNKNOWN_ORDER } from './magnifier';
import type { StrategyDefinition } from './strategy';

const minutes = loadSample('BTCUSDT_1m');
const hours = resampleCandles(minutes, '1h');

/** Always in the market: a long with a stop-loss and a take-profit `pct` % away, again after each exit. */
const bracketed: StrategyDefinition = {
  name: 'bracketed_long',
  description: 'test: a long with tight stop-loss and take-profit, re-entered when flat',
  params: [{ name: 'pct', type: 'float', default: 0.4, min: 0.01, description: 'distance of both levels, %' }],
  create(p, ctx) {
    const b: OrderApi = ctx.broker;
    const pct = p.pct as number;
    return {
      onBar() {
        if (b.position.size === 0) b.buy({ quantity: 0.1, stopLoss: { percent: pct }, takeProfit: { percent: pct } });
      },
    };
  },
};

describe('bar magnifier', () => {
  const broker = { cash: 100_000, commission: 0, qtyStep: 1e-8 };
  const adverse = runBacktest(hours, bracketed, {}, broker);
  const magnified = runBacktest(hours, bracketed, {}, broker, { magnifier: minutes });

  it('reads the order of same-bar hits from the 1m bars: some resolve take-profit first, some stop first', () => {
    expect(adverse.magnifier.used).toBe(false);
    expect(adverse.magnifier.resolvedTakeProfitFirst + adverse.magnifier.resolvedStopFirst).toBe(0);
    expect(adverse.magnifier.unresolvedAdverse).toBeGreaterThan(10);
    const m = magnified.magnifier;
    expect(m.used).toBe(true);
    expect(m.resolvedTakeProfitFirst).toBeGreaterThan(0);
    expect(m.resolvedStopFirst).toBeGreaterThan(0);
    // The same same-bar cases either way: entries and exits happen on the same bars.
    expect(m.resolvedTakeProfitFirst + m.resolvedStopFirst + m.unresolvedAdverse).toBe(adverse.magnifier.unresolvedAdverse);
  });

  it('differs from the adverse rule exactly on the bars resolved take-profit first', () => {
    expect(magnified.trades.length).toBe(adverse.trades.length);
    let differing = 0;
    magnified.trades.forEach((t, k) => {
      const a = adverse.trades[k];
      expect([t.entryBar, t.exitBar, t.entryPrice, t.size]).toEqual([a.entryBar, a.exitBar, a.entryPrice, a.size]);
      if (t.exitReason === a.exitReason) {
        // Stop-first bars (and bars with one level inside) give the adverse rule's result.
        expect(t.exitPrice).toBe(a.exitPrice);
        return;
      }
      differing++;
      expect([a.exitReason, t.exitReason]).toEqual(['stop_loss', 'take_profit']);
      expect(t.exitPrice).toBeGreaterThan(a.exitPrice);
      // The hour held both levels, and its first minute to reach one reached the take-profit.
      const bar = t.exitBar;
      expect(hours.low[bar]).toBeLessThanOrEqual(t.entryPrice * 0.996);
      expect(hours.high[bar]).toBeGreaterThanOrEqual(t.exitPrice);
      let m = 0;
      while (minutes.time[m] < hours.time[bar]) m++;
      while (!(minutes.high[m] >= t.exitPrice) && !(minutes.low[m] <= a.exitPrice)) m++;
      expect(minutes.high[m]).toBeGreaterThanOrEqual(t.exitPrice);
      expect(minutes.low[m]).toBeGreaterThan(a.exitPrice);
    });
    expect(differing).toBe(magnified.magnifier.resolvedTakeProfitFirst);
    expect(magnified.stats['Return [%]']).toBeGreaterThan(adverse.stats['Return [%]']);
  });

  it('answers unknown when the finer bars leave a hole in the bar or one finer bar holds both levels', () => {
    const fine = createCandles({
      time: [0, 60_000, 120_000, 180_000], open: [100, 100, 100, 100], high: [100, 103, 100, 103],
      low: [100, 99, 97, 97], close: [100, 100, 100, 100], volume: [1, 1, 1, 1],
    });
    const coarse = new Float64Array([0, 120_000]);
    const mag = new BarMagnifier(fine, coarse);
    // Bar 0 = minutes 0-1: minute 1 reaches 103 and 99 → a long with sl 98 / tp 102 sees the tp first.
    expect(mag.firstHit(0, true, 98, 102)).toBe(TAKE_PROFIT_FIRST);
    expect(mag.firstHit(0, true, 99.5, 104)).toBe(STOP_FIRST);
    expect(mag.firstHit(0, true, 99, 103)).toBe(UNKNOWN_ORDER);
    // Bar 1 = minutes 2-3; with minute 3 missing it is not covered.
    expect(mag.firstHit(1, true, 98, 102)).toBe(STOP_FIRST);
    const holed = new BarMagnifier(createCandles({
      time: [0, 60_000, 120_000], open: [100, 100, 100], high: [100, 103, 100], low: [100, 99, 97], close: [100, 100, 100], volume: [1, 1, 1],
    }), new Float64Array([0, 120_000, 240_000]));
    expect(holed.firstHit(1, true, 98, 102)).toBe(UNKNOWN_ORDER);
  });
});
