/**
 * runBacktest's `tradeFrom`: the strategy warms up on bars before it while the broker
 * trades nothing, so a walk-forward out-of-sample window starts with warm indicators.
 * Checked on the real BTCUSDT 1h sample against a run over the whole series.
 */
import { describe, expect, it } from 'vitest';
import { loadSample } from '../data/candleFiles';
import type { OrderApi, Trade } from './brokerTypes';
import { runBacktest } from './backtest';
import { Sma } from './indicators/sma';
import { isoTime } from './metrics/timeText';
import type { BarView, StrategyDefinition } from './strategy';
import { crossedAbove } from './strategies/crossover';

const candles = loadSample('BTCUSDT_1h');
const broker = { cash: 1_000_000, commission: 0.001 };
const params = { n1: 20, n2: 50 };
/** Bars the strategy sees before it trades: comfortably more than the slow SMA needs. */
const WARMUP = 200;

/**
 * sma_cross's reversal rule with a FIXED quantity: sizing by equity would make every
 * later size depend on the PnL before the cut, which the warm run does not have.
 */
const fixedSizeCross: StrategyDefinition = {
  name: 'fixed_size_sma_cross',
  description: 'test: SMA crossover reversing a fixed 0.5 BTC position',
  params: [
    { name: 'n1', type: 'int', default: 20, min: 1, description: 'fast SMA' },
    { name: 'n2', type: 'int', default: 50, min: 2, description: 'slow SMA' },
  ],
  create(p, ctx) {
    const fast = new Sma(p.n1 as number);
    const slow = new Sma(p.n2 as number);
    const b: OrderApi = ctx.broker;
    let pf = NaN;
    let ps = NaN;
    return {
      onBar(bar: BarView) {
        const f = fast.update(bar.close);
        const s = slow.update(bar.close);
        if (crossedAbove(pf, ps, f, s) || crossedAbove(ps, pf, s, f)) {
          b.closePosition();
          if (f > s) b.buy({ quantity: 0.5 });
          else b.sell({ quantity: 0.5 });
        }
        pf = f;
        ps = s;
      },
      plotValues: () => ({ fast: pf, slow: ps }),
    };
  },
};

/** A trade with its bars made absolute (indices into `candles`). */
function absolute(t: Trade, firstBar: number): Trade {
  return { ...t, entryBar: t.entryBar + firstBar, exitBar: t.exitBar + firstBar };
}

describe('runBacktest with tradeFrom (warm-up without trading)', () => {
  const full = runBacktest(candles, fixedSizeCross, params, broker);
  // The cut: 10 bars before an entry of the full run past bar 40,000, so the warm run has
  // a signal right after it while a cold start still waits for its slow SMA (50 bars).
  const CUT = (full.trades.find((t) => t.entryBar >= 40_000)?.entryBar ?? NaN) - 10;
  const warm = runBacktest(candles, fixedSizeCross, params, broker, { from: CUT - WARMUP, tradeFrom: CUT });
  const cold = runBacktest(candles, fixedSizeCross, params, broker, { from: CUT });

  it('trades exactly as the full run does after the first signal past the cut', () => {
    expect(warm.trades.length).toBeGreaterThan(100);
    const firstEntry = warm.trades[0].entryTime;
    const fullAfter = full.trades.filter((t) => t.entryTime >= firstEntry).map((t) => absolute(t, 0));
    const warmAbs = warm.trades.map((t) => absolute(t, CUT));
    // Bars, times, prices, sides, sizes, PnL and exit reasons: the same trades.
    expect(warmAbs).toEqual(fullAfter);
    expect(warm.tradeFrom).toBe(CUT);
  });

  it('drops the warm-up orders silently: nothing filled or rejected before the cut', () => {
    expect(warm.rejectedOrders).toBe(0);
    expect(warm.firstRejection).toBeNull();
    expect(warm.trades[0].entryBar).toBeGreaterThanOrEqual(0);
  });

  it('measures only the traded bars: equity, statistics and Buy & Hold start at the cut', () => {
    expect(warm.equity.length).toBe(candles.length - CUT);
    expect(warm.stats.Start).toBe(isoTime(candles.time[CUT]));
    expect(warm.stats['# Trades']).toBe(warm.trades.length);
    // The indicators are warm at the cut: Buy & Hold starts on the first traded bar.
    expect(warm.warmupBars).toBe(0);
    const c0 = candles.close[CUT];
    expect(warm.stats['Buy & Hold Return [%]']).toBe(((candles.close[candles.length - 1] - c0) / c0) * 100);
    expect(warm.equity[warm.equity.length - 1]).toBe(warm.stats['Equity Final [$]']);
  });

  it('without the warm-up the same window trades later (its indicators start cold)', () => {
    expect(cold.trades[0].entryTime).toBeGreaterThan(warm.trades[0].entryTime);
    expect(cold.warmupBars).toBeGreaterThanOrEqual(params.n2 - 1);
  });

  it('is the plain run when tradeFrom equals from', () => {
    const same = runBacktest(candles, fixedSizeCross, params, broker, { from: CUT, tradeFrom: CUT });
    expect(same.trades).toEqual(cold.trades);
    expect(same.stats).toEqual(cold.stats);
  });

  it('rejects a tradeFrom outside [from, to), naming it', () => {
    expect(() => runBacktest(candles, fixedSizeCross, params, broker, { from: 100, to: 200, tradeFrom: 50 })).toThrow(/tradeFrom \(50\)/);
    expect(() => runBacktest(candles, fixedSizeCross, params, broker, { from: 100, to: 200, tradeFrom: 200 })).toThrow(/\[100, 200\)/);
    expect(() => runBacktest(candles, fixedSizeCross, params, broker, { tradeFrom: 1.5 })).toThrow(RangeError);
  });
});
