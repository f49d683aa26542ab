/**
 * `cryptota paper start` stops within seconds in every state: running, with the broker
 * down, and while still starting against a broker that cannot be reached. The bound
 * checked is deliberately generous (10 s, for a 5 s target): it catches a service that
 * hangs for half a minute or forever, not one that is a little slow on a busy machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { openDb } from '../../src/main/data/db';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { createSessionRow } from '../../src/main/live/liveService';
import { LiveStore } from '../../src/main/live/liveStore';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { LIVE_TOPICS, tempDir, waitFor } from './liveHarness';

const CLI = resolve('bin/cryptota.mjs');
const GENEROUS_STOP_MS = 10_000;
let mock: KafkaMock;
const tmp = tempDir('cryptota-live-stop-');
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
  createSessionRow(new LiveStore(db), getStrategy('sma_cross'), {
    strategy: 'sma_cross', params: { n1: 5, n2: 15 }, instruments: ['BTCUSDT:1m'], broker: { ...defaultBrokerConfig, cash: 10_000 },
  });
  db.close();
  return home;
}

interface Service {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startService(home: string, brokers: string): Service {
  const env: NodeJS.ProcessEnv = { ...process.env, CRYPTOTA_HOME: home };
  delete env.CRYPTOTA_DB;
  delete env.KAFKA_BROKERS;
  const child = spawn(process.execPath, [CLI, 'paper', 'start', '--session-timeout', '3000', '--brokers', brokers], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => { children.delete(child); r({ code, signal }); }));
  return { child, output: () => out, exited };
}

/** Sends the signal and returns how long the process took to exit, and how. */
async function stopTimed(s: Service, signal: NodeJS.Signals): Promise<{ ms: number; code: number | null }> {
  const t0 = Date.now();
  s.child.kill(signal);
  const guard = setTimeout(() => s.child.kill("SIGKILL"), 40_000);
  const { code } = await s.exited;
  clearTimeout(guard);
  return { ms: Date.now() - t0, code };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("stopping the live service", { timeout: 120_000 }, () => {
  it('stops promptly on SIGTERM while running', async () => {
    const s = startService(prepareHome('running'), mock.brokers);
    await waitFor('the service to run', () => /live service running/.test(s.output()) && /feed: live/.test(s.output()));
    const r = await stopTimed(s, 'SIGTERM');
    expect(r.ms, s.output()).toBeLessThan(GENEROUS_STOP_MS);
    expect(r.code).toBe(130);
  });

  it('stops promptly on SIGTERM while the broker is down', async () => {
    const s = startService(prepareHome('broker-down'), mock.brokers);
    await waitFor('the service to run', () => /live service running/.test(s.output()) && /feed: live/.test(s.output()));
    await mock.down();
    try {
      await waitFor('the feed to report the outage', () => /feed: down/.test(s.output()), 30_000);
      const r = await stopTimed(s, 'SIGTERM');
      expect(r.ms, s.output()).toBeLessThan(GENEROUS_STOP_MS);
      expect(r.code).toBe(130);
    } finally {
      await mock.up();
    }
  });

  it('stops promptly on Ctrl-C while starting against an unreachable broker', async () => {
    const s = startService(prepareHome('unreachable'), `127.0.0.1:${await closedPort()}`);
    await waitFor('the service to start connecting', () => /live service starting/.test(s.output()));
    const r = await stopTimed(s, 'SIGINT');
    expect(r.ms, s.output()).toBeLessThan(GENEROUS_STOP_MS);
    expect(r.code).toBe(130);
  });
});
