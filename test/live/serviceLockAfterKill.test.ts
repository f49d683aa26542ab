/**
 * One live service per store, held by a lock the kernel releases when the process dies:
 * right after `kill -9` a new `paper start` must run, even while the killed process is
 * still a zombie (its parent has not reaped it, so its pid still answers kill(pid, 0)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { openDb } from '../../src/main/data/db';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { defaultBrokerConfig } from '../../src/main/engine/brokerTypes';
import { createSessionRow } from '../../src/main/live/liveService';
import { LiveStore } from '../../src/main/live/liveStore';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { runCli } from '../support/cli';
import { LIVE_TOPICS, tempDir, waitFor } from './liveHarness';

const CLI = resolve('bin/cryptota.mjs');
let mock: KafkaMock;
const tmp = tempDir('cryptota-live-lock-');
const children = new Set<ChildProcess>();
const pids = new Set<number>();

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  for (const p of pids) {
    try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
  }
  await mock?.stop();
  tmp.cleanup();
});

function serviceEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CRYPTOTA_HOME: home };
  delete env.CRYPTOTA_DB;
  delete env.KAFKA_BROKERS;
  return env;
}

describe('the single-service lock', () => {
  it('is free right after kill -9, even while the killed service is a zombie', { timeout: 180_000 }, async () => {
    const home = join(tmp.dir, 'home');
    const db = openDb(join(home, 'workstation.sqlite'));
    createSessionRow(new LiveStore(db), getStrategy('sma_cross'), {
      strategy: 'sma_cross', params: { n1: 5, n2: 15 }, instruments: ['BTCUSDT:1m'], broker: { ...defaultBrokerConfig, cash: 10_000 },
    });
    db.close();
    // The service's parent is `sleep`, which never reaps it: after kill -9 it stays a zombie.
    const firstLog = join(home, 'first.log');
    const parent = spawn('sh', ['-c', `"$0" "$@" >"${firstLog}" 2>&1 & echo $!; exec sleep 600`, process.execPath, CLI, 'paper', 'start', '--brokers', mock.brokers], { env: serviceEnv(home), stdio: ['ignore', 'pipe', 'ignore'] });
    children.add(parent);
    const servicePid = await new Promise<number>((r) => parent.stdout?.once('data', (d: Buffer) => r(Number(d.toString().trim()))));
    pids.add(servicePid);
    // The shell opens the log in the background job: it may not exist yet when the pid arrives.
    await waitFor('the first service to run', () => existsSync(firstLog) && /live service running/.test(readFileSync(firstLog, 'utf8')), 90_000);
    process.kill(servicePid, 'SIGKILL');
    await waitFor('the killed service to become a zombie', () => /^Z/.test(procState(servicePid)), 10_000);

    expect(runCli(['paper', 'status', '--json'], { CRYPTOTA_HOME: home }).stdout).toMatch(/"service":null/);
    const second = spawn(process.execPath, [CLI, 'paper', 'start', '--brokers', mock.brokers], { env: serviceEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(second);
    let out = '';
    second.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    second.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<number | null>((r) => second.once('exit', (code) => r(code)));
    await waitFor('the restarted service to run or give up', () => /live service running|already runs/.test(out) || second.exitCode !== null, 90_000);
    expect(out).not.toMatch(/already runs/);
    expect(out).toMatch(/live service running/);
    // While it runs, it holds the lock: a third start only records and leaves.
    const third = runCli(['paper', 'start', '1', '--brokers', mock.brokers], { CRYPTOTA_HOME: home });
    expect(third.stdout).toMatch(new RegExp(`already runs on this store \\(pid ${second.pid}\\)`));
    second.kill('SIGTERM');
    expect(await exited).toBe(130);
  });
});

/** The state letter of /proc/<pid>/stat (R, S, Z, ...), or '' once the pid is gone. */
function procState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return '';
  }
}
