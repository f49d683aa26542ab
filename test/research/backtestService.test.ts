import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/data/db';
import { BacktestService } from '../../src/main/research/backtestService';
import { DataSetCache } from '../../src/main/research/dataSetCache';
import { WorkerPool } from '../../src/main/research/pool/workerPool';
import type { ProgressEvent } from '../../src/shared/backtestTypes';
import { tempHome } from '../support/cli';

describe('BacktestService (the research pool\'s warm workers, real SQLite file)', () => {
  const dbPath = join(tempHome(), 'ws.sqlite');
  const db = openDb(dbPath);
  const pool = new WorkerPool({ size: 2 });
  const service = new BacktestService(db, pool, new DataSetCache(pool, db));
  afterAll(async () => {
    await pool.close();
    db.close();
  });

  it('runs a backtest in a worker, reports progress and saves the run', async () => {
    const events: ProgressEvent[] = [];
    const run = await service.run(
      { data: 'sample:BTCUSDT_1m', strategy: 'sma_cross', params: { n1: 10, n2: 30 }, broker: { commission: 0.001 } },
      { onProgress: (e) => events.push(e), jobId: 'job-1' },
    );
    expect(run.barCount).toBe(130_708);
    expect(run.equity).toHaveLength(130_708);
    expect(run.stats['# Trades']).toBe(run.trades.length);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.jobId === 'job-1')).toBe(true);
    const stored = service.runs.get(run.id);
    expect(stored?.equity).toEqual(run.equity);
    expect(stored?.stats).toEqual(run.stats);
  });

  it('reuses the loaded data set for a second run on the same data (same workers, no reload)', async () => {
    const threads = pool.threadIds();
    const a = await service.dataSets.get({ data: 'sample:BTCUSDT_1m' });
    const run = await service.run({ data: 'sample:BTCUSDT_1m', strategy: 'sma_cross', params: { n1: 12, n2: 40 }, broker: {} });
    const b = await service.dataSets.get({ data: 'sample:BTCUSDT_1m' });
    expect(b.dataId).toBe(a.dataId);
    expect(run.dataHash).toBe(a.fingerprint.hash);
    expect(pool.threadIds()).toEqual(threads);
  });

  it('cancels a running job with an AbortError and saves nothing', async () => {
    const before = service.runs.list().length;
    const controller = new AbortController();
    const pending = service.run({ data: 'sample:BTCUSDT_1m', strategy: 'rsi', params: {}, broker: {} }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(service.runs.list().length).toBe(before);
    expect(service.activeJobs()).toEqual([]);
  });

  it('returns the warnings of the run, e.g. orders the broker rejected', async () => {
    const run = await service.run({ data: 'sample:BTCUSDT_1h', strategy: 'rsi', params: {}, broker: { qtyStep: 1, cash: 1_000 } });
    expect(run.stats['# Trades']).toBe(0);
    expect(run.warnings?.[0]).toMatch(/order\(s\) rejected by the broker; first at bar \d+: buy rejected/);
  });

  it('carries a bad request back as a clear error', async () => {
    await expect(service.run({ data: 'sample', strategy: 'rsi', params: { nope: 1 }, broker: {} })).rejects.toThrow(/no parameter "nope"/);
    await expect(service.run({ data: 'sample:NOPE', strategy: 'rsi', params: {}, broker: {} })).rejects.toThrow(/unknown sample "NOPE"/);
  });
});
