/**
 * TA-Lib is the field's reference for indicator values: test/fixtures/oracles/indicators_goog.json
 * holds its output on GOOG's daily bars (see the README there). Every value after warm-up
 * must agree to 1e-9 relative, and ours must be NaN exactly where TA-Lib has none.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Atr } from './atr';
import { Bollinger } from './bollinger';
import { Ema } from './ema';
import { Macd } from './macd';
import { Rsi } from './rsi';
import { Sma } from './sma';

type Series = (number | null)[];
interface Oracle {
  close: number[];
  talib: {
    RSI_14: Series;
    SMA_20: Series;
    EMA_20: Series;
    ATR_14: Series;
    MACD_12_26_9: { macd: Series; signal: Series; hist: Series };
    BBANDS_20_2: { upper: Series; middle: Series; lower: Series };
  };
}

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/oracles/', import.meta.url));
const oracle = JSON.parse(readFileSync(`${fixtures}indicators_goog.json`, 'utf8')) as Oracle;
const goog = readGoog(`${fixtures}GOOG.csv`);
const REL = 1e-9;

/** Checks `ours` bar by bar against TA-Lib: NaN exactly where it has null, else within REL. */
function expectMatchesTalib(label: string, ours: Float64Array, talib: Series): void {
  expect(ours.length).toBe(talib.length);
  let compared = 0;
  for (let i = 0; i < talib.length; i++) {
    const ref = talib[i];
    if (ref === null) {
      if (!Number.isNaN(ours[i])) throw new Error(`${label}[${i}]: expected NaN (TA-Lib has no value), got ${ours[i]}`);
      continue;
    }
    const err = Math.abs(ours[i] - ref) / Math.max(Math.abs(ref), 1e-300);
    if (!(err <= REL)) throw new Error(`${label}[${i}]: ${ours[i]} vs TA-Lib ${ref} (relative error ${err})`);
    compared++;
  }
  // Guard against a vacuous pass: TA-Lib defines almost every bar.
  expect(compared).toBeGreaterThan(talib.length - 40);
}

function runClose(ind: { update(x: number): number }): Float64Array {
  const out = new Float64Array(goog.close.length);
  for (let i = 0; i < out.length; i++) out[i] = ind.update(goog.close[i]);
  return out;
}

describe('indicators match TA-Lib on GOOG daily bars', () => {
  it('reads the same closes the oracle was computed from', () => {
    expect(goog.close.length).toBe(oracle.close.length);
    expect(Array.from(goog.close)).toEqual(oracle.close);
  });

  it('RSI(14)', () => {
    expectMatchesTalib('RSI_14', runClose(new Rsi(14)), oracle.talib.RSI_14);
  });

  it('SMA(20)', () => {
    expectMatchesTalib('SMA_20', runClose(new Sma(20)), oracle.talib.SMA_20);
  });

  it('EMA(20)', () => {
    expectMatchesTalib('EMA_20', runClose(new Ema(20)), oracle.talib.EMA_20);
  });

  it('MACD(12, 26, 9): macd, signal and hist from bar 33', () => {
    const m = new Macd(12, 26, 9);
    const n = goog.close.length;
    const macd = new Float64Array(n), signal = new Float64Array(n), hist = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // update returns the primary output (the MACD line), NaN included.
      expect(Object.is(m.update(goog.close[i]), m.macd)).toBe(true);
      macd[i] = m.macd;
      signal[i] = m.signal;
      hist[i] = m.hist;
    }
    expectMatchesTalib('MACD.macd', macd, oracle.talib.MACD_12_26_9.macd);
    expectMatchesTalib('MACD.signal', signal, oracle.talib.MACD_12_26_9.signal);
    expectMatchesTalib('MACD.hist', hist, oracle.talib.MACD_12_26_9.hist);
  });

  it('BBANDS(20, 2) with population standard deviation', () => {
    const b = new Bollinger(20, 2);
    const n = goog.close.length;
    const upper = new Float64Array(n), middle = new Float64Array(n), lower = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      b.update(goog.close[i]);
      upper[i] = b.upper;
      middle[i] = b.middle;
      lower[i] = b.lower;
    }
    expectMatchesTalib('BBANDS.upper', upper, oracle.talib.BBANDS_20_2.upper);
    expectMatchesTalib('BBANDS.middle', middle, oracle.talib.BBANDS_20_2.middle);
    expectMatchesTalib('BBANDS.lower', lower, oracle.talib.BBANDS_20_2.lower);
  });

  it('ATR(14) from high, low and close', () => {
    const a = new Atr(14);
    const out = new Float64Array(goog.close.length);
    for (let i = 0; i < out.length; i++) out[i] = a.update(goog.high[i], goog.low[i], goog.close[i]);
    expectMatchesTalib('ATR_14', out, oracle.talib.ATR_14);
  });
});

function readGoog(path: string): { high: Float64Array; low: Float64Array; close: Float64Array } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`GOOG.csv has no ${name} column`);
    return k;
  };
  const [h, l, c] = [col('High'), col('Low'), col('Close')];
  const rows = lines.slice(1).map((line) => line.split(','));
  const num = (r: string[], k: number): number => Number(r[k]);
  return {
    high: Float64Array.from(rows, (r) => num(r, h)),
    low: Float64Array.from(rows, (r) => num(r, l)),
    close: Float64Array.from(rows, (r) => num(r, c)),
  };
}
