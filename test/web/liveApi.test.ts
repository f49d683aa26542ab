/**
 * Paper sessions and alert rules through the real WebSocket transport, against the real
 * live service consuming a real Kafka-protocol broker (librdkafka's mock cluster):
 * create, list, pause, resume and stop a session while candles are replayed; add and
 * remove alert rules; malformed arguments rejected by the contract's zod schemas; and
 * the clear "unavailable" reply of a server started without a live feed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles } from '../../src/main/engine/candles';
import type { ServerFrame } from '../../src/shared/api';
import { startLiveStack, type LiveStack } from '../support/liveStack';
import { tempDir } from '../live/liveHarness';
import { WsTestClient } from './wsTestClient';

const tmp = tempDir('cryptota-live-api-');
let stack: LiveStack;
let client: WsTestClient;
let offClient: WsTestClient;
const sample = loadSample('BTCUSDT_1m');

async function staticDir(): Promise<string> {
  const dir = join(tmp.dir, 'static');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return dir;
}

function errorOf(f: ServerFrame): { kind: string; message: string } {
  if (f.type !== 'error') throw new Error(`expected an error frame, got ${JSON.stringify(f).slice(0, 300)}`);
  return f.error;
}

beforeAll(async () => {
  // withOffApp: the same server without a live feed (KAFKA_BROKERS unset there), the path the app takes by default.
  stack = await startLiveStack({ dir: tmp.dir, groupId: 'live-api', staticDir, format: 'canonical', withOffApp: true });
  client = await WsTestClient.open(`ws://127.0.0.1:${stack.app.server.port}/api`);
  offClient = await WsTestClient.open(`ws://127.0.0.1:${stack.offApp!.server.port}/api`);
});

afterAll(async () => {
  client?.close();
  offClient?.close();
  await stack?.close();
  tmp.cleanup();
});

describe('paper sessions over the WebSocket API', () => {
  it('creates a session, lists it, and its equity follows the replayed candles; pause skips bars, resume and stop take effect', async () => {
    const created = await client.call('live.sessions.create', {
      strategy: 'sma_cross', params: { n1: 5, n2: 20 }, instruments: ['btcusdt:1m'], broker: { cash: 50_000, commission: 0.001 },
    });
    expect(created).toMatchObject({
      strategy: 'sma_cross', state: 'running', instruments: ['BTCUSDT:1m'], params: { n1: 5, n2: 20, long_only: false },
      broker: { cash: 50_000, commission: 0.001, slippageBps: 0 }, bars: 0, trades: 0,
    });
    const listed = await client.call('live.sessions.list', {});
    expect(listed.map((s) => s.id)).toEqual([created.id]);
    expect((await client.call('live.status', {})).sessions.map((s) => s.id)).toEqual([created.id]);

    // Running: every closed bar reaches the session.
    await stack.replay(sliceCandles(sample, 0, 300));
    await stack.waitForBars(300);
    const running = (await client.call('live.sessions.list', {}))[0];
    const inMemory = stack.service.pipeline.sessions.get(Number(created.id))?.session.snapshot();
    expect(running.bars).toBe(300);
    expect(running.lastBarTime).toBe(sample.time[299]);
    expect(running.equity).toBe(inMemory?.equity);
    expect(running.trades).toBeGreaterThan(0);
    // sma_cross reverses on every cross, so it holds a position once the averages crossed.
    expect(running.positions).toHaveLength(1);
    expect(running.positions[0].size).not.toBe(0);
    expect(running.positions[0].markPrice).toBe(sample.close[299]);

    // Paused: the feed goes on, the session does not consume bars.
    const paused = await client.call('live.sessions.pause', { id: created.id });
    expect(paused.state).toBe('paused');
    await stack.replay(sliceCandles(sample, 300, 400));
    await stack.waitForBars(400);
    expect((await client.call('live.sessions.list', {}))[0]).toMatchObject({ state: 'paused', bars: 300, equity: running.equity });

    const resumed = await client.call('live.sessions.resume', { id: created.id });
    expect(resumed.state).toBe('running');
    await stack.replay(sliceCandles(sample, 400, 450));
    await stack.waitForBars(450);
    const after = (await client.call('live.sessions.list', {}))[0];
    expect(after.bars).toBe(350);
    expect(after.lastBarTime).toBe(sample.time[449]);

    // Stopped: out of the pipeline, the last stored portfolio still answers.
    const stopped = await client.call('live.sessions.stop', { id: created.id });
    expect(stopped).toMatchObject({ state: 'stopped', bars: 350, equity: after.equity });
    expect(stack.service.pipeline.sessions.has(Number(created.id))).toBe(false);
    expect((await client.call('live.sessions.list', {}))[0].state).toBe('stopped');
  });

  it('adds, lists and removes alert rules of every kind', async () => {
    const price = await client.call('live.alertRules.add', { rule: { kind: 'price', instrument: 'btcusdt:1m', op: 'crosses_above', level: 50_000, cooldownMs: 600_000, name: 'breakout' } });
    expect(price.rule).toMatchObject({ kind: 'price', instrument: 'BTCUSDT:1m', op: 'crosses_above', level: 50_000, cooldownMs: 600_000, name: 'breakout' });
    const move = await client.call('live.alertRules.add', { rule: { kind: 'move', instrument: 'BTCUSDT:1m', percent: 2, windowBars: 15 } });
    const rsi = await client.call('live.alertRules.add', { rule: { kind: 'indicator', instrument: 'BTCUSDT:1m', indicator: 'rsi', params: { period: 14 }, op: 'below', level: 30 } });
    const signal = await client.call('live.alertRules.add', { rule: { kind: 'signal', side: 'buy' } });
    expect(signal.rule).toMatchObject({ kind: 'signal', side: 'buy', cooldownMs: 0 });
    const ids = [price.id, move.id, rsi.id, signal.id];
    expect((await client.call('live.alertRules.list', {})).map((r) => r.id)).toEqual(ids);
    // The rules are the live service's own (the pipeline evaluates what the API stored).
    expect(stack.service.store.alertRules().map((r) => r.id)).toEqual(ids);

    expect(await client.call('live.alertRules.remove', { id: move.id })).toEqual({ removed: true });
    expect(await client.call('live.alertRules.remove', { id: move.id })).toEqual({ removed: false });
    expect((await client.call('live.alertRules.list', {})).map((r) => r.id)).toEqual([price.id, rsi.id, signal.id]);
  });

  it('an indicator the live service does not know is refused with its message, and nothing is stored', async () => {
    const before = (await client.call('live.alertRules.list', {})).length;
    const f = await client.raw('live.alertRules.add', { rule: { kind: 'indicator', instrument: 'BTCUSDT:1m', indicator: 'no_such_ind', op: 'above', level: 1 } });
    expect(errorOf(f)).toMatchObject({ kind: 'invalid-argument' });
    expect(errorOf(f).message).toMatch(/unknown indicator "no_such_ind"/);
    expect((await client.call('live.alertRules.list', {})).length).toBe(before);
  });

  it('refuses sessions the live service cannot run, naming the cause, and stores none of them', async () => {
    const before = (await client.call('live.sessions.list', {})).length;
    const base = { strategy: 'sma_cross', params: {}, instruments: ['BTCUSDT:1m'], broker: {} };
    const unknown = errorOf(await client.raw('live.sessions.create', { ...base, strategy: 'no_such_strategy' }));
    expect(unknown.kind).toBe('invalid-argument');
    expect(unknown.message).toMatch(/unknown strategy "no_such_strategy"/);
    const range = errorOf(await client.raw('live.sessions.create', { ...base, params: { n1: 0 } }));
    expect(range.kind).toBe('invalid-argument');
    expect(range.message).toMatch(/n1/);
    const repeated = errorOf(await client.raw('live.sessions.create', { ...base, instruments: ['BTCUSDT:1m', 'btcusdt:1m'] }));
    expect(repeated.message).toMatch(/instruments repeat/);
    expect((await client.call('live.sessions.list', {})).length).toBe(before);
  });

  it("reads a session's book: fills newest first ending in its position, closed trades, and PnL that accounts for its equity", async () => {
    const [s] = await client.call('live.sessions.list', {});
    const book = await client.call('live.sessions.activity', { id: s.id, limit: 5 });
    expect(book.sessionId).toBe(s.id);
    expect(book.fills).toHaveLength(5);
    expect(book.trades).toHaveLength(5);
    const times = book.fills.map((f) => f.time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const pos = s.positions[0];
    expect(book.fills[0].positionAfter).toBeCloseTo(pos.size, 12);
    expect(book.positions).toEqual(s.positions);
    // Stopped: nothing waits to fill.
    expect(book.openOrders).toEqual([]);
    expect(book.realizedPnl).toBe(s.realizedPnl);
    expect(book.unrealizedPnl).toBe(s.unrealizedPnl);
    // Equity over the starting cash is realized plus unrealized PnL less the open position's entry fee (paid, not yet in a trade).
    const entryFee = Math.abs(pos.size) * pos.entryPrice * s.broker.commission;
    expect(s.equity! - s.broker.cash - book.realizedPnl - book.unrealizedPnl).toBeCloseTo(-entryFee, 6);
    expect(errorOf(await client.raw('live.sessions.activity', { id: '9999' }))).toEqual({ kind: 'not-found', message: 'paper session 9999 does not exist' });
  });

  it('answers not-found for a session id that does not exist', async () => {
    const f = errorOf(await client.raw('live.sessions.pause', { id: '9999' }));
    expect(f).toEqual({ kind: 'not-found', message: 'paper session 9999 does not exist' });
  });
});

describe('malformed arguments are rejected by the contract before the live service sees them', () => {
  const cases: Array<[string, string, unknown, RegExp]> = [
    ['an exchange-prefixed instrument', 'live.sessions.create', { strategy: 'sma_cross', params: {}, instruments: ['binance:BTCUSDT:1m'], broker: {} }, /instruments\.0: .*drop the exchange prefix "binance:"/],
    ['an unknown interval', 'live.sessions.create', { strategy: 'sma_cross', params: {}, instruments: ['BTCUSDT:7q'], broker: {} }, /instruments\.0: interval "7q" is not valid/],
    ['no instrument', 'live.sessions.create', { strategy: 'sma_cross', params: {}, instruments: [], broker: {} }, /at least one instrument/],
    ['a commission of 5 (not a fraction)', 'live.sessions.create', { strategy: 'sma_cross', params: {}, instruments: ['BTCUSDT:1m'], broker: { commission: 5 } }, /broker\.commission/],
    ['negative cash', 'live.sessions.create', { strategy: 'sma_cross', params: {}, instruments: ['BTCUSDT:1m'], broker: { cash: -1 } }, /broker\.cash/],
    ['an unknown field', 'live.sessions.create', { strategy: 'sma_cross', params: {}, instruments: ['BTCUSDT:1m'], broker: {}, exchange: 'x' }, /exchange/],
    ['a session id that is not a number', 'live.sessions.stop', { id: 'abc' }, /id: session id must be a positive integer/],
    ['a numeric session id', 'live.sessions.resume', { id: 3 }, /^invalid argument for live\.sessions\.resume: id:/],
    ['an unknown rule kind', 'live.alertRules.add', { rule: { kind: 'volume', instrument: 'BTCUSDT:1m' } }, /rule\.kind/],
    ['a price rule without a level', 'live.alertRules.add', { rule: { kind: 'price', instrument: 'BTCUSDT:1m', op: 'above' } }, /rule\.level/],
    ['a move rule with a zero window', 'live.alertRules.add', { rule: { kind: 'move', instrument: 'BTCUSDT:1m', percent: 1, windowBars: 0 } }, /rule\.windowBars/],
    ['a negative cooldown', 'live.alertRules.add', { rule: { kind: 'price', instrument: 'BTCUSDT:1m', op: 'above', level: 1, cooldownMs: -5 } }, /rule\.cooldownMs/],
    ['a rule id as a string', 'live.alertRules.remove', { id: '1' }, /id:/],
  ];
  it.each(cases)('%s', async (_what, method, arg, message) => {
    const f = errorOf(await client.raw(method, arg));
    expect(f.kind).toBe('invalid-argument');
    expect(f.message).toMatch(message);
  });
});

describe('without a live service', () => {
  const calls: Array<[string, unknown]> = [
    ['live.sessions.list', {}],
    ['live.sessions.create', { strategy: 'sma_cross', params: {}, instruments: ['BTCUSDT:1m'], broker: {} }],
    ['live.sessions.pause', { id: '1' }],
    ['live.sessions.resume', { id: '1' }],
    ['live.sessions.stop', { id: '1' }],
    ['live.alertRules.list', {}],
    ['live.alertRules.add', { rule: { kind: 'price', instrument: 'BTCUSDT:1m', op: 'above', level: 1 } }],
    ['live.alertRules.remove', { id: 1 }],
  ];
  it.each(calls)('%s fails as unavailable and says how to configure the feed', async (method, arg) => {
    const f = errorOf(await offClient.raw(method, arg));
    expect(f.kind).toBe('unavailable');
    expect(f.message).toMatch(/^no live feed configured: set KAFKA_BROKERS=host:port/);
  });

  it('live.status still answers, with the same reason', async () => {
    const s = await offClient.call('live.status', {});
    expect(s).toMatchObject({ available: false, sessions: [] });
    expect(s.reason).toMatch(/KAFKA_BROKERS/);
  });
});
