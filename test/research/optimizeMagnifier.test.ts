/**
 * optimize --magnifier: every combination of the grid (not only the re-run winners) reads
 * the order of same-bar stop-loss / take-profit hits from the 1m bars of the instrument,
 * and each cell says how many such bars were settled each way. Real hours: 1m bars of the
 * bundled sample written to the local cache, read back as cache:binance:BTCUSDT:1h
 * (resampled from them), the 1m bars found by the magnifier under the same instrument.
 */
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CandleCache } from '../../src/main/data/cache/candleCache';
import { toBarColumns } from '../../src/main/data/cache/blocks';
import { loadSample } from '../../src/main/data/candleFiles';
import { openDb } from '../../src/main/data/db';
import { loadCandlesForSpec } from '../../src/main/data/dataSpec';
import { runBacktest } from '../../src/main/engine/backtest';
import { rangeCandles } from '../../src/main/engine/candles';
import type { StrategyDefinition } from '../../src/main/engine/strategy';
import { DataSetCache } from '../../src/main/research/dataSetCache';
import { runOptimization } from '../../src/main/research/optimize/optimizer';
import { WorkerPool } from '../../src/main/research/pool/workerPool';
import { ResearchStore } from '../../src/main/research/researchStore';
import { RunStore } from '../../src/main/research/runStore';
import type { OptimizeRequest } from '../../src/shared/researchTypes';
import bracketedModule from '../fixtures/strategies/bracketed';
import { tempHome } from '../support/cli';

const FROM = Date.UTC(2025, 5, 1);
const TO = Date.UTC(2025, 5, 8) - 1;
const minutes = rangeCandles(loadSample('BTCUSDT_1m'), FROM, TO + 1);
const bracketed = bracketedModule as unknown as StrategyDefinition;
const broker = { commission: 0 };

const db = openDb(join(tempHome(), 'store.sqlite'));
new CandleCache(db).write({ exchange: 'binance', symbol: 'BTCUSDT', interval: '1m' }, toBarColumns(minutes));
// The hours the optimizer reads: resampled by the cache from the 1m bars just written.
const hours = (await loadCandlesForSpec('cache:binance:BTCUSDT:1h', { db, fromMs: FROM, toMs: TO + 1 })).candles;
const pool = new WorkerPool({ size: 2 });
const ctx = { pool, db, dataSets: new DataSetCache(pool, db) };
afterAll(async () => {
  await pool.close();
  db.close();
});

const req: OptimizeRequest = {
  data: 'cache:binance:BTCUSDT:1h', fromMs: FROM, toMs: TO, strategy: resolve('test/fixtures/strategies/bracketed.ts'),
  space: { pct: '0.1,0.2,0.3' }, broker, topK: 1, magnifier: true,
};

describe('optimize --magnifier (real 1m bars through the local cache)', () => {
  it('runs every cell with the 1m bars: its figures are a magnified single backtest, its counts say how each same-bar case was settled', async () => {
    const out = await runOptimization(req, ctx);
    expect(out.summary.magnifier).toEqual({ source: 'cache:binance:BTCUSDT:1m' });
    expect(out.cells).toHaveLength(3);
    for (const cell of out.cells) {
      const pct = cell.params.pct as number;
      const magnified = runBacktest(hours, bracketed, { pct }, broker, { magnifier: minutes });
      const adverse = runBacktest(hours, bracketed, { pct }, broker);
      expect(cell.stats?.['Return [%]']).toBe(magnified.stats['Return [%]']);
      const { used: _used, ...counts } = magnified.magnifier;
      expect(cell.magnifier).toEqual(counts);
      expect(counts.resolvedTakeProfitFirst).toBeGreaterThan(0);
      if (counts.resolvedTakeProfitFirst > 0) expect(cell.stats?.['Return [%]']).not.toBe(adverse.stats['Return [%]']);
    }
    // The stored cells keep the counts (the table and heatmap read them back).
    const stored = new ResearchStore(db).cells(out.jobId);
    expect(stored.map((c) => c.magnifier)).toEqual(out.cells.map((c) => c.magnifier));
    // The winner re-run in full uses them too.
    const run = new RunStore(db).get(out.summary.top[0].runId as number);
    expect(run?.stats['Return [%]']).toBe(out.summary.best?.objective);
  });

  it('without the flag the cells carry no counts and keep the adverse rule', async () => {
    const out = await runOptimization({ ...req, magnifier: undefined }, ctx);
    expect(out.summary.magnifier).toBeUndefined();
    expect(new ResearchStore(db).cells(out.jobId).every((c) => !('magnifier' in c))).toBe(true);
    for (const cell of out.cells) {
      expect(cell.magnifier).toBeUndefined();
      expect(cell.stats?.['Return [%]']).toBe(runBacktest(hours, bracketed, { pct: cell.params.pct }, broker).stats['Return [%]']);
    }
  });
});
