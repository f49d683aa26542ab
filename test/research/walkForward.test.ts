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
import { runWalkForward } from '../../src/main/research/walkforward/walkForward';
import type { WalkForwardRequest } from '../../src/shared/researchTypes';
import { tempHome } from '../support/cli';

const FROM = Date.UTC(2021, 0, 1);
const TO = Date.UTC(2022, 0, 1) - 1;
const req: WalkForwardRequest = {
  data: 'sample:BTCUSDT_1h', fromMs: FROM, toMs: TO, strategy: 'sma_cross',
  space: { n1: '5:20:5', n2: '30:90:30' }, broker: { commission: 0.001 },
  inSample: '2000', outOfSample: '1000',
};

describe('walk-forward on the worker pool (real SQLite store)', () => {
  const db = openDb(join(tempHome(), 'store.sqlite'));
  const pool = new WorkerPool({ size: 2 });
  const ctx = { pool, db, dataSets: new DataSetCache(pool, db) };
  afterAll(async () => {
    await pool.close();
    db.close();
  });
  const candles = rangeCandles(loadSample('BTCUSDT_1h'), FROM, TO + 1);
  const broker = brokerConfigFrom(req.broker);

  it('optimizes each window in-sample and trades its winner out of sample with warm indicators, chaining the equity', async () => {
    const out = await runWalkForward(req, ctx);
    const s = out.summary;
    expect(s.windows.length).toBe(Math.ceil((candles.length - 2000) / 1000));
    expect(out.equity.length).toBe(candles.length - 2000);

    // Window 1's winner is the in-sample optimization's best.
    const w1 = s.windows[0];
    const isOnly = await runOptimization({ ...req, fromMs: FROM, toMs: candles.time[1999], topK: 0 }, ctx);
    const isBest = isOnly.cells.filter((c) => c.objective !== null).sort((a, b) => (b.objective as number) - (a.objective as number) || a.index - b.index)[0];
    expect(w1.params).toEqual(isBest.params);
    expect(w1.isObjective).toBe(isBest.objective);

    // Its out-of-sample segment is exactly a run warmed on the in-sample bars that trades from the cut.
    const direct = runBacktest(candles, smaCross, w1.params ?? {}, broker, { from: 0, tradeFrom: 2000, to: 3000 });
    expect(Array.from(out.equity.subarray(0, 1000))).toEqual(Array.from(direct.equity));
    expect(w1.oosStats['# Trades']).toBe(direct.stats['# Trades']);

    // Window 2 starts with the equity window 1 ended with.
    const w2 = s.windows[1];
    const second = runBacktest(candles, smaCross, w2.params ?? {}, { ...broker, cash: out.equity[999] }, { from: 1000, tradeFrom: 3000, to: 4000 });
    expect(Array.from(out.equity.subarray(1000, 2000))).toEqual(Array.from(second.equity));

    // The stitched run is saved and its stats describe the stitched curve.
    const run = new RunStore(db).get(s.runId);
    expect(run?.kind).toBe('walkforward');
    expect(Array.from(run?.equity ?? [])).toEqual(Array.from(out.equity));
    expect(s.stitched['Equity Final [$]']).toBe(out.equity[out.equity.length - 1]);
    expect(s.stitched['# Trades']).toBe(out.trades.length);
    expect(new ResearchStore(db).countCells(out.jobId, 0)).toBe(12);
    expect(new ResearchStore(db).get(out.jobId)?.summary.status).toBe('done');
  });

  it('anchors the in-sample start at the first bar', async () => {
    const out = await runWalkForward({ ...req, mode: 'anchored', space: { n1: '10', n2: '30,60' } }, ctx);
    expect(out.summary.windows.every((w) => w.isFrom === candles.time[0])).toBe(true);
    expect(out.summary.windows[1].isBars).toBe(3000);
  });

  it('says when no window fits', async () => {
    await expect(runWalkForward({ ...req, inSample: '9000' }, ctx)).rejects.toThrow(/no walk-forward window fits/);
  });
});
