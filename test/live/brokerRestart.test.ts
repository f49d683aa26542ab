/**
 * The broker goes away mid-stream and comes back: the feed reports it, reconnects with
 * backoff, and the session ends exactly where an uninterrupted feed would have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles } from '../../src/main/engine/candles';
import { runBacktest } from '../../src/main/engine/backtest';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { LiveService } from '../../src/main/live/liveService';
import { replayCandles } from '../../src/main/live/replayProducer';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, tempDir, waitFor } from './liveHarness';

let mock: KafkaMock;
let db: Db;
let service: LiveService;
const tmp = tempDir('cryptota-live-restart-');

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
  db = openDb(join(tmp.dir, 'store.sqlite'));
  service = new LiveService({ db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: 'restart', resolveStrategy: async (n) => getStrategy(n) });
});

afterAll(async () => {
  await service?.stop();
  db?.close();
  await mock?.stop();
  tmp.cleanup();
});

describe('broker outage', () => {
  it('reports the outage, reconnects and loses no candle', async () => {
    const BARS = 2000;
    const candles = sliceCandles(loadSample('ETHUSDT_1m'), 0, BARS);
    const broker = { ...defaultBrokerConfig, cash: 10_000, commission: 0.0005 };
    const sessionId = await service.createSession({ strategy: 'sma_cross', params: { n1: 10, n2: 30 }, instruments: ['ETHUSDT:1m'], broker });
    const states: string[] = [];
    service.subscribe('feedStatus', (s) => states.push(s.state));
    await service.start();
    const kafka = kafkaClient(mock.brokers);
    const replay = (from: number, to: number): Promise<number> =>
      replayCandles({ kafka, topic: 'market_data_stream', candles: sliceCandles(candles, from, to), symbol: 'ETHUSDT', interval: '1m', speed: Infinity, format: 'canonical' });
    await replay(0, BARS / 2);
    await waitFor('first half applied', () => service.pipeline.counters.closed === BARS / 2);

    await mock.down();
    await waitFor('the feed to notice the outage', () => states.includes('down'), 60_000);
    await mock.up();
    await replay(BARS / 2, BARS);
    await waitFor('second half applied', () => service.pipeline.counters.closed === BARS, 90_000);
    await waitFor('feed live again', () => service.feedStatus.state === 'live', 30_000);

    expect(states.lastIndexOf('live')).toBeGreaterThan(states.indexOf('down'));
    const expected = runBacktest(candles, getStrategy('sma_cross'), { n1: 10, n2: 30 }, broker).trades.filter((t) => t.exitReason !== 'end_of_data');
    expect(expected.length).toBeGreaterThan(10);
    expect(service.store.trades(sessionId).map((t) => JSON.parse(t.json))).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
