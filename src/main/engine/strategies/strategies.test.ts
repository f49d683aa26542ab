import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest';
import { createCandles, type Candles } from '../candles';
import { Bollinger } from '../indicators/bollinger';
import { Macd } from '../indicators/macd';
import { builtinStrategies, getStrategy, StrategyDefinitionError, validateStrategyDefinition } from './registry';

function series(closes: readonly number[], spread = 0.5): Candles {
  const open = closes.map((c, i) => (i === 0 ? c : closes[i - 1]));
  return createCandles({
    time: closes.map((_, i) => Date.UTC(2024, 0, 1) + i * 60_000),
    open,
    high: closes.map((c, i) => Math.max(c, open[i]) + spread),
    low: closes.map((c, i) => Math.min(c, open[i]) - spread),
    close: closes,
    volume: closes.map(() => 1),
  });
}

const wavy = Array.from({ length: 1500 }, (_, i) => 100 + 12 * Math.sin(i / 11) + 5 * Math.sin(i / 3.1) + 3 * Math.sin(i / 37));

describe('registry', () => {
  it('offers six built-ins with unique names, each a valid definition', () => {
    const names = builtinStrategies.map((s) => s.name);
    expect(names).toEqual(['sma_cross', 'ema_cross', 'rsi', 'macd_cross', 'bollinger_reversion', 'donchian_breakout']);
    for (const s of builtinStrategies) expect(validateStrategyDefinition(s)).toBe(s);
  });

  it('names the valid strategies when asked for an unknown one', () => {
    expect(() => getStrategy('turtle')).toThrow(/unknown strategy "turtle"; built-in strategies: sma_cross, ema_cross, rsi, macd_cross, bollinger_reversion, donchian_breakout/);
  });

  it('lists every problem of a malformed user strategy', () => {
    const bad = {
      name: '9 lives',
      params: [
        { name: 'n', type: 'int', default: 2.5, min: 1, max: 10, description: 'x' },
        { name: 'n', type: 'float', default: 50, min: 0, max: 10, description: 'dup' },
        { name: 'mode', type: 'enum', default: 'c', options: ['a', 'b'], description: 'm' },
        { name: 'flag', type: 'boolean', default: true, description: 'f' },
      ],
      create: 'not a function',
    };
    try {
      validateStrategyDefinition(bad);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(StrategyDefinitionError);
      const problems = (e as StrategyDefinitionError).problems.join('\n');
      expect(problems).toMatch(/"name" must be a string/);
      expect(problems).toMatch(/"description" must be a string/);
      expect(problems).toMatch(/"create" must be a function/);
      expect(problems).toMatch(/params\[0\] \(n\): "default" must be an integer/);
      expect(problems).toMatch(/params\[1\]: duplicate parameter name "n"/);
      expect(problems).toMatch(/params\[1\] \(n\): "default" 50 is outside min\.\.max/);
      expect(problems).toMatch(/params\[2\] \(mode\): "default" must be one of a, b/);
      expect(problems).toMatch(/params\[3\] \(flag\): "type" must be one of int, float, bool, enum/);
    }
    expect(() => validateStrategyDefinition(undefined)).toThrow(/expected an object/);
    expect(() => validateStrategyDefinition({ default: {} })).toThrow(/module namespace/);
  });
});

describe('built-in strategies', () => {
  it.each(builtinStrategies.map((s) => [s.name, s] as const))('%s trades on a wavy series with its defaults, entering the bar after its signal', (_name, def) => {
    const candles = series(wavy);
    const r = runBacktest(candles, def, {}, { qtyStep: 1e-8 });
    expect(r.trades.length).toBeGreaterThan(2);
    for (const t of r.trades) {
      expect(t.entryPrice).toBe(candles.open[t.entryBar]);
      expect(t.exitBar).toBeGreaterThanOrEqual(t.entryBar);
    }
  });

  it('long_only turns sma_cross and macd_cross shorts into plain exits', () => {
    for (const name of ['sma_cross', 'ema_cross', 'macd_cross']) {
      const r = runBacktest(series(wavy), getStrategy(name), { long_only: true }, { qtyStep: 1e-8 });
      expect(r.trades.length).toBeGreaterThan(2);
      expect(r.trades.every((t) => t.side === 'long')).toBe(true);
    }
  });

  it('macd_cross enters long the bar after the MACD line crosses above its signal line', () => {
    const candles = series(wavy);
    const r = runBacktest(candles, getStrategy('macd_cross'), {}, { qtyStep: 1e-8 });
    const macd = new Macd(12, 26, 9);
    const crossUp = new Set<number>();
    let pl = NaN, ps = NaN;
    for (let i = 0; i < candles.length; i++) {
      const line = macd.update(candles.close[i]);
      if (pl < ps && line > macd.signal) crossUp.add(i);
      pl = line;
      ps = macd.signal;
    }
    const longs = r.trades.filter((t) => t.side === 'long');
    expect(longs.length).toBeGreaterThan(2);
    for (const t of longs) expect(crossUp.has(t.entryBar - 1)).toBe(true);
  });

  it('bollinger_reversion buys after a close back above the lower band and exits at the middle band', () => {
    const candles = series(wavy);
    const r = runBacktest(candles, getStrategy('bollinger_reversion'), {}, { qtyStep: 1e-8 });
    const bands = new Bollinger(20, 2);
    const lower: number[] = [], middle: number[] = [];
    for (let i = 0; i < candles.length; i++) {
      bands.update(candles.close[i]);
      lower.push(bands.lower);
      middle.push(bands.middle);
    }
    expect(r.trades.length).toBeGreaterThan(2);
    for (const t of r.trades) {
      const s = t.entryBar - 1;
      expect(candles.close[s - 1] < lower[s - 1] && candles.close[s] > lower[s]).toBe(true);
      if (t.exitReason === 'signal') expect(candles.close[t.exitBar - 1]).toBeGreaterThanOrEqual(middle[t.exitBar - 1]);
    }
  });

  it('bollinger_reversion protects entries with a percent stop-loss when asked', () => {
    const r = runBacktest(series(wavy), getStrategy('bollinger_reversion'), { stop_loss_pct: 1 }, { qtyStep: 1e-8 });
    expect(r.trades.some((t) => t.exitReason === 'stop_loss')).toBe(true);
    for (const t of r.trades.filter((x) => x.exitReason === 'stop_loss')) {
      expect(t.exitPrice).toBeLessThanOrEqual(t.entryPrice * 0.99 + 1e-9);
    }
  });

  it('donchian_breakout enters on a close above the previous N-bar high and exits below the previous M-bar low', () => {
    // 30 quiet bars (high 100.5), a breakout close at 103, a drift up, then a break down.
    const closes = [...Array(30).fill(100), 103, 104, 105, 106, 105.5, 105, 104.8, 104.9, 104.7, 104.6, 104.5, 104.4, 104.3, 99, 98, 97];
    const candles = series(closes);
    const r = runBacktest(candles, getStrategy('donchian_breakout'), { entry: 20, exit: 10 }, { qtyStep: 1e-8 });
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ entryBar: 31, exitBar: 44, exitReason: 'signal' });
  });
});
