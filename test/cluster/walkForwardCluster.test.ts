/**
 * `cryptota walkforward --executor kafka`: every window's in-sample grid goes to
 * `cryptota worker` processes through the Kafka-protocol broker (all windows as one job),
 * the winners trade out of sample on the coordinator, and the analysis equals a local one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb } from '../../src/main/data/db';
import { DataSetCache } from '../../src/main/research/dataSetCache';
import { runWalkForward } from '../../src/main/research/walkforward/walkForward';
import { WorkerPool } from '../../src/main/research/pool/workerPool';
import { parseKeyValues } from '../../src/main/research/paramCoercion';
import { timeOption } from '../../src/main/cli/options';
import type { WalkForwardRequest, WalkForwardSummary } from '../../src/shared/researchTypes';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { balanced, CLUSTER_TEST_TOPICS, jsonOf, killAll, startCryptota, startWorker, tempDir, type Proc } from './clusterHarness';

/** Four days of 1m bars: three windows of one day in sample, one day out of sample. */
const FROM = '2025-06-01';
const TO = '2025-06-04T23:59';
const GRID = ['n1=5:15:5', 'n2=30:50:20'];

type WalkForwardJson = WalkForwardSummary & { jobId: number; cluster?: { tasks: number; byWorker: Record<string, number> } };

let mock: KafkaMock;
const procs: Proc[] = [];

beforeAll(async () => {
  mock = await startKafkaMock(CLUSTER_TEST_TOPICS);
});

afterAll(async () => {
  killAll(procs);
  await mock?.stop();
});

async function localWalkForward(): Promise<WalkForwardSummary> {
  const request: WalkForwardRequest = {
    data: 'sample:BTCUSDT_1m', strategy: 'sma_cross', space: parseKeyValues(GRID), broker: {},
    fromMs: timeOption('from', FROM), toMs: timeOption('to', TO), mode: 'rolling', inSample: '1d', outOfSample: '1d',
  };
  const db = openDb(join(tempDir('cryptota-wf-local-'), 'workstation.sqlite'));
  const pool = new WorkerPool({ size: 1 });
  try {
    return (await runWalkForward(request, { pool, db, dataSets: new DataSetCache(pool, db) })).summary;
  } finally {
    await pool.close();
    db.close();
  }
}

/** What must not differ between a cluster and a local walk-forward (ids and timings may). */
function comparable(s: WalkForwardSummary): Omit<WalkForwardSummary, 'runId' | 'elapsedMs' | 'workers'> {
  const { runId: _r, elapsedMs: _e, workers: _w, ...rest } = s;
  return rest;
}

describe('walkforward --executor kafka', () => {
  it('runs every window\'s in-sample grid on the workers as one job and equals the local walk-forward', async () => {
    const workers = [startWorker(mock.brokers, 'g-wf'), startWorker(mock.brokers, 'g-wf')];
    procs.push(...workers);
    await balanced(workers, 12);
    const c = startCryptota([
      'walkforward', '--executor', 'kafka', '--brokers', mock.brokers, '--group', 'g-wf', '--workers', '1', '--task-size', '2', '--json',
      '--data', 'sample:BTCUSDT_1m', '--from', FROM, '--to', TO, '--strategy', 'sma_cross', ...GRID.flatMap((g) => ['--param', g]),
      '--in-sample', '1d', '--out-of-sample', '1d',
    ]);
    procs.push(c);
    const [ended, local] = await Promise.all([c.finished(), localWalkForward()]);
    expect(ended.code, c.output()).toBe(0);
    const cluster = jsonOf<WalkForwardJson>(c);
    expect(cluster.windows).toHaveLength(3);
    const { jobId: _j, cluster: run, ...summary } = cluster;
    expect(comparable(summary)).toEqual(comparable(local));
    // 3 windows × 6 combinations in tasks of 2, published as one job, run by both workers.
    expect(c.output().match(/cluster job \S+: 18 combinations of 3 grids in 9 task\(s\)/g)).toHaveLength(1);
    expect(run?.tasks).toBe(9);
    expect(Object.keys(run?.byWorker ?? {})).toHaveLength(2);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.finished(10_000)));
  }, 180_000);
});
