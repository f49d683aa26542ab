/**
 * The store, not Kafka's committed offset, decides where reading resumes. After a power
 * cut, SQLite (WAL, synchronous=NORMAL) may come back without its last commits while Kafka
 * already holds the offsets committed after them; the service must read those candles
 * again rather than skip them. Simulated by putting back an older copy of the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles, type Candles } from '../../src/main/engine/candles';
import { runBacktest } from '../../src/main/engine/backtest';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { LiveService } from '../../src/main/live/liveService';
import { replayCandles } from '../../src/main/live/replayProducer';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, tempDir, waitFor } from './liveHarness';

const FIRST = 800;
const TOTAL = 1600;
const PARAMS = { n1: 5, n2: 20 };
const BROKER = { ...defaultBrokerConfig, cash: 100_000, commission: 0.001 };
let mock: KafkaMock;
const tmp = tempDir('cryptota-live-rollback-');
const storeFile = join(tmp.dir, 'store.sqlite');

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
});

afterAll(async () => {
  await mock?.stop();
  tmp.cleanup();
});

function service(db: Db): LiveService {
  return new LiveService({
    db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: 'rollback', sessionTimeoutMs: 3000,
    resolveStrategy: async (n) => getStrategy(n),
  });
}

async function replay(candles: Candles): Promise<void> {
  await replayCandles({ kafka: kafkaClient(mock.brokers), topic: 'market_data_stream', candles, symbol: 'BTCUSDT', interval: '1m', speed: Infinity, format: 'canonical', withUnclosed: false });
}

function barsOf(db: Db, sessionId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM paper_bars WHERE session_id = ?').get(sessionId) as { n: number }).n;
}

describe('store behind Kafka (power cut)', () => {
  it('re-reads the candles whose commits the store lost, and ends as an uninterrupted run', async () => {
    const candles = sliceCandles(loadSample('BTCUSDT_1m'), 0, TOTAL);

    // 1. First half applied and durable: this copy is what survives the "power cut".
    let db = openDb(storeFile);
    let live = service(db);
    const sessionId = await live.createSession({ strategy: 'sma_cross', params: PARAMS, instruments: ['BTCUSDT:1m'], broker: BROKER });
    await live.start();
    await replay(sliceCandles(candles, 0, FIRST));
    await waitFor('first half applied', () => live.pipeline.counters.closed === FIRST);
    await live.stop();
    db.close();
    copyFileSync(storeFile, join(tmp.dir, 'durable.sqlite'));

    // 2. Second half applied and its offsets committed to Kafka...
    db = openDb(storeFile);
    live = service(db);
    await live.start();
    await replay(sliceCandles(candles, FIRST, TOTAL));
    await waitFor('second half applied', () => live.pipeline.counters.closed === TOTAL - FIRST);
    await live.stop();
    db.close();

    // 3. ...but the store lost those commits.
    for (const f of ['store.sqlite-wal', 'store.sqlite-shm']) rmSync(join(tmp.dir, f), { force: true });
    copyFileSync(join(tmp.dir, 'durable.sqlite'), storeFile);
    db = openDb(storeFile);
    expect(barsOf(db, sessionId)).toBe(FIRST);
    live = service(db);
    try {
      await live.start();
      await waitFor('the lost half applied again', () => barsOf(db, sessionId) === TOTAL);
      const expected = runBacktest(candles, getStrategy('sma_cross'), PARAMS, BROKER).trades.filter((t) => t.exitReason !== 'end_of_data');
      const stored = live.store.trades(sessionId).map((t) => JSON.parse(t.json) as unknown);
      expect(expected.length).toBeGreaterThan(10);
      expect(stored).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      await live.stop();
      db.close();
    }
  });
});
