/**
 * Garbage, duplicates and out-of-order candles through a real broker: every malformed
 * message is counted under its reason (and dead-lettered), none stops the feed, and the
 * paper session ends exactly where a clean feed would have taken it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles, type Candles } from '../../src/main/engine/candles';
import { runBacktest } from '../../src/main/engine/backtest';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { LiveService } from '../../src/main/live/liveService';
import { encodeCanonical, encodeBinance, REJECT_REASONS, type LiveCandle } from '../../src/main/live/candleMessage';
import { MALFORMED } from '../support/malformedMessages';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, readTopics, tempDir, waitFor } from './liveHarness';

let mock: KafkaMock;
const tmp = tempDir('cryptota-live-validation-');
const open: Array<{ db: Db; service: LiveService }> = [];
const broker = { ...defaultBrokerConfig, cash: 50_000, commission: 0.001 };

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS.map((t) => (t === 'market_data_stream' ? `${t}:2` : t)));
});

afterAll(async () => {
  for (const o of open) {
    await o.service.stop();
    o.db.close();
  }
  await mock?.stop();
  tmp.cleanup();
});

async function startService(name: string, topic: string, deadLetter?: string): Promise<{ db: Db; service: LiveService; sessionId: number }> {
  const db = openDb(join(tmp.dir, `${name}.sqlite`));
  const service = new LiveService({
    db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: name,
    topics: { market: topic, ...(deadLetter ? { deadLetter } : {}) }, resolveStrategy: async (n) => getStrategy(n),
  });
  open.push({ db, service });
  const sessionId = await service.createSession({ strategy: 'ema_cross', params: { n1: 8, n2: 21 }, instruments: ['BTCUSDT:1m'], broker });
  await service.start();
  return { db, service, sessionId };
}

function bar(c: Candles, i: number): LiveCandle {
  return { symbol: 'BTCUSDT', interval: '1m', time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i], closed: true };
}

function expectSameAsBacktest(service: LiveService, sessionId: number, candles: Candles): void {
  const expected = runBacktest(candles, getStrategy('ema_cross'), { n1: 8, n2: 21 }, broker).trades.filter((t) => t.exitReason !== 'end_of_data');
  expect(expected.length).toBeGreaterThan(10);
  expect(service.store.trades(sessionId).map((t) => JSON.parse(t.json))).toEqual(JSON.parse(JSON.stringify(expected)));
}

describe('feed validation over a real broker', () => {
  it('counts 1,000 malformed messages of every kind exactly, dead-letters them and keeps trading', async () => {
    const PER_REASON = 1000;
    const BARS = 2000;
    const candles = sliceCandles(loadSample('BTCUSDT_1m'), 0, BARS);
    // Deterministic shuffle of garbage between the good bars (the good bars keep their order).
    const garbage: string[] = [];
    for (const reason of REJECT_REASONS) for (let i = 0; i < PER_REASON; i++) garbage.push(MALFORMED[reason](i));
    let seed = 42;
    const rnd = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = garbage.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [garbage[i], garbage[j]] = [garbage[j], garbage[i]];
    }
    const stream: Array<{ key: string; value: string }> = [];
    let g = 0;
    for (let i = 0; i < BARS; i++) {
      stream.push({ key: 'BTCUSDT', value: i % 2 ? encodeCanonical(bar(candles, i)) : encodeBinance(bar(candles, i), i % 4 === 0) });
      const take = Math.round(((i + 1) * garbage.length) / BARS) - g;
      for (let k = 0; k < take; k++) stream.push({ key: 'BTCUSDT', value: garbage[g++] });
    }
    expect(g).toBe(garbage.length);

    const { service, sessionId } = await startService('garbage', 'market_data_stream', 'market_dlq');
    await waitFor('feed live', () => service.feedStatus.state === 'live');
    const producer = kafkaClient(mock.brokers).producer();
    await producer.connect();
    // Produce while the service consumes (the mock keeps only the last few MB per partition).
    for (let i = 0; i < stream.length; i += 500) await producer.send({ topic: 'market_data_stream', messages: stream.slice(i, i + 500) });
    await producer.disconnect();
    await waitFor('every message processed', () => service.pipeline.counters.closed === BARS && Object.values(service.pipeline.counters.rejected).reduce((a, b) => a + b, 0) === garbage.length);

    const expectedCounts = Object.fromEntries(REJECT_REASONS.map((r) => [r, PER_REASON]));
    expect(service.pipeline.counters.rejected).toEqual(expectedCounts);
    expect(service.store.rejectCounts()).toEqual(expectedCounts);
    expect((await service.status()).feed?.rejected).toEqual(expectedCounts);
    expectSameAsBacktest(service, sessionId, candles);
    const dlq = await readTopics(mock.brokers, { market_dlq: garbage.length });
    const reasons: Record<string, number> = {};
    for (const m of dlq.market_dlq) {
      const r = (JSON.parse(m.value) as { reason: string }).reason;
      reasons[r] = (reasons[r] ?? 0) + 1;
    }
    expect(reasons).toEqual(expectedCounts);
  });

  it('ignores duplicate and out-of-order candles idempotently', async () => {
    const BARS = 1500;
    const candles = sliceCandles(loadSample('BTCUSDT_1m'), 3000, 3000 + BARS);
    const stream: Array<{ key: string; value: string }> = [];
    let dups = 0;
    let late = 0;
    for (let i = 0; i < BARS; i++) {
      const b = bar(candles, i);
      stream.push({ key: 'BTCUSDT', value: encodeCanonical(b) });
      if (i % 7 === 3) { stream.push({ key: 'BTCUSDT', value: encodeBinance(b) }); dups++; }
      // A redelivered bar with other prices must not replace the one already applied.
      if (i % 11 === 5) { stream.push({ key: 'BTCUSDT', value: encodeCanonical({ ...b, close: b.high, open: b.high }) }); dups++; }
      if (i % 13 === 9 && i >= 5) { stream.push({ key: 'BTCUSDT', value: encodeCanonical(bar(candles, i - 5)) }); late++; }
    }
    const { service, sessionId } = await startService('dups', 'market_replayed');
    await waitFor('feed live', () => service.feedStatus.state === 'live');
    const producer = kafkaClient(mock.brokers).producer();
    await producer.connect();
    // The same message batch delivered twice (an at-least-once upstream retrying).
    await producer.send({ topic: 'market_replayed', messages: stream.slice(0, 800) });
    await producer.send({ topic: 'market_replayed', messages: stream.slice(0, 800) });
    await producer.send({ topic: 'market_replayed', messages: stream.slice(800) });
    await producer.disconnect();
    const total = stream.length + 800;
    await waitFor('every message processed', () => {
      const c = service.pipeline.counters;
      return c.closed + c.duplicates + c.outOfOrder === total;
    });
    const c = service.pipeline.counters;
    expect(c.closed).toBe(BARS);
    // The replayed first 800 messages hold only bars already seen: duplicates or older.
    const firstPart = stream.slice(0, 800).length;
    expect(c.duplicates + c.outOfOrder).toBe(dups + late + firstPart);
    expect(c.duplicates).toBeGreaterThanOrEqual(dups);
    expectSameAsBacktest(service, sessionId, candles);
    const stored = service.store.sessionCandles(sessionId).get('BTCUSDT:1m') ?? [];
    expect(stored.map((s) => s.close)).toEqual(Array.from(candles.close));
  });
});
