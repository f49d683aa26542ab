/**
 * A `cryptota worker` given a task on `cache:` data it does not have fetches the range
 * from the shared TimescaleDB (a real PostgreSQL here) with its own connection settings
 * (PG* variables), keeps it for the next task, and refuses the task when what the
 * database holds is not the coordinator's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../src/main/data/candleFiles';
import { rangeCandles, type Candles } from '../../src/main/engine/candles';
import { createKlineTable, insertKlines } from '../../src/main/data/timescale/seedTables';
import { instrument } from '../../src/shared/market/instrument';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { balanced, CLUSTER_TEST_TOPICS, jsonOf, killAll, startCryptota, startWorker, tasksLogged, tempDir, type Proc } from './clusterHarness';

const KEY = instrument('binance', 'BTCUSDT', '1m');
const FROM = '2025-06-01';
const TO = '2025-06-03T23:59';
const BARS = 3 * 1440;
const GRID = ['--strategy', 'sma_cross', '--param', 'n1=5:15:5', '--param', 'n2=30:50:20', '--data', 'cache:binance:BTCUSDT:1m', '--from', FROM, '--to', TO];

interface OptimizeJson {
  cells: { index: number; stats: Record<string, number | null> | null }[];
  cluster?: { tasks: number; byWorker: Record<string, number> };
}

let mock: KafkaMock;
let pg: TestPostgres;
/** The coordinator's home: its cache holds the bars of market_data. */
let coordinatorHome: string;
const procs: Proc[] = [];

function pgEnv(database: string): Record<string, string> {
  return { PGHOST: pg.host, PGPORT: String(pg.port), PGUSER: pg.user, PGPASSWORD: pg.password, PGDATABASE: database };
}

async function seed(database: string, bars: Candles): Promise<void> {
  await pg.createDatabase(database);
  const c = await pg.connect(database);
  try {
    const table = await createKlineTable(c, KEY);
    await insertKlines(c, table, bars, 60_000);
  } finally {
    await c.end();
  }
}

function track(p: Proc): Proc {
  procs.push(p);
  return p;
}

beforeAll(async () => {
  [mock, pg] = await Promise.all([startKafkaMock(CLUSTER_TEST_TOPICS), startPostgres()]);
  const bars = rangeCandles(loadSample('BTCUSDT_1m'), Date.parse(`${FROM}T00:00:00Z`), Date.parse('2025-06-04T00:00:00Z'));
  expect(bars.length).toBe(BARS);
  // The same bars but one close: what a worker pointed at the wrong database would fetch.
  const close = Float64Array.from(bars.close);
  close[1000] += 0.5;
  await Promise.all([seed('market_data', bars), seed('market_other', { ...bars, close })]);
  coordinatorHome = tempDir('cryptota-cluster-coord-');
  const sync = startCryptota(['sync', '--symbol', 'BTCUSDT', '--from', FROM, '--to', '2025-06-04'], { home: coordinatorHome, env: pgEnv('market_data') });
  expect((await sync.finished(60_000)).code, sync.output()).toBe(0);
}, 120_000);

afterAll(async () => {
  killAll(procs);
  await Promise.all([mock?.stop(), pg?.destroy()]);
});

describe('cryptota worker and the shared TimescaleDB', () => {
  it('fetches cache: data it lacks from TimescaleDB once and keeps it for the next task', async () => {
    const w = track(startWorker(mock.brokers, 'g-db', [], { env: pgEnv('market_data') }));
    await balanced([w], 12);
    const c = track(startCryptota(['optimize', '--executor', 'kafka', '--brokers', mock.brokers, '--group', 'g-db', '--workers', '1', '--task-size', '3', '--json', ...GRID], { home: coordinatorHome }));
    const local = track(startCryptota(['optimize', '--workers', '1', '--json', ...GRID], { home: coordinatorHome }));
    const [ended, endedLocal] = await Promise.all([c.finished(), local.finished()]);
    expect(ended.code, c.output()).toBe(0);
    expect(endedLocal.code, local.output()).toBe(0);
    const cluster = jsonOf<OptimizeJson>(c);
    expect(cluster.cluster?.tasks).toBe(2);
    expect(cluster.cells.map((x) => x.stats)).toEqual(jsonOf<OptimizeJson>(local).cells.map((x) => x.stats));
    expect(tasksLogged(w, 'done')).toHaveLength(2);
    // One fetch for both tasks: the second found the bars in the worker's cache.
    const fetches = w.output().match(/cache:binance:BTCUSDT:1m \[[^\]]+\): not in the cache here; fetching it from TimescaleDB postgresql:\/\/postgres@127\.0\.0\.1:\d+\/market_data/g) ?? [];
    expect(fetches, w.output()).toHaveLength(1);
    expect(w.output()).toContain(`binance:BTCUSDT:1m: fetched ${BARS} bar(s) from public.binance_btcusdt_kline_1m`);
    w.child.kill('SIGTERM');
    await w.finished(10_000);
  }, 180_000);

  it('refuses the task when the database it reaches holds different bars, naming both hashes', async () => {
    const w = track(startWorker(mock.brokers, 'g-db-other', [], { env: pgEnv('market_other') }));
    await balanced([w], 12);
    const c = track(startCryptota(['optimize', '--executor', 'kafka', '--brokers', mock.brokers, '--group', 'g-db-other', '--workers', '1', '--json', ...GRID], { home: coordinatorHome }));
    const ended = await c.finished();
    expect(ended.code).not.toBe(0);
    expect(c.output()).toMatch(new RegExp(`refused: data mismatch for cache:binance:BTCUSDT:1m \\[[^\\]]+\\): this worker's bars hash to [0-9a-f]+ \\(${BARS} bars\\), the task expects [0-9a-f]+ \\(${BARS} bars\\)`));
    expect(tasksLogged(w, 'refused').length).toBeGreaterThanOrEqual(3);
    // Fetched once; later offers of the task found the (different) bars already cached.
    expect(w.output().match(/fetching it from TimescaleDB/g)).toHaveLength(1);
    w.child.kill('SIGTERM');
    await w.finished(10_000);
  }, 180_000);
});
