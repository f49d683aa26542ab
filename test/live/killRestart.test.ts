/**
 * kill -9 safety: the headless consumer process (`cryptota paper start`) is killed with
 * SIGKILL at random moments while candles stream in, restarted each time, and its final
 * store must equal that of a process that ran without interruption.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openSync } from 'node:fs';
import { openDb } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles } from '../../src/main/engine/candles';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { createSessionRow } from '../../src/main/live/liveService';
import { LiveStore } from '../../src/main/live/liveStore';
import { replayCandles } from '../../src/main/live/replayProducer';
import { createRng } from '../../src/main/research/robustness/rng';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, tempDir, waitFor } from './liveHarness';

const BARS = 4000;
const CLI = resolve('bin/cryptota.mjs');
let mock: KafkaMock;
const tmp = tempDir('cryptota-live-kill-');
const children = new Set<ChildProcess>();

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await mock?.stop();
  tmp.cleanup();
});

function prepareHome(name: string): string {
  const home = join(tmp.dir, name);
  const db = openDb(join(home, 'workstation.sqlite'));
  const store = new LiveStore(db);
  createSessionRow(store, getStrategy('sma_cross'), {
    strategy: 'sma_cross', params: { n1: 5, n2: 15 }, instruments: ['BTCUSDT:1m'],
    broker: { ...defaultBrokerConfig, cash: 25_000, commission: 0.001 },
  });
  store.addAlertRule(JSON.stringify({ rule: { kind: 'move', instrument: 'BTCUSDT:1m', percent: 0.3, windowBars: 5, cooldownMs: 600_000 }, fromTime: 0 }));
  db.close();
  return home;
}

function startService(home: string): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'paper', 'start', '--from-beginning', '--session-timeout', '3000', '--brokers', mock.brokers], {
    env: childEnv(home),
    stdio: ['ignore', openSync(join(home, 'service.log'), 'a'), openSync(join(home, 'service.log'), 'a')],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CRYPTOTA_HOME: home };
  delete env.CRYPTOTA_DB;
  delete env.KAFKA_BROKERS;
  return env;
}

function barsDone(home: string): number {
  const db = openDb(join(home, 'workstation.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(bars), 0) AS n FROM paper_portfolio').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Everything the session derived, in a comparable form. */
function dump(home: string): Record<string, unknown> {
  const db = openDb(join(home, 'workstation.sqlite'), { readonly: true });
  const q = (sql: string): unknown[] => db.prepare(sql).all();
  try {
    return {
      portfolio: q('SELECT bars, json FROM paper_portfolio'),
      trades: q('SELECT instrument, seq, json FROM paper_trades ORDER BY instrument, seq'),
      equity: q('SELECT time, equity FROM paper_equity ORDER BY time'),
      events: q('SELECT instrument, time, kind, json FROM paper_events ORDER BY id'),
      bars: q('SELECT instrument, time FROM paper_bars ORDER BY instrument, time'),
      candles: q('SELECT * FROM live_candles ORDER BY instrument, time'),
      alerts: q('SELECT rule_id, time, json FROM alert_events ORDER BY id'),
      offsets: q('SELECT topic, partition, offset FROM live_offsets'),
      outbox: q('SELECT COUNT(*) AS n FROM live_outbox'),
    };
  } finally {
    db.close();
  }
}

const stop = (c: ChildProcess): Promise<void> => new Promise((r) => { if (c.exitCode !== null) r(); else { c.once('exit', () => r()); c.kill('SIGTERM'); } });

describe('kill -9 at random points', () => {
  it('restarts into exactly the state of an uninterrupted run', async () => {
    const homeA = prepareHome('uninterrupted');
    const homeB = prepareHome('killed');
    const a = startService(homeA);
    let b = startService(homeB);
    // Paced so the stream is still flowing while the killed process goes up and down.
    const candles = sliceCandles(loadSample('BTCUSDT_1m'), 10_000, 10_000 + BARS);
    const producing = replayCandles({ kafka: kafkaClient(mock.brokers), topic: 'market_data_stream', candles, symbol: 'BTCUSDT', interval: '1m', speed: (BARS * 60_000) / 25_000, format: 'binance' });
    const kills: number[] = [];
    // Kill points are random but reproducible: the seed is printed, CRYPTOTA_TEST_SEED=<seed> replays it.
    const seed = process.env.CRYPTOTA_TEST_SEED ? Number(process.env.CRYPTOTA_TEST_SEED) : Math.floor(Math.random() * 2 ** 32);
    if (!Number.isInteger(seed)) throw new Error(`CRYPTOTA_TEST_SEED must be a whole number (got "${process.env.CRYPTOTA_TEST_SEED}")`);
    console.log(`kill -9 test: seed ${seed} (rerun with CRYPTOTA_TEST_SEED=${seed})`);
    const rng = createRng(seed);
    for (let k = 0; k < 4; k++) {
      // Kill while it is applying bars: wait for progress, then a random moment.
      const before = barsDone(homeB);
      await waitFor('the restarted process to make progress', () => barsDone(homeB) > before || barsDone(homeB) === BARS, 60_000);
      if (barsDone(homeB) === BARS) break;
      const delay = rng.int(1500);
      kills.push(delay);
      await new Promise((r) => setTimeout(r, delay));
      b.kill('SIGKILL');
      await new Promise((r) => b.once('exit', r));
      b = startService(homeB);
    }
    await producing;
    await waitFor('both processes to apply every bar', () => barsDone(homeA) === BARS && barsDone(homeB) === BARS, 150_000);
    await Promise.all([stop(a), stop(b)]);
    const da = dump(homeA);
    const db = dump(homeB);
    const seen = `seed ${seed}, kill delays ${kills.join(', ')} ms`;
    expect(kills.length, `kills that landed mid-stream (${seen})`).toBeGreaterThanOrEqual(2);
    expect((da.trades as unknown[]).length, seen).toBeGreaterThan(50);
    expect(db, seen).toEqual(da);
  }, 240_000);
});
