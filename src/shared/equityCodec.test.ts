import { describe, expect, it } from 'vitest';
import { decodeEquity, encodeEquity, EquityCodingError } from './equityCodec';
import { runBacktest } from '../main/engine/backtest';
import { loadSample } from '../main/data/candleFiles';
import { getStrategy } from '../main/engine/strategies/registry';
import { DEFAULT_BROKER_SETTINGS } from './brokerDefaults';

/** Equal bit for bit (NaN payloads and -0 included). */
function expectSameBits(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  let firstDiff = -1;
  for (let i = 0; i < x.length && firstDiff < 0; i++) if (x[i] !== y[i]) firstDiff = i >> 1;
  expect(firstDiff).toBe(-1);
}

describe('equity coded against the closes', () => {
  const candles = loadSample('BTCUSDT_1m');

  it.each([
    ['rsi', 0.15],
    ['sma_cross', 0.3],
    ['bollinger_reversion', 0.3],
  ])('gives back a real %s run’s equity bit for bit, in a fraction of its bytes', (strategy, maxRatio) => {
    const run = runBacktest(candles, getStrategy(strategy), {}, DEFAULT_BROKER_SETTINGS);
    const coded = encodeEquity(run.equity, candles.close);
    expectSameBits(decodeEquity(coded, candles.close), run.equity);
    expect(coded.byteLength / run.equity.byteLength).toBeLessThan(maxRatio);
  });

  it('keeps values no equity should have: NaN, infinities, -0, subnormals, huge jumps', () => {
    const close = Float64Array.from([100, 100, 101, 99, NaN, 98, 98, Infinity, 97, 96, 95, 94]);
    const odd = new Float64Array(close.length);
    odd.set([1e4, -0, 0, NaN, 5e-324, Infinity, -Infinity, 1e308, -1e308, 1e4, 1e4 + 1e-9, 0]);
    // A NaN with a payload of its own, not the CPU's default one.
    new Uint32Array(odd.buffer)[2 * 11] = 0x12345;
    new Uint32Array(odd.buffer)[2 * 11 + 1] = 0x7ff00001;
    expectSameBits(decodeEquity(encodeEquity(odd, close), close), odd);
  });

  it('gives back random values and an empty curve', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const close = Float64Array.from({ length: 5000 }, () => 100 + rnd());
    const equity = Float64Array.from({ length: 5000 }, () => (rnd() - 0.5) * 10 ** (rnd() * 20));
    const coded = encodeEquity(equity, close);
    expectSameBits(decodeEquity(coded, close), equity);
    expect(decodeEquity(encodeEquity(new Float64Array(0), close), close).length).toBe(0);
    // The coder's working memory is reused: after other inputs, the same bytes again.
    encodeEquity(equity.map((v) => -v), close);
    expect(Buffer.from(encodeEquity(equity, close)).equals(Buffer.from(coded))).toBe(true);
  });

  it('refuses closes other than the run’s instead of charting a wrong curve', () => {
    const run = runBacktest(candles, getStrategy('sma_cross'), {}, DEFAULT_BROKER_SETTINGS);
    const coded = encodeEquity(run.equity, candles.close);
    const other = candles.close.slice();
    other[5000] += 1;
    expect(() => decodeEquity(coded, other)).toThrow(EquityCodingError);
    expect(() => decodeEquity(coded, candles.close.subarray(0, 10))).toThrow(/only 10 closes/);
  });

  it('refuses coded bytes that were cut short', () => {
    const close = Float64Array.from({ length: 100 }, (_, i) => 100 + Math.sin(i));
    const equity = Float64Array.from({ length: 100 }, (_, i) => 1e4 + i * Math.PI);
    const coded = encodeEquity(equity, close);
    expect(() => decodeEquity(coded.subarray(0, coded.length - 3), close)).toThrow(/cut short/);
    expect(() => decodeEquity(coded.subarray(0, 5), close)).toThrow(/header/);
  });
});
