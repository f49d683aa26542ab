import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandleCache } from './cache/candleCache';
import { loadCandlesForSpec } from './dataSpec';
import { openDb } from './db';
import { instrument } from '../../shared/market/instrument';

const dir = mkdtempSync(join(tmpdir(), 'cryptota-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a run's data source is accepted back by the loader (chart overlays reload it)", () => {
  it('a CSV file', async () => {
    const file = join(dir, 'bars.csv');
    writeFileSync(file, 'open_time_ms,open,high,low,close,volume\n1704067200000,1,2,0.5,1.5,3\n1704067260000,1.5,2,1,1.2,4\n');
    const first = await loadCandlesForSpec(file);
    expect(first.source).toBe(`csv:${file}`);
    const again = await loadCandlesForSpec(first.source);
    expect(again.source).toBe(first.source);
    expect(Array.from(again.candles.close)).toEqual([1.5, 1.2]);
  });

  it('a sample and a cache: spec resampled from a finer interval', async () => {
    const sample = await loadCandlesForSpec('sample');
    expect((await loadCandlesForSpec(sample.source)).candles.length).toBe(sample.candles.length);
    const db = openDb(':memory:');
    try {
      const key = instrument('binance', 'SPECUSDT', '1m');
      const t = Float64Array.from({ length: 10 }, (_, i) => Date.UTC(2025, 0, 1) + i * 60_000);
      const v = () => new Float64Array(10).fill(1);
      new CandleCache(db).write(key, { time: t, open: v(), high: v(), low: v(), close: v(), volume: v(), length: 10 }, { fromMs: t[0], toMs: t[9] + 60_000 });
      const first = await loadCandlesForSpec('cache:binance:SPECUSDT:5m', { db });
      expect(first.candles.length).toBe(2);
      const again = await loadCandlesForSpec(first.source, { db });
      expect(again.candles.length).toBe(2);
    } finally {
      db.close();
    }
  });
});
