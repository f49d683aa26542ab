/**
 * The seed design's upstream is a Python service writing `json.dumps` of its candle
 * dicts: snake_case keys, epoch seconds or ISO-8601 times, sometimes "closed":"true".
 * Through a real broker such a stream trades exactly like the canonical one, and a
 * message it cannot use is shown with what to change (feed status and the API).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDb, type Db } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles, type Candles } from '../../src/main/engine/candles';
import { runBacktest } from '../../src/main/engine/backtest';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { LiveService } from '../../src/main/live/liveService';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { runCli } from '../support/cli';
import { kafkaClient, LIVE_TOPICS, tempDir, waitFor } from './liveHarness';

let mock: KafkaMock;
let db: Db;
let service: LiveService;
const tmp = tempDir('cryptota-live-python-');
const broker = { ...defaultBrokerConfig, cash: 20_000, commission: 0.001 };

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
  mkdirSync(join(tmp.dir, 'home'));
  db = openDb(join(tmp.dir, 'home', 'workstation.sqlite'));
  service = new LiveService({ db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: 'python', resolveStrategy: async (n) => getStrategy(n) });
});

afterAll(async () => {
  await service?.stop();
  db?.close();
  await mock?.stop();
  tmp.cleanup();
});

/** What a Python upstream's `json.dumps(candle)` looks like, in three time forms. */
function pythonCandle(c: Candles, i: number): string {
  const t = c.time[i];
  const time = i % 3 === 0 ? t / 1000 : i % 3 === 1 ? new Date(t).toISOString().replace('Z', '+00:00') : t;
  return JSON.stringify({
    symbol: 'ETHUSDT', exchange: 'binance', timeframe: '1m', open_time: time, close_time: typeof time === 'number' ? time + (i % 3 === 0 ? 59.999 : 59_999) : time,
    open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i], is_closed: i % 2 === 0 ? true : 'true',
  });
}

describe('a Python upstream on the feed', () => {
  it('trades snake_case candles with epoch seconds, ISO and ms times like the backtest, and shows the last example of each reject', async () => {
    const BARS = 1200;
    const candles = sliceCandles(loadSample('ETHUSDT_1m'), 0, BARS);
    const sessionId = await service.createSession({ strategy: 'sma_cross', params: { n1: 10, n2: 30 }, instruments: ['ETHUSDT:1m'], broker });
    await service.start();
    const messages = Array.from({ length: BARS }, (_, i) => ({ key: 'ETHUSDT', value: pythonCandle(candles, i) }));
    // Two mistakes an upstream makes: a dict without its open time, and a time in microseconds.
    messages.splice(100, 0, { key: 'ETHUSDT', value: JSON.stringify({ symbol: 'ETHUSDT', timeframe: '1m', ts: 1, open: 1, high: 1, low: 1, close: 1, volume: 1 }) });
    messages.splice(200, 0, { key: 'ETHUSDT', value: JSON.stringify({ symbol: 'ETHUSDT', timeframe: '1m', open_time: candles.time[0] * 1000, open: 1, high: 1, low: 1, close: 1, volume: 1 }) });
    const producer = kafkaClient(mock.brokers).producer();
    await producer.connect();
    for (let i = 0; i < messages.length; i += 400) await producer.send({ topic: 'market_data_stream', messages: messages.slice(i, i + 400) });
    await producer.disconnect();
    await waitFor('every bar applied', () => service.pipeline.counters.closed === BARS);

    expect(service.pipeline.counters.rejected).toEqual({ missing_field: 1, bad_time: 1 });
    const expected = runBacktest(candles, getStrategy('sma_cross'), { n1: 10, n2: 30 }, broker).trades.filter((t) => t.exitReason !== 'end_of_data');
    expect(expected.length).toBeGreaterThan(5);
    expect(service.store.trades(sessionId).map((t) => JSON.parse(t.json))).toEqual(JSON.parse(JSON.stringify(expected)));
    // The bars are stored at their real times, never in 1970.
    expect(service.store.sessionCandles(sessionId).get('ETHUSDT:1m')?.map((c) => c.time)).toEqual(Array.from(candles.time));

    // The API: per reason, the last example's detail.
    const feed = (await service.status()).feed;
    expect(feed?.rejectExamples?.missing_field?.detail).toMatch(/lacks "openTime" or "open_time"; present: symbol, timeframe, ts, open/);
    expect(feed?.rejectExamples?.bad_time?.detail).toMatch(/epoch seconds, epoch milliseconds or an ISO-8601 time/);
    expect(feed?.rejectExamples?.bad_time?.value).toContain('"open_time"');

    // `cryptota feed status` in another process reads the same from the store.
    const env = { CRYPTOTA_HOME: join(tmp.dir, 'home') };
    const json = JSON.parse(runCli(['feed', 'status', '--json'], env).stdout) as { rejected: Record<string, number>; rejectExamples: Record<string, { detail: string }> };
    expect(json.rejected).toEqual({ missing_field: 1, bad_time: 1 });
    expect(json.rejectExamples.missing_field.detail).toMatch(/present: symbol, timeframe, ts/);
    const text = runCli(['feed', 'status'], env).stdout;
    expect(text).toMatch(/missing_field=1.*\n.*lacks "openTime" or "open_time"; present: symbol, timeframe, ts/);
  });
});
