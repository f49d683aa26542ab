/**
 * Replay producer → real Kafka-protocol broker → live service → signals, portfolio and
 * alerts on their topics; the session's trades equal a backtest of the same bars.
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
import { verifySession } from '../../src/main/live/paperVerify';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, readTopics, tempDir, waitFor } from './liveHarness';

const BARS = 3000;
let mock: KafkaMock;
let db: Db;
let service: LiveService;
const tmp = tempDir('cryptota-live-e2e-');

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
  db = openDb(join(tmp.dir, 'store.sqlite'));
  service = new LiveService({
    db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: 'e2e',
    topics: { deadLetter: 'market_dlq' }, resolveStrategy: async (n) => getStrategy(n),
  });
});

afterAll(async () => {
  await service?.stop();
  db?.close();
  await mock?.stop();
  tmp.cleanup();
});

describe('live end to end', () => {
  it('turns replayed candles into signals, portfolio updates and alerts identical to a backtest', async () => {
    const candles = sliceCandles(loadSample('BTCUSDT_1m'), 0, BARS);
    const broker = { ...defaultBrokerConfig, cash: 100_000, commission: 0.001 };
    const sessionId = await service.createSession({ strategy: 'sma_cross', params: { n1: 5, n2: 20 }, instruments: ['BTCUSDT:1m'], broker });
    const level = candles.close[BARS / 2];
    service.addAlertRule({ kind: 'price', instrument: 'BTCUSDT:1m', op: 'crosses_above', level, cooldownMs: 30 * 60_000 });
    const seen = { signals: 0, portfolios: 0, candles: 0 };
    service.subscribe('signal', () => seen.signals++);
    service.subscribe('portfolio', () => seen.portfolios++);
    service.subscribe('candle', () => seen.candles++);
    await service.start();
    const sent = await replayCandles({ kafka: kafkaClient(mock.brokers), topic: 'market_data_stream', candles, symbol: 'BTCUSDT', interval: '1m', speed: Infinity, format: 'binance-wrapped', withUnclosed: true });
    expect(sent).toBe(2 * BARS);
    await waitFor('all bars applied', () => service.pipeline.counters.closed === BARS);

    const expected = runBacktest(candles, getStrategy('sma_cross'), { n1: 5, n2: 20 }, broker);
    const closedTrades = expected.trades.filter((t) => t.exitReason !== 'end_of_data');
    const stored = service.store.trades(sessionId).map((t) => JSON.parse(t.json));
    expect(closedTrades.length).toBeGreaterThan(20);
    expect(stored).toEqual(JSON.parse(JSON.stringify(closedTrades)));
    expect(verifySession(service.store, sessionId, getStrategy('sma_cross')).identical).toBe(true);

    // Every fill went out on trade_signals, keyed by symbol; every batch's portfolio on portfolio_updates.
    const fills = db.prepare("SELECT COUNT(*) AS n FROM paper_events WHERE kind = 'fill'").get() as { n: number };
    // Events go out after the commit and the publish of their batch.
    await waitFor('the last batch\'s events', () => seen.signals === fills.n && seen.candles === 2 * BARS);
    const alertRows = (db.prepare('SELECT COUNT(*) AS n FROM alert_events').get() as { n: number }).n;
    expect(alertRows).toBeGreaterThan(0);
    const topics = await readTopics(mock.brokers, { trade_signals: fills.n, portfolio_updates: seen.portfolios, alerts: alertRows });
    const signals = topics.trade_signals;
    expect(signals.length).toBe(fills.n);
    expect(new Set(signals.map((s) => s.key))).toEqual(new Set(['BTCUSDT']));
    expect(JSON.parse(signals[0].value)).toMatchObject({ type: 'signal', sessionId: String(sessionId), symbol: 'BTCUSDT', strategy: 'sma_cross' });
    const portfolios = topics.portfolio_updates;
    const last = JSON.parse(portfolios[portfolios.length - 1].value);
    expect(last.bars).toBe(BARS);
    expect(last.equity).toBe(service.pipeline.sessions.get(sessionId)?.session.equity());
    expect(topics.alerts.length).toBe(alertRows);
    expect(JSON.parse(topics.alerts[0].value)).toMatchObject({ type: 'alert', symbol: 'BTCUSDT' });
    // Unclosed updates reach the live view only.
    expect(service.pipeline.counters.unclosed).toBe(BARS);
    expect(seen.candles).toBe(2 * BARS);
    // Acknowledged outbox rows are deleted with the next batch, or at stop.
    await service.stop();
    expect(db.prepare('SELECT COUNT(*) AS n FROM live_outbox').get()).toEqual({ n: 0 });
  });
});
