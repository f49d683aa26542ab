import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../data/db';
import { emptyBatch, LiveStore } from '../live/liveStore';
import { apiArgSchemas } from '../../shared/apiSchemas';
import { barColumns } from './liveAdapter';

const MIN = 60_000;
const T0 = Date.UTC(2025, 4, 20);
let db: Db | null = null;

afterEach(() => {
  db?.close();
  db = null;
});

/** A store holding `n` closed BTCUSDT:1m bars (close = 100 + i) and 3 ETHUSDT:1m bars, committed as the feed would. */
function storeWithBars(n: number): LiveStore {
  db = openDb(':memory:');
  const store = new LiveStore(db);
  const w = emptyBatch('market_data_stream', 0, '1');
  for (let i = 0; i < n; i++) w.candles.push('BTCUSDT:1m', T0 + i * MIN, 99 + i, 101 + i, 98 + i, 100 + i, 1 + i);
  for (let i = 0; i < 3; i++) w.candles.push('ETHUSDT:1m', T0 + i * MIN, 1, 2, 0.5, 1.5, 10);
  store.commitBatch(w);
  return store;
}

describe('live.bars', () => {
  it('answers the last `limit` closed bars of the instrument, oldest first, as candle columns', () => {
    const store = storeWithBars(10);
    const cols = barColumns('BTCUSDT:1m', store.recentCandles('BTCUSDT:1m', 4));
    expect(cols).toEqual({
      source: 'live:BTCUSDT:1m',
      time: Float64Array.from([6, 7, 8, 9], (i) => T0 + i * MIN),
      open: Float64Array.from([105, 106, 107, 108]),
      high: Float64Array.from([107, 108, 109, 110]),
      low: Float64Array.from([104, 105, 106, 107]),
      close: Float64Array.from([106, 107, 108, 109]),
      volume: Float64Array.from([7, 8, 9, 10]),
      warnings: [],
    });
  });

  it('answers every bar when fewer than `limit` exist, and empty columns for an instrument never seen', () => {
    const store = storeWithBars(3);
    expect(barColumns('BTCUSDT:1m', store.recentCandles('BTCUSDT:1m', 500)).close).toEqual(Float64Array.from([100, 101, 102]));
    expect(barColumns('SOLUSDT:1m', store.recentCandles('SOLUSDT:1m', 500)).time).toEqual(new Float64Array(0));
  });

  it('validates the instrument like the other live methods: exchange prefix and unknown interval rejected, symbol upper-cased', () => {
    const schema = apiArgSchemas['live.bars'];
    expect(schema.parse({ instrument: 'btcusdt:1m', limit: 50 })).toEqual({ instrument: 'BTCUSDT:1m', limit: 50 });
    expect(schema.safeParse({ instrument: 'binance:BTCUSDT:1m' }).success).toBe(false);
    expect(schema.safeParse({ instrument: 'BTCUSDT:7q' }).success).toBe(false);
    expect(schema.safeParse({ instrument: 'BTCUSDT:1m', limit: 0 }).success).toBe(false);
    expect(schema.safeParse({ instrument: 'BTCUSDT:1m', extra: 1 }).success).toBe(false);
  });
});
