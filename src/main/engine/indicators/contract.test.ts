/**
 * The contract every indicator in this folder keeps (see indicator.ts), checked for the
 * whole catalog: warm-up length, value/ready, reset(), and that an object fed bar by bar
 * (as a live feed does, interleaved with reads) gives exactly the batch result.
 */
import { describe, expect, it } from 'vitest';
import { createCandles, type Candles } from '../candles';
import { findIndicatorDef, indicatorCatalog, type IndicatorName } from './catalog';
import { computeIndicator, resolveParams } from './computeIndicator';
import type { BarIndicator, ScalarIndicator } from './indicator';
import { syntheticBars } from './testSupport';

const bars = syntheticBars(1500, 81);
const candles: Candles = createCandles({
  time: Float64Array.from({ length: bars.length }, (_, i) => 1_700_000_000_000 + i * 60_000),
  open: bars.close,
  high: bars.high,
  low: bars.low,
  close: bars.close,
  volume: bars.volume,
});

/** Documented index of the first defined value, per indicator and parameters. */
const cases: { name: IndicatorName; params: Record<string, number>; firstIndex: number }[] = [
  { name: 'sma', params: { period: 20 }, firstIndex: 19 },
  { name: 'ema', params: { period: 10 }, firstIndex: 9 },
  { name: 'wma', params: { period: 15 }, firstIndex: 14 },
  { name: 'rsi', params: { period: 14 }, firstIndex: 14 },
  { name: 'macd', params: { fast: 12, slow: 26, signal: 9 }, firstIndex: 33 },
  { name: 'macd', params: { fast: 5, slow: 35, signal: 5 }, firstIndex: 38 },
  { name: 'bollinger', params: { period: 20, k: 2.5 }, firstIndex: 19 },
  { name: 'atr', params: { period: 14 }, firstIndex: 14 },
  { name: 'stochastic', params: { kPeriod: 14, kSmooth: 3, dPeriod: 3 }, firstIndex: 17 },
  { name: 'donchian', params: { period: 20 }, firstIndex: 19 },
  { name: 'adx', params: { period: 14 }, firstIndex: 27 },
  { name: 'obv', params: {}, firstIndex: 0 },
  { name: 'vwap', params: { period: 0 }, firstIndex: 0 },
  { name: 'vwap', params: { period: 30 }, firstIndex: 29 },
];

function feed(ind: ScalarIndicator | BarIndicator, input: 'close' | 'bar', i: number): number {
  return input === 'close'
    ? (ind as ScalarIndicator).update(candles.close[i])
    : (ind as BarIndicator).update(candles.high[i], candles.low[i], candles.close[i], candles.volume[i]);
}

/** Reads an output by its catalog name straight off the object (not through the catalog's writer). */
function read(ind: ScalarIndicator | BarIndicator, output: string): number {
  const v: unknown = (ind as unknown as Record<string, unknown>)[output] ?? (ind as ScalarIndicator).value;
  if (typeof v !== 'number') throw new Error(`output ${output} is not a number`);
  return v;
}

describe.each(cases)('$name $params', ({ name, params, firstIndex }) => {
  const def = findIndicatorDef(name)!;
  const batch = computeIndicator(name, params, candles);

  it('is NaN exactly up to its documented first bar, then defined (save VWAP over volume-less bars)', () => {
    const primary = batch[def.outputs[0]];
    expect(primary.findIndex((v) => !Number.isNaN(v))).toBe(firstIndex);
    for (const output of def.outputs) {
      const series = batch[output];
      expect(series.length).toBe(candles.length);
      expect(series.subarray(0, firstIndex).every((v) => Number.isNaN(v))).toBe(true);
      const undefinedAfter = series.subarray(firstIndex).filter((v) => Number.isNaN(v)).length;
      if (name === 'vwap') expect(undefinedAfter).toBeLessThan(60);
      else expect(undefinedAfter).toBe(0);
    }
  });

  it('fed bar by bar with reads in between, equals the batch result; value and ready follow update', () => {
    const ind = def.create(resolveParams(def, params));
    for (let i = 0; i < candles.length; i++) {
      const ret = feed(ind, def.input, i);
      expect(Object.is(ret, ind.value)).toBe(true);
      // The catalog lists the primary output first.
      expect(Object.is(ret, batch[def.outputs[0]][i])).toBe(true);
      expect(ind.ready).toBe(!Number.isNaN(ret));
      for (const output of def.outputs) {
        if (!Object.is(read(ind, output), batch[output][i])) {
          throw new Error(`${name}.${output}[${i}]: stream ${read(ind, output)} vs batch ${batch[output][i]}`);
        }
      }
    }
  });

  it('after reset() replays identically to a fresh object', () => {
    const ind = def.create(resolveParams(def, params));
    for (let i = 0; i < 700; i++) feed(ind, def.input, (i * 7) % candles.length);
    ind.reset();
    expect(ind.ready).toBe(false);
    expect(Number.isNaN(ind.value)).toBe(true);
    for (const output of def.outputs) expect(Number.isNaN(read(ind, output))).toBe(true);
    for (let i = 0; i < candles.length; i++) {
      feed(ind, def.input, i);
      for (const output of def.outputs) {
        if (!Object.is(read(ind, output), batch[output][i])) {
          throw new Error(`${name}.${output}[${i}] after reset: ${read(ind, output)} vs ${batch[output][i]}`);
        }
      }
    }
  });
});

describe('scalar indicators skip NaN inputs', () => {
  it.each(cases.filter((c) => findIndicatorDef(c.name)!.input === 'close'))(
    '$name $params gives the batch result with NaNs interleaved in its input',
    ({ name, params }) => {
      const def = findIndicatorDef(name)!;
      const batch = computeIndicator(name, params, candles);
      const ind = def.create(resolveParams(def, params)) as ScalarIndicator;
      for (let i = 0; i < candles.length; i++) {
        if (i % 3 === 0) {
          const before = ind.value;
          expect(Object.is(ind.update(Number.NaN), before)).toBe(true);
        }
        expect(Object.is(ind.update(candles.close[i]), batch[def.outputs[0]][i])).toBe(true);
      }
    },
  );

  it('so an indicator of an indicator starts when its input has values', () => {
    const rsi = computeIndicator('rsi', { period: 14 }, candles).rsi;
    const chained = computeIndicator('ema', { period: 5 }, { ...candles, close: rsi });
    const defined = rsi.subarray(14);
    const direct = computeIndicator('ema', { period: 5 }, { ...candles, close: defined, length: defined.length });
    expect(chained.ema.subarray(14)).toEqual(direct.ema);
    expect(chained.ema.findIndex((v) => !Number.isNaN(v))).toBe(14 + 4);
  });
});

describe('catalog coverage', () => {
  it('the contract cases above cover every indicator in the catalog', () => {
    expect(new Set(cases.map((c) => c.name))).toEqual(new Set(indicatorCatalog.map((d) => d.name)));
  });
});
