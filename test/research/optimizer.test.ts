import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { runBacktest } from '../../src/main/engine/backtest';
import { rangeCandles } from '../../src/main/engine/candles';
import { smaCross } from '../../src/main/engine/strategies/smaCross';
import { brokerConfigFrom } from '../../src/main/research/backtestJob';
import { DataSetCache } from '../../src/main/research/dataSetCache';
import { runOptimization } from '../../src/main/research/optimize/optimizer';
import { WorkerPool } from '../../src/main/research/pool/workerPool';
import { ResearchStore } from '../../src/main/research/researchStore';
import { RunStore } from '../../src/main/research/runStore';
import type { ResearchContext } from '../../src/main/research/researchContext';
import type { OptimizeRequest } from '../../src/shared/researchTypes';
import { tempHome } from '../support/cli';

// Two weeks of real 1m bars keep each grid quick while trades stay plentiful.
const FROM = Date.UTC(2025, 5, 1);
const TO = Date.UTC(2025, 5, 15) - 1;
const base: OptimizeRequest = {
  data: 'sample:BTCUSDT_1m', fromMs: FROM, toMs: TO, strategy: 'sma_cross',
  space: { n1: '5:25:5', n2: '30:90:20' }, broker: { commission: 0.001 },
};

function context(workers: number): ResearchContext & { close(): Promise<void> } {
  const db = openDb(join(tempHome(), 'store.sqlite'));
  const pool = new WorkerPool({ size: workers });
  return { pool, db, dataSets: new DataSetCache(pool, db), close: async () => { await pool.close(); db.close(); } };
}

describe('optimizer on the worker pool (real SQLite store)', () => {
  const one = context(1);
  const two = context(2);
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('finds the same best combination as a brute-force loop of single backtests', async () => {
    const out = await runOptimization(base, two);
    const candles = rangeCandles(loadSample('BTCUSDT_1m'), FROM, TO + 1);
    const broker = brokerConfigFrom(base.broker);
    let best = { ret: -Infinity, n1: 0, n2: 0 };
    for (const n1 of [5, 10, 15, 20, 25]) {
      for (const n2 of [30, 50, 70, 90]) {
        const ret = runBacktest(candles, smaCross, { n1, n2 }, broker).stats['Return [%]'];
        if (ret > best.ret) best = { ret, n1, n2 };
      }
    }
    expect(out.summary.best?.params).toMatchObject({ n1: best.n1, n2: best.n2 });
    expect(out.summary.best?.objective).toBe(best.ret);
    expect(out.summary.best?.stats['Return [%]']).toBe(best.ret);
    expect(out.cells).toHaveLength(20);
  });

  it('gives identical cells with 1 and 2 workers', async () => {
    const a = await runOptimization(base, one);
    const b = await runOptimization(base, two);
    const strip = (cells: typeof a.cells) => cells.map(({ runId: _r, ...c }) => c);
    expect(strip(a.cells)).toEqual(strip(b.cells));
    expect(a.summary.best?.params).toEqual(b.summary.best?.params);
    expect(a.summary.pbo?.pbo).toBe(b.summary.pbo?.pbo);
  });

  it('stores every cell, saves the top k as full runs, and reads back a heatmap', async () => {
    const out = await runOptimization({ ...base, topK: 2, label: 'grid test' }, two);
    const store = new ResearchStore(two.db);
    const job = store.get(out.jobId);
    expect(job?.summary.status).toBe('done');
    expect(store.countCells(out.jobId)).toBe(20);
    const byObjective = store.cells(out.jobId, 0, { byObjective: true, limit: 2 });
    expect(byObjective.map((c) => c.runId)).toEqual(out.summary.top.map((t) => t.runId));
    const run = new RunStore(two.db).get(out.summary.top[0].runId as number);
    expect(run?.kind).toBe('optimize');
    expect(run?.stats['Return [%]']).toBe(out.summary.best?.objective);
    expect(run?.label).toMatch(/rank 1 · grid test/);
    const h = store.heatmap(out.jobId, 0, 'n1', 'n2');
    expect(h.x.values).toEqual([5, 10, 15, 20, 25]);
    expect(h.y.values).toEqual([30, 50, 70, 90]);
    const bestCell = out.cells.find((c) => c.index === out.summary.best?.index);
    const xi = h.x.values.indexOf(bestCell?.params.n1 as number);
    const yi = h.y.values.indexOf(bestCell?.params.n2 as number);
    expect(h.z[yi][xi]).toBe(out.summary.best?.objective);
    expect(h.index[yi][xi]).toBe(out.summary.best?.index);
  });

  it('skips combinations that fail a constraint before running them', async () => {
    const out = await runOptimization({ ...base, space: { n1: '10:50:10', n2: '30:50:10' }, constraints: ['n1 < n2'] }, two);
    expect(out.summary.skippedByConstraint).toBe(6); // n1 >= n2: (30,30) (40,30) (50,30) (40,40) (50,40) (50,50)
    expect(out.cells).toHaveLength(9);
    expect(out.cells.every((c) => (c.params.n1 as number) < (c.params.n2 as number))).toBe(true);
  });

  it('samples the same random combinations for the same seed', async () => {
    const req: OptimizeRequest = { ...base, space: { n1: '2:40', n2: '41:200' }, method: 'random', samples: 8, seed: 7, topK: 0 };
    const a = await runOptimization(req, two);
    const b = await runOptimization(req, two);
    const c = await runOptimization({ ...req, seed: 8 }, two);
    expect(a.cells.map((x) => x.params)).toEqual(b.cells.map((x) => x.params));
    expect(a.cells.map((x) => x.params)).not.toEqual(c.cells.map((x) => x.params));
    expect(a.cells).toHaveLength(8);
  });

  it('marks a cancelled optimization and keeps the cells that finished', async () => {
    const ac = new AbortController();
    const pending = runOptimization({ ...base, fromMs: undefined, toMs: undefined, space: { n1: '2:60:2', n2: '61:200:10' } }, two, {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done >= 10) ac.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const jobs = new ResearchStore(two.db).list(1);
    expect(jobs[0].status).toBe('cancelled');
  });

  it('refuses a bad space before running anything, naming the parameter', async () => {
    await expect(runOptimization({ ...base, space: { n1: '0:10' } }, two)).rejects.toThrow(/n1=0:10: 0 is below n1's minimum 1/);
    await expect(runOptimization({ ...base, objective: 'luck' }, two)).rejects.toThrow(/unknown statistic "luck"/);
  });
});
