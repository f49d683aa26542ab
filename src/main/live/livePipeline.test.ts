import { describe, expect, it } from 'vitest';
import { openDb } from '../data/db';
import { loadSample } from '../data/candleFiles';
import { defaultBrokerConfig } from '../engine/brokerTypes';
import { getStrategy } from '../engine/strategies/registry';
import { encodeCanonical } from './candleMessage';
import { LivePipeline } from './livePipeline';
import { LiveStore } from './liveStore';
import { createSessionRow } from './liveService';
import { verifySession } from './paperVerify';
import type { RawBatch } from './kafkaFeed';

const TOPICS = { market: 'market_data_stream', signals: 'trade_signals', portfolio: 'portfolio_updates', alerts: 'alerts' };
const sample = loadSample('BTCUSDT_1h');

function batch(from: number, to: number): RawBatch {
  const messages = [];
  for (let i = from; i < to; i++) {
    const value = encodeCanonical({ symbol: 'BTCUSDT', interval: '1h', time: sample.time[i], open: sample.open[i], high: sample.high[i], low: sample.low[i], close: sample.close[i], volume: sample.volume[i], closed: true });
    messages.push({ partition: 0, offset: String(i), key: null, value: Buffer.from(value) });
  }
  return { topic: TOPICS.market, partition: 0, messages, receivedAt: 0 };
}

function setup(): { store: LiveStore; pipeline: LivePipeline; id: number } {
  const store = new LiveStore(openDb(':memory:'));
  const def = getStrategy('sma_cross');
  const id = createSessionRow(store, def, { strategy: 'sma_cross', params: { n1: 3, n2: 8 }, instruments: ['BTCUSDT:1h'], broker: { ...defaultBrokerConfig, commission: 0.001 } });
  const pipeline = new LivePipeline(store, TOPICS);
  const row = store.session(id);
  if (!row) throw new Error('session row missing');
  pipeline.syncSession(row, def);
  return { store, pipeline, id };
}

function state(store: LiveStore, id: number): unknown {
  return { portfolio: store.portfolio(id), trades: store.trades(id), equity: store.equity(id), offsets: [...store.offsets(TOPICS.market)] };
}

describe('LivePipeline', () => {
  it('skips messages at or below the stored offset (redelivery after a crash)', () => {
    const a = setup();
    a.pipeline.process(batch(0, 300));
    const out = a.pipeline.process(batch(200, 500));
    expect(out.applied).toBe(200);
    expect(a.pipeline.counters.alreadyProcessed).toBe(100);
    const b = setup();
    b.pipeline.process(batch(0, 500));
    expect(state(a.store, a.id)).toEqual(state(b.store, b.id));
    expect(a.store.trades(a.id).length).toBeGreaterThan(5);
  });

  it('restores memory from SQLite when a commit fails, so the retried batch applies once', () => {
    const a = setup();
    a.pipeline.process(batch(0, 200));
    const commit = a.store.commitBatch.bind(a.store);
    a.store.commitBatch = () => { throw new Error('disk full'); };
    expect(() => a.pipeline.process(batch(200, 400))).toThrow('disk full');
    a.store.commitBatch = commit;
    a.pipeline.process(batch(200, 400));
    const b = setup();
    b.pipeline.process(batch(0, 400));
    expect(state(a.store, a.id)).toEqual(state(b.store, b.id));
  });

  it('rebuilds a session from its stored bars into the stored portfolio', () => {
    const a = setup();
    a.pipeline.process(batch(0, 400));
    const row = a.store.session(a.id);
    if (!row) throw new Error('session row missing');
    const fresh = new LivePipeline(a.store, TOPICS);
    fresh.syncSession(row, getStrategy('sma_cross'));
    expect(fresh.sessions.get(a.id)?.selfCheck).toBeNull();
    expect(JSON.stringify(fresh.sessions.get(a.id)?.session.snapshot())).toBe(a.store.portfolio(a.id)?.json);
  });

  it('skips bars while paused and still verifies against the backtester', () => {
    const a = setup();
    a.pipeline.process(batch(0, 150));
    a.store.setStatus(a.id, 'paused');
    a.pipeline.syncSession(a.store.session(a.id)!, getStrategy('sma_cross'));
    a.pipeline.process(batch(150, 250));
    a.store.setStatus(a.id, 'running');
    a.pipeline.syncSession(a.store.session(a.id)!, getStrategy('sma_cross'));
    a.pipeline.process(batch(250, 600));
    expect(a.store.sessionCandles(a.id).get('BTCUSDT:1h')?.length).toBe(500);
    expect(verifySession(a.store, a.id, getStrategy('sma_cross')).identical).toBe(true);
  });

  it('verify reports a trade that differs from the backtest', () => {
    const a = setup();
    a.pipeline.process(batch(0, 400));
    a.store.db.prepare("UPDATE paper_trades SET json = json_set(json, '$.exitPrice', 1) WHERE seq = 2").run();
    const report = verifySession(a.store, a.id, getStrategy('sma_cross'));
    expect(report.identical).toBe(false);
    expect(report.instruments[0].differences).toHaveLength(1);
    expect(report.instruments[0].differences[0]).toMatch(/^trade 2:/);
  });
});
