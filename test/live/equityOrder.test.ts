/**
 * Two services on identical BTC and ETH bars, delivered through a real broker in a
 * different interleaving: their stored equity curves must be identical point for point
 * (a function of the bars alone, not of which instrument's message came first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { LiveService } from '../../src/main/live/liveService';
import { encodeCanonical, type LiveCandle } from '../../src/main/live/candleMessage';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, tempDir, waitFor } from './liveHarness';

let mock: KafkaMock;
const open: Array<{ db: Db; service: LiveService }> = [];
const tmp = tempDir('cryptota-live-equity-order-');
const BARS = 1000;

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
});

afterAll(async () => {
  for (const o of open) {
    await o.service.stop();
    o.db.close();
  }
  await mock?.stop();
  tmp.cleanup();
});

function bars(sample: string, symbol: string): LiveCandle[] {
  const c = loadSample(sample);
  return Array.from({ length: BARS }, (_, i) => ({ symbol, interval: '1m', time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i], closed: true }));
}

async function run(name: string, topic: string): Promise<{ service: LiveService; sessionId: number }> {
  const db = openDb(join(tmp.dir, `${name}.sqlite`));
  const service = new LiveService({ db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: name, topics: { market: topic }, resolveStrategy: async (n) => getStrategy(n) });
  open.push({ db, service });
  const sessionId = await service.createSession({ strategy: 'ema_cross', params: { n1: 5, n2: 13 }, instruments: ['BTCUSDT:1m', 'ETHUSDT:1m'], broker: { ...defaultBrokerConfig, cash: 20_000, commission: 0.001 } });
  await service.start();
  return { service, sessionId };
}

describe('a multi-instrument session on a real broker', () => {
  it('stores the same equity curve whatever the arrival order across instruments', { timeout: 180_000 }, async () => {
    const btc = bars('BTCUSDT_1m', 'BTCUSDT');
    const eth = bars('ETHUSDT_1m', 'ETHUSDT');
    // Topic 1: bar by bar, BTC first. Topic 2: runs of 37 BTC bars then the same 37 ETH bars.
    const alternating = btc.flatMap((b, i) => [b, eth[i]]);
    const chunked: LiveCandle[] = [];
    for (let i = 0; i < BARS; i += 37) chunked.push(...btc.slice(i, i + 37), ...eth.slice(i, i + 37));
    const producer = kafkaClient(mock.brokers).producer();
    await producer.connect();
    for (const [topic, list] of [['market_data_stream', alternating], ['market_replayed', chunked]] as const) {
      for (let i = 0; i < list.length; i += 250) {
        await producer.send({ topic, messages: list.slice(i, i + 250).map((c) => ({ key: c.symbol, value: encodeCanonical(c) })) });
      }
    }
    await producer.disconnect();
    const a = await run('alternating', 'market_data_stream');
    const b = await run('chunked', 'market_replayed');
    await waitFor('both services to apply every bar', () => a.service.pipeline.counters.closed === 2 * BARS && b.service.pipeline.counters.closed === 2 * BARS, 120_000);

    const ta = a.service.store.trades(a.sessionId).map((t) => t.json);
    expect(ta.length).toBeGreaterThan(10);
    expect(b.service.store.trades(b.sessionId).map((t) => t.json)).toEqual(ta);
    const ea = a.service.store.equity(a.sessionId);
    const eb = b.service.store.equity(b.sessionId);
    const differing = ea.filter((p, i) => eb[i]?.time !== p.time || eb[i]?.equity !== p.equity).length;
    expect(differing, 'equity points that differ between the two arrival orders').toBe(0);
    expect(eb).toEqual(ea);
    expect(ea).toHaveLength(BARS);
  });
});
