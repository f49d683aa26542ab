import { describe, expect, it } from 'vitest';
import { runBacktest } from './backtest';
import type { OrderApi } from './brokerTypes';
import { CandleValidationError, createCandles, type Candles } from './candles';
import { ParamError } from './params';
import { StrategyRunner } from './runner';
import { getStrategy } from './strategies/registry';
import type { BarView, History, StrategyDefinition } from './strategy';

/** A deterministic wavy series with real OHLC structure (no fixture needed). */
function wave(n: number): Candles {
  const cols = { time: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
  let prev = 100;
  for (let i = 0; i < n; i++) {
    const close = 100 + 15 * Math.sin(i / 9) + 4 * Math.sin(i / 2.3);
    cols.time.push(Date.UTC(2024, 0, 1) + i * 3_600_000);
    cols.open.push(prev);
    cols.high.push(Math.max(prev, close) + 0.7);
    cols.low.push(Math.min(prev, close) - 0.7);
    cols.close.push(close);
    cols.volume.push(10 + (i % 7));
    prev = close;
  }
  return createCandles(cols);
}

const barAt = (c: Candles, i: number) => ({ time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i] });

describe('StrategyRunner', () => {
  it('gives a live session fed bar by bar exactly the trades and equity of the backtest', () => {
    const candles = wave(600);
    const cfg = { commission: 0.001, qtyStep: 1e-8, slippageBps: 3 };
    const backtest = runBacktest(candles, getStrategy('sma_cross'), { n1: 5, n2: 17 }, cfg);
    const live = new StrategyRunner(getStrategy('sma_cross'), { n1: 5, n2: 17 }, cfg);
    for (let i = 0; i < candles.length; i++) live.step(barAt(candles, i));
    live.finish();
    expect(backtest.trades.length).toBeGreaterThan(10);
    expect(live.trades).toEqual(backtest.trades);
    expect(Array.from(live.equity)).toEqual(Array.from(backtest.equity));
  });

  it('publishes the fills of each live step, and the end-of-data close from finish()', () => {
    const candles = wave(300);
    const live = new StrategyRunner(getStrategy('sma_cross'), { n1: 5, n2: 17 }, { qtyStep: 1e-8 });
    const kinds: string[] = [];
    for (let i = 0; i < candles.length; i++) {
      for (const e of live.step(barAt(candles, i))) if (e.type === 'fill') kinds.push(e.kind);
    }
    expect(kinds.filter((k) => k === 'market').length).toBeGreaterThan(3);
    expect(kinds).toContain('close');
    const last = live.finish();
    expect(last.map((e) => e.type)).toEqual(['trade_closed', 'fill']);
    expect(live.trades[live.trades.length - 1].exitReason).toBe('end_of_data');
    expect(() => live.step(barAt(candles, 0))).toThrow(/finished/);
  });

  it('rejects a live bar that is out of order or malformed, naming the bar', () => {
    const live = new StrategyRunner(getStrategy('rsi'));
    live.step({ time: 1000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 });
    expect(() => live.step({ time: 1000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 })).toThrow(CandleValidationError);
    expect(() => live.step({ time: 2000, open: NaN, high: 2, low: 0.5, close: 1.5, volume: 1 })).toThrow(/bar 1: open is not a finite number \(NaN\)/);
    expect(() => live.step({ time: 2000, open: 1, high: 1.2, low: 0.5, close: 1.5, volume: 1 })).toThrow(/high/);
  });

  it('never lets a strategy see past the current bar, and fills its orders no earlier than the next open', () => {
    const candles = wave(50);
    const seen: { i: number; future: number; beforeFirst: number; close: number; histLen: number }[] = [];
    let broker: OrderApi | undefined;
    let history: History | undefined;
    const peeker: StrategyDefinition = {
      name: 'peeker',
      description: 'tries to read the future',
      params: [],
      create(_p, ctx) {
        broker = ctx.broker;
        history = ctx.history;
        return {
          onBar(bar: BarView) {
            const h = history!;
            seen.push({ i: bar.index, future: h.close(-1), beforeFirst: h.close(bar.index + 1), close: h.close(0), histLen: h.length });
            if (bar.index === 10) broker!.buy({ quantity: 1 });
          },
        };
      },
    };
    const result = runBacktest(candles, peeker, {}, { qtyStep: 1 });
    for (const s of seen) {
      expect(s.future).toBeNaN();
      expect(s.beforeFirst).toBeNaN();
      expect(s.close).toBe(candles.close[s.i]);
      expect(s.histLen).toBe(s.i + 1);
    }
    expect(result.trades[0]).toMatchObject({ entryBar: 11, entryPrice: candles.open[11] });
  });

  it('backtests a bar range as if the data started there', () => {
    const candles = wave(500);
    const ranged = runBacktest(candles, getStrategy('sma_cross'), {}, { qtyStep: 1e-8 }, { from: 100, to: 400 });
    const sliced = runBacktest(createCandles({
      time: candles.time.slice(100, 400), open: candles.open.slice(100, 400), high: candles.high.slice(100, 400),
      low: candles.low.slice(100, 400), close: candles.close.slice(100, 400), volume: candles.volume.slice(100, 400),
    }), getStrategy('sma_cross'), {}, { qtyStep: 1e-8 });
    expect(ranged.equity.length).toBe(300);
    expect(ranged.trades).toEqual(sliced.trades);
    expect(() => runBacktest(candles, getStrategy('sma_cross'), {}, {}, { from: 400, to: 100 })).toThrow(/bar range/);
  });

  it('reports progress and stops with an AbortError when cancelled', () => {
    const candles = wave(200_000);
    const calls: number[] = [];
    runBacktest(candles, getStrategy('rsi'), {}, {}, { onProgress: (done, total) => calls.push(done / total) });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[calls.length - 1]).toBe(1);
    const signal = { aborted: false };
    expect(() => runBacktest(candles, getStrategy('rsi'), {}, {}, {
      signal,
      onProgress: () => { signal.aborted = true; },
    })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});

describe('strategy parameters', () => {
  it('fills in defaults for missing parameters', () => {
    const runner = new StrategyRunner(getStrategy('sma_cross'), { n1: 7 });
    expect(runner.params).toEqual({ n1: 7, n2: 20, long_only: false });
  });

  it('names the valid parameters, with types and ranges, when given an unknown one', () => {
    expect(() => new StrategyRunner(getStrategy('sma_cross'), { n3: 5 })).toThrow(ParamError);
    expect(() => new StrategyRunner(getStrategy('sma_cross'), { n3: 5 })).toThrow(
      /unknown parameter "n3". Valid parameters: n1 \(int, 1\.\.1000, default 10\); n2 \(int, 2\.\.5000, default 20\); long_only \(bool, default false\)/,
    );
  });

  it('refuses a wrong type or an out-of-range value with a clear message', () => {
    expect(() => new StrategyRunner(getStrategy('sma_cross'), { n1: '10' })).toThrow(/sma_cross\.n1 must be a finite number \(got "10"\)/);
    expect(() => new StrategyRunner(getStrategy('sma_cross'), { n1: 2.5 })).toThrow(/must be an integer/);
    expect(() => new StrategyRunner(getStrategy('rsi'), { upper: 120 })).toThrow(/rsi\.upper must be <= 100/);
    expect(() => new StrategyRunner(getStrategy('sma_cross'), { long_only: 1 })).toThrow(/must be true or false/);
    expect(() => new StrategyRunner(getStrategy('bollinger_reversion'), { exit: 'lower' })).toThrow(/one of middle\|upper/);
  });
});
