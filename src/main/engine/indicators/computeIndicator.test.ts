import { describe, expect, it } from 'vitest';
import { createCandles } from '../candles';
import { indicatorCatalog } from './catalog';
import { computeIndicator, IndicatorRequestError } from './computeIndicator';
import { Sma } from './sma';
import { Vwap } from './vwap';
import { syntheticBars } from './testSupport';

const bars = syntheticBars(300, 91);
const candles = createCandles({
  time: Float64Array.from({ length: bars.length }, (_, i) => i * 3_600_000),
  open: bars.close,
  high: bars.high,
  low: bars.low,
  close: bars.close,
  volume: bars.volume,
});

describe('indicatorCatalog', () => {
  it('lists each indicator once with its outputs, drawing kind and parameter defaults inside their bounds', () => {
    const names = indicatorCatalog.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['sma', 'ema', 'wma', 'rsi', 'macd', 'bollinger', 'atr', 'stochastic', 'donchian', 'adx', 'obv', 'vwap']);
    for (const d of indicatorCatalog) {
      expect(d.outputs.length).toBeGreaterThan(0);
      expect(['overlay', 'pane']).toContain(d.kind);
      for (const p of d.params) {
        expect(['int', 'float']).toContain(p.type);
        expect(typeof p.default).toBe('number');
        expect(p.default as number).toBeGreaterThanOrEqual(p.min!);
        expect(p.default as number).toBeLessThanOrEqual(p.max!);
      }
    }
    expect(indicatorCatalog.find((d) => d.name === 'macd')!.outputs).toEqual(['macd', 'signal', 'hist']);
    expect(indicatorCatalog.find((d) => d.name === 'bollinger')!.kind).toBe('overlay');
    expect(indicatorCatalog.find((d) => d.name === 'rsi')!.kind).toBe('pane');
  });
});

describe('computeIndicator', () => {
  it('returns one Float64Array per output, aligned with the candles', () => {
    const out = computeIndicator('stochastic', {}, candles);
    expect(Object.keys(out)).toEqual(['k', 'd']);
    expect(out.k).toBeInstanceOf(Float64Array);
    expect(out.k.length).toBe(candles.length);
  });

  it('fills missing parameters with their defaults', () => {
    const sma20 = new Sma(20);
    const expected = Float64Array.from(candles.close, (x) => sma20.update(x));
    expect(computeIndicator('sma', {}, candles).sma).toEqual(expected);
  });

  it('treats VWAP period 0 as cumulative', () => {
    const vw = new Vwap();
    const expected = Float64Array.from({ length: candles.length }, (_, i) =>
      vw.update(candles.high[i], candles.low[i], candles.close[i], candles.volume[i]));
    expect(computeIndicator('vwap', {}, candles).vwap).toEqual(expected);
  });

  it('handles an empty series', () => {
    const empty = createCandles({ time: [], open: [], high: [], low: [], close: [], volume: [] });
    expect(computeIndicator('macd', {}, empty).hist.length).toBe(0);
  });

  it('names the problem for an unknown indicator or a bad parameter', () => {
    expect(() => computeIndicator('kama', {}, candles)).toThrow(IndicatorRequestError);
    expect(() => computeIndicator('kama', {}, candles)).toThrow(/unknown indicator "kama" \(known: sma, ema/);
    expect(() => computeIndicator('sma', { length: 5 }, candles)).toThrow(/sma: unknown parameter "length" \(parameters: period\)/);
    expect(() => computeIndicator('obv', { period: 5 }, candles)).toThrow(/parameters: none/);
    expect(() => computeIndicator('sma', { period: 2.5 }, candles)).toThrow(/sma: period must be an integer \(got 2.5\)/);
    expect(() => computeIndicator('rsi', { period: 0 }, candles)).toThrow(/rsi: period must be within \[1, 10000\] \(got 0\)/);
    expect(() => computeIndicator('bollinger', { k: Number.NaN }, candles)).toThrow(/bollinger: k must be a finite number/);
    expect(() => computeIndicator('macd', { fast: '12' as unknown as number }, candles)).toThrow(/macd: fast must be a finite number/);
  });
});
