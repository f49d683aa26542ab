import { describe, expect, it } from 'vitest';
import { createCandles } from '../engine/candles';
import { loadMagnifierBars, magnifierSpecFor } from './magnifierData';

describe('the 1m bars behind a run', () => {
  it('names the same instrument at 1m for samples and the cache, and refuses other sources by name', () => {
    expect(magnifierSpecFor('sample:BTCUSDT_1h')).toBe('sample:BTCUSDT_1m');
    expect(magnifierSpecFor('cache:binance:ETHUSDT:4h')).toBe('cache:binance:ETHUSDT:1m');
    expect(() => magnifierSpecFor('csv:/tmp/x.csv')).toThrow(/--magnifier needs 1m bars of the same instrument.*\(got csv:\/tmp\/x\.csv\)/);
    expect(() => magnifierSpecFor('sample:BTCUSDT_1m')).toThrow(/already 1m bars/);
  });

  it('loads the 1m sample over the hours of a run, through the end of its last hour', async () => {
    const start = Date.UTC(2025, 4, 21);
    const hours = createCandles({
      time: [start, start + 3_600_000], open: [1, 1], high: [1, 1], low: [1, 1], close: [1, 1], volume: [1, 1],
    });
    const fine = await loadMagnifierBars('sample:BTCUSDT_1h', hours);
    expect(fine.source).toBe('sample:BTCUSDT_1m');
    expect(fine.candles?.length).toBe(120);
    expect(fine.candles?.time[0]).toBe(start);
  });
});
