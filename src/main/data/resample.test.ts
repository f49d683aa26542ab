import { describe, expect, it } from 'vitest';
import { loadSample } from './candleFiles';
import { resampleCandles } from './resample';
import { WEEK_ORIGIN_MS, bucketStart, intervalMs } from '../../shared/market/interval';
import type { Candles } from '../engine/candles';

/** The textbook definition, bar by bar through a Map: an independent check of the fast loop. */
function naive(c: Candles, ms: number, origin: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < c.length; i++) {
    const b = origin + Math.floor((c.time[i] - origin) / ms) * ms;
    const cur = out.get(b);
    if (!cur) out.set(b, [c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]);
    else out.set(b, [cur[0], Math.max(cur[1], c.high[i]), Math.min(cur[2], c.low[i]), c.close[i], cur[4] + c.volume[i]]);
  }
  return out;
}

describe('resampleCandles', () => {
  const btc1m = loadSample('BTCUSDT_1m');

  for (const iv of ['5m', '15m', '1h', '4h', '1d']) {
    it(`matches the first/max/min/last/sum definition on real BTCUSDT 1m → ${iv}`, () => {
      const ms = intervalMs(iv);
      const r = resampleCandles(btc1m, iv);
      const want = naive(btc1m, ms, 0);
      expect(r.length).toBe(want.size);
      for (let k = 0; k < r.length; k++) expect([r.open[k], r.high[k], r.low[k], r.close[k], r.volume[k]]).toEqual(want.get(r.time[k]));
    });
  }

  it('cuts weeks on Mondays, as Binance does', () => {
    const r = resampleCandles(btc1m, '1w');
    for (let k = 0; k < r.length; k++) expect(new Date(r.time[k]).getUTCDay()).toBe(1);
    expect(new Date(WEEK_ORIGIN_MS).getUTCDay()).toBe(1);
  });

  it('cuts calendar months on the 1st at 00:00 UTC, each from that month\'s own bars', () => {
    const btc1h = loadSample('BTCUSDT_1h');
    const r = resampleCandles(btc1h, '1M');
    const months = new Map<number, number[]>();
    for (let i = 0; i < btc1h.length; i++) {
      const d = new Date(btc1h.time[i]);
      const key = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      const cur = months.get(key);
      if (!cur) months.set(key, [btc1h.open[i], btc1h.high[i], btc1h.low[i], btc1h.close[i], btc1h.volume[i]]);
      else months.set(key, [cur[0], Math.max(cur[1], btc1h.high[i]), Math.min(cur[2], btc1h.low[i]), btc1h.close[i], cur[4] + btc1h.volume[i]]);
    }
    expect(r.length).toBe(months.size);
    expect(r.length).toBeGreaterThan(12);
    for (let k = 0; k < r.length; k++) {
      expect(new Date(r.time[k]).getUTCDate()).toBe(1);
      expect([r.open[k], r.high[k], r.low[k], r.close[k], r.volume[k]]).toEqual(months.get(r.time[k]));
    }
  });

  it('keeps a bucket that has only some of its bars (gaps in the source)', () => {
    const btc1h = loadSample('BTCUSDT_1h');
    const r = resampleCandles(btc1h, '1d');
    const days = new Set(Array.from(btc1h.time, (t) => bucketStart(t, 86_400_000)));
    expect(r.length).toBe(days.size);
  });
});

describe('intervalMs', () => {
  it('reads the exchange spellings and refuses months and junk', () => {
    expect([intervalMs('1m'), intervalMs('15m'), intervalMs('4h'), intervalMs('1d'), intervalMs('1w')]).toEqual([60_000, 900_000, 14_400_000, 86_400_000, 604_800_000]);
    for (const bad of ['0m', 'm', '1 m', '15', '1y', "1m'; drop"]) expect(() => intervalMs(bad)).toThrow(/is not valid/);
    expect(() => intervalMs('1M')).toThrow(/calendar month, which has no fixed length/);
  });
});
