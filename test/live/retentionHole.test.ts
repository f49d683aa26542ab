/**
 * Candles that left the broker (retention) while the service was stopped: a restart
 * without --from-beginning must resume at the earliest offset the broker still holds,
 * not jump to the newest one, and the hole must be recorded, logged and shown (feed
 * status, the session, an alert). The librdkafka mock keeps only the last few MB of a
 * partition, so large messages push the old ones out as a real broker's retention would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDb, type Db } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles, type Candles } from '../../src/main/engine/candles';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { LiveService } from '../../src/main/live/liveService';
import { encodeCanonical, type LiveCandle } from '../../src/main/live/candleMessage';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { runCli } from '../support/cli';
import { liveApi } from '../../src/main/api/liveAdapter';
import { kafkaClient, tempDir, waitFor } from './liveHarness';

const TOPIC = 'market_data_stream';
let mock: KafkaMock;
let db: Db;
const services: LiveService[] = [];
const tmp = tempDir('cryptota-live-retention-');
const home = join(tmp.dir, 'home');

beforeAll(async () => {
  mock = await startKafkaMock([TOPIC, 'trade_signals', 'portfolio_updates', 'alerts']);
  mkdirSync(home);
  db = openDb(join(home, 'workstation.sqlite'));
});

afterAll(async () => {
  for (const s of services) await s.stop();
  db?.close();
  await mock?.stop();
  tmp.cleanup();
});

function service(fromBeginning: boolean, log: string[]): LiveService {
  const s = new LiveService({ db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning, groupId: 'retention', resolveStrategy: async (n) => getStrategy(n), log: (l) => log.push(l) });
  services.push(s);
  return s;
}

function bar(c: Candles, i: number): LiveCandle {
  return { symbol: 'BTCUSDT', interval: '1m', time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i], closed: true };
}

describe('offsets that left the broker', () => {
  it('resumes at the earliest retained offset and records, logs and shows the hole', { timeout: 180_000 }, async () => {
    const FIRST = 300;
    const PADDED = 400;
    const TAIL = 5;
    const candles = sliceCandles(loadSample('BTCUSDT_1m'), 0, FIRST + PADDED + TAIL);
    const kafka = kafkaClient(mock.brokers);
    const producer = kafka.producer();
    await producer.connect();
    const send = async (from: number, to: number, pad: string, per: number): Promise<void> => {
      for (let i = from; i < to; i += per) {
        const messages = [];
        for (let k = i; k < Math.min(to, i + per); k++) {
          const value = pad ? JSON.stringify({ ...JSON.parse(encodeCanonical(bar(candles, k))), pad }) : encodeCanonical(bar(candles, k));
          messages.push({ key: 'BTCUSDT', value });
        }
        await producer.send({ topic: TOPIC, messages });
      }
    };

    // A first run reads bars 0..299 (offsets 0..299), then stops.
    const log1: string[] = [];
    const first = service(true, log1);
    const sessionId = await first.createSession({ strategy: 'sma_cross', params: { n1: 5, n2: 15 }, instruments: ['BTCUSDT:1m'], broker: { ...defaultBrokerConfig, cash: 10_000 } });
    await first.start();
    await send(0, FIRST, '', 100);
    await waitFor('the first run to apply its bars', () => first.pipeline.counters.closed === FIRST);
    await first.stop();

    // While it is down the upstream writes 400 large candles; the broker keeps only the last few MB.
    await send(FIRST, FIRST + PADDED, 'x'.repeat(50_000), 4);
    const admin = kafka.admin();
    await admin.connect();
    const earliest = Number((await admin.fetchTopicOffsets(TOPIC)).find((p) => p.partition === 0)?.low);
    await admin.disconnect();
    expect(earliest, 'the broker dropped offsets the service had not read').toBeGreaterThan(FIRST + 10);
    expect(earliest).toBeLessThan(FIRST + PADDED);

    // The restart, without --from-beginning, then a few new bars.
    const log2: string[] = [];
    const second = service(false, log2);
    await second.start();
    await send(FIRST + PADDED, FIRST + PADDED + TAIL, '', TAIL);
    await producer.disconnect();
    const lastTime = candles.time[FIRST + PADDED + TAIL - 1];
    await waitFor('the newest bar to arrive', () => second.store.lastCandleTimes().get('BTCUSDT:1m') === lastTime, 90_000);

    // Every retained candle was applied, none of the lost ones.
    const retained = FIRST + PADDED + TAIL - earliest;
    expect(second.pipeline.counters.closed, 'candles applied after the restart').toBe(retained);
    expect(second.store.sessionCandles(sessionId).get('BTCUSDT:1m')?.length).toBe(FIRST + retained);

    // Recorded and logged.
    const hole = { topic: TOPIC, partition: 0, fromOffset: String(FIRST), toOffset: String(earliest - 1), missed: earliest - FIRST };
    expect(second.store.feedHoles(10)).toEqual([expect.objectContaining(hole)]);
    expect(log2.join('\n')).toMatch(new RegExp(`offsets ${FIRST}\\.\\.${earliest - 1} .*left the broker`));
    // Shown: feed status (API and CLI), the session, an alert.
    expect((await second.status()).feed?.holes).toEqual([expect.objectContaining(hole)]);
    expect((await liveApi(second).session(sessionId))?.feedHoles).toEqual([expect.objectContaining(hole)]);
    const alerts = await second.alerts(10);
    expect(alerts[0]).toMatchObject({ rule: 'feed_hole' });
    expect(alerts[0].message).toMatch(new RegExp(`${earliest - FIRST} message\\(s\\) .*${FIRST}\\.\\.${earliest - 1}`));
    const env = { CRYPTOTA_HOME: home };
    expect(runCli(['feed', 'status'], env).stdout).toMatch(new RegExp(`hole: p0 offsets ${FIRST}\\.\\.${earliest - 1}`));
    expect(runCli(['paper', 'status'], env).stdout).toMatch(new RegExp(`feed hole .*${earliest - FIRST} message`));
    const fired = runCli(['alerts', 'fired'], env);
    expect(fired.stdout, fired.stderr).toMatch(/service: feed: .*left the broker/);
  });
});
