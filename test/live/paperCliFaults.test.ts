/**
 * The small faults of the paper/feed commands a hostile new user ran into: refused
 * input leaves nothing behind, a background service that dies at once is reported,
 * duplicates are shown, `feed status` follows the service's topic, one command stops the
 * service, the service log carries timestamps and prices print at the instrument's precision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { LiveService, createSessionRow } from '../../src/main/live/liveService';
import { LiveStore } from '../../src/main/live/liveStore';
import { encodeCanonical, type LiveCandle } from '../../src/main/live/candleMessage';
import { runCli, tempHome } from '../support/cli';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, waitFor } from './liveHarness';

const CLI = resolve('bin/cryptota.mjs');
let mock: KafkaMock;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await mock?.stop();
});

function sessionCount(home: string): number {
  const db = openDb(join(home, 'workstation.sqlite'));
  try {
    return new LiveStore(db).sessions().length;
  } finally {
    db.close();
  }
}

describe('paper and feed commands under faults', () => {
  it('refuses an unknown interval when the session is created, and a failed start leaves no session', { timeout: 120_000 }, () => {
    const home = tempHome();
    const badInterval = runCli(['paper', 'start', '--strategy', 'sma_cross', '--instruments', 'ETHUSDT:7q', '--brokers', mock.brokers], { CRYPTOTA_HOME: home });
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toMatch(/interval "7q" is not valid/);
    const noBrokers = runCli(['paper', 'start', '--strategy', 'sma_cross', '--instruments', 'ETHUSDT:1m'], { CRYPTOTA_HOME: home, KAFKA_BROKERS: '' });
    expect(noBrokers.code).not.toBe(0);
    expect(noBrokers.stderr).toMatch(/no Kafka brokers/);
    expect(sessionCount(home)).toBe(0);
    const listed = runCli(['paper'], { CRYPTOTA_HOME: home });
    expect(listed.code).toBe(2);
    for (const sub of ['start', 'status', 'pause', 'resume', 'stop', 'verify', 'shutdown']) expect(listed.stderr).toMatch(new RegExp(`paper ${sub}\\b`));
    const groups = { feed: ['replay', 'status'], alerts: ['add', 'ls', 'fired', 'rm'] };
    for (const [group, subs] of Object.entries(groups)) {
      const r = runCli([group], { CRYPTOTA_HOME: home });
      expect(r.code).toBe(2);
      for (const sub of subs) expect(r.stderr).toMatch(new RegExp(`${group} ${sub}\\b`));
    }
  });

  it('reports a background service that dies at once', { timeout: 120_000 }, () => {
    const home = tempHome();
    // A directory where the service's lock file belongs: the child fails as soon as it starts.
    mkdirSync(join(home, 'workstation.sqlite.service-lock'), { recursive: true });
    const r = runCli(['paper', 'start', '--strategy', 'sma_cross', '--instruments', 'BTCUSDT:1m', '--brokers', mock.brokers, '--detach'], { CRYPTOTA_HOME: home });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/live service exited at once \(code \d+\)/);
    expect(r.stderr).toMatch(/paper\.log/);
    expect(sessionCount(home)).toBe(0);
  });

  it('counts and shows duplicates, and feed status reads the topic the service uses', { timeout: 150_000 }, async () => {
    const home = tempHome();
    const db = openDb(join(home, 'workstation.sqlite'));
    const service = new LiveService({ db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: 'dups-shown', topics: { market: 'market_replayed' }, resolveStrategy: async (n) => getStrategy(n) });
    try {
      await service.start();
      const c = loadSample('BTCUSDT_1m');
      const bar = (i: number): LiveCandle => ({ symbol: 'BTCUSDT', interval: '1m', time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i], closed: true });
      const order = [0, 1, 1, 2, 3, 3, 3, 4, 2, 5, 0];
      const producer = kafkaClient(mock.brokers).producer();
      await producer.connect();
      await producer.send({ topic: 'market_replayed', messages: order.map((i) => ({ key: 'BTCUSDT', value: encodeCanonical(bar(i)) })) });
      await producer.disconnect();
      await waitFor('every message seen', () => service.pipeline.counters.closed === 6 && service.pipeline.counters.duplicates + service.pipeline.counters.outOfOrder === 5);
      expect((await service.status()).feed).toMatchObject({ duplicates: 3, outOfOrder: 2 });
    } finally {
      await service.stop();
      db.close();
    }
    const json = JSON.parse(runCli(['feed', 'status', '--json'], { CRYPTOTA_HOME: home }).stdout) as { topic: string; offsets: Record<string, string>; duplicates: number; outOfOrder: number };
    expect(json).toMatchObject({ topic: 'market_replayed', offsets: { 0: '10' }, duplicates: 3, outOfOrder: 2 });
    expect(runCli(['feed', 'status'], { CRYPTOTA_HOME: home }).stdout).toMatch(/duplicates 3, out of order 2/);
  });

  it('stops the running service with one command; its log has timestamps and prices at the instrument precision', { timeout: 180_000 }, async () => {
    const home = tempHome();
    const db = openDb(join(home, 'workstation.sqlite'));
    createSessionRow(new LiveStore(db), getStrategy('sma_cross'), {
      strategy: 'sma_cross', params: { n1: 3, n2: 8 }, instruments: ['ETHUSDT:1m'], broker: { ...defaultBrokerConfig, cash: 10_000, slippageBps: 3 },
    });
    db.close();
    const env: NodeJS.ProcessEnv = { ...process.env, CRYPTOTA_HOME: home };
    delete env.KAFKA_BROKERS;
    const child = spawn(process.execPath, [CLI, 'paper', 'start', '--from-beginning', '--topic', 'market_data_stream', '--group', 'stop-cmd', '--brokers', mock.brokers], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let log = '';
    child.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await waitFor('the service to run', () => /live service running/.test(log), 90_000);
    const replay = runCli(['feed', 'replay', '--data', 'sample:ETHUSDT_1m', '--limit', '300', '--speed', 'max', '--brokers', mock.brokers], { CRYPTOTA_HOME: home });
    expect(replay.code, replay.stderr).toBe(0);
    await waitFor('a signal', () => / BUY | SELL /.test(log), 60_000);
    const stop = runCli(['paper', 'shutdown'], { CRYPTOTA_HOME: home });
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toMatch(new RegExp(`live service \\(pid ${child.pid}\\) stopped`));
    expect(await exited).toBe(130);
    // Every service line starts with a UTC timestamp.
    for (const line of log.trim().split('\n')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
    // ETHUSDT's sample prices have 2 decimals; slippage makes fills like 2451.2345678.
    const fills = log.split('\n').filter((l) => / (BUY|SELL) /.test(l));
    expect(fills.length).toBeGreaterThan(0);
    for (const f of fills) expect(f).toMatch(/ @ \d+\.\d{2} /);
    expect(runCli(['paper', 'shutdown'], { CRYPTOTA_HOME: home }).stdout).toMatch(/no live service is running/);
  });
});
