/**
 * Research fanned out over a Kafka consumer group, end to end over TCP: the
 * Kafka-protocol broker, `cryptota worker` processes and `cryptota optimize --executor
 * kafka` coordinators, all real processes on loopback. Each test uses its own consumer
 * group, so the workers of one test never take another's tasks (and tasks of jobs that
 * ended before a worker started are skipped by it, not run).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/main/data/db';
import { ResearchStore } from '../../src/main/research/researchStore';
import { DataSetCache } from '../../src/main/research/dataSetCache';
import { runOptimization } from '../../src/main/research/optimize/optimizer';
import { WorkerPool } from '../../src/main/research/pool/workerPool';
import { parseKeyValues } from '../../src/main/research/paramCoercion';
import { timeOption } from '../../src/main/cli/options';
import type { OptimizeRequest } from '../../src/shared/researchTypes';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import {
  balanced, CLUSTER_TEST_TOPICS, jsonOf, killAll, SLOW_STRATEGY, startCryptota, startWorker, tasksLogged, tempDir, type Proc,
} from './clusterHarness';

interface Cell { index: number; params: Record<string, unknown>; objective: number | null; stats: Record<string, number | null> | null; note: string | null; runId: number | null }
interface OptimizeJson {
  jobId: number;
  best: { params: Record<string, unknown>; objective: number } | null;
  cells: Cell[];
  pbo: unknown;
  deflatedSharpe: unknown;
  cluster?: { tasks: number; byWorker: Record<string, number>; duplicatesDropped: number };
}

const DATA = ['--data', 'sample:BTCUSDT_1m', '--from', '2025-06-01', '--to', '2025-06-07'];
const SMA_GRID = ['--strategy', 'sma_cross', '--param', 'n1=5:25:5', '--param', 'n2=30:90:20', ...DATA];
/** 40 combinations of 300 ms each (plus the run): long enough to act in the middle of it. */
const SLOW_GRID = ['--strategy', SLOW_STRATEGY, '--param', 'n=10:400:10', '--param', 'delay_ms=300', ...DATA];

let mock: KafkaMock;
const procs = new Set<Proc>();

function track(p: Proc): Proc {
  procs.add(p);
  return p;
}

function coordinator(group: string, grid: readonly string[], extra: readonly string[] = [], opts: { cwd?: string } = {}): Proc {
  return track(startCryptota(['optimize', '--executor', 'kafka', '--brokers', mock.brokers, '--group', group, '--workers', '1', '--json', ...grid, ...extra], opts));
}

/** Each test ends its workers, so they do not load the machine during the next. */
async function stopAll(): Promise<void> {
  const running = [...procs].filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  for (const p of running) p.child.kill('SIGTERM');
  await Promise.all(running.map((p) => p.ended));
  procs.clear();
}

function worker(group: string, extra: readonly string[] = [], opts: { cwd?: string } = {}): Proc {
  return track(startWorker(mock.brokers, group, extra, opts));
}

/** The same optimization on a local pool, in this process: the reference a cluster run must equal. */
async function localRun(grid: readonly string[]): Promise<OptimizeJson> {
  const flag = (name: string): string[] => grid.flatMap((x, k) => (grid[k - 1] === `--${name}` ? [x] : []));
  const request: OptimizeRequest = {
    data: flag('data')[0], strategy: flag('strategy')[0], space: parseKeyValues(flag('param')),
    fromMs: timeOption('from', flag('from')[0]), toMs: timeOption('to', flag('to')[0]), broker: {},
  };
  const db = openDb(join(tempDir('cryptota-cluster-local-'), 'workstation.sqlite'));
  const pool = new WorkerPool({ size: 2 });
  try {
    const out = await runOptimization(request, { pool, db, dataSets: new DataSetCache(pool, db) });
    return { jobId: out.jobId, best: out.summary.best, cells: [...out.cells], pbo: out.summary.pbo, deflatedSharpe: out.summary.deflatedSharpe };
  } finally {
    await pool.close();
    db.close();
  }
}

const withoutRunIds = (cells: readonly Cell[]): Omit<Cell, 'runId'>[] => cells.map(({ runId: _r, ...c }) => c);
const idOf = (p: Proc): string => `${hostname()}:${p.child.pid}`;

function storedCells(home: string, jobId: number): number {
  const db = openDb(join(home, 'workstation.sqlite'), { readonly: true });
  try {
    return new ResearchStore(db).countCells(jobId);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  mock = await startKafkaMock(CLUSTER_TEST_TOPICS);
});

afterEach(stopAll);

afterAll(async () => {
  killAll(procs);
  await mock?.stop();
});

// Each test starts several cryptota processes and waits for Kafka group joins (~5 s each).
const SLOW_TEST = 240_000;

describe('optimize --executor kafka with cryptota worker processes', () => {
  it('a grid on 3 workers equals the local result, with every worker taking tasks', async () => {
    const workers = [worker('g-equal'), worker('g-equal'), worker('g-equal')];
    await balanced(workers, 12);
    const c = coordinator('g-equal', SMA_GRID, ['--task-size', '2']);
    const [ended, local] = await Promise.all([c.finished(), localRun(SMA_GRID)]);
    expect(ended.code, c.output()).toBe(0);
    const cluster = jsonOf<OptimizeJson>(c);
    expect(cluster.cells).toHaveLength(20);
    expect(withoutRunIds(cluster.cells)).toEqual(withoutRunIds(local.cells));
    expect(cluster.best).toEqual(local.best);
    expect(cluster.pbo).toEqual(local.pbo);
    expect(cluster.deflatedSharpe).toEqual(local.deflatedSharpe);
    expect(cluster.cluster?.tasks).toBe(10);
    expect(Object.keys(cluster.cluster?.byWorker ?? {}).sort()).toEqual(workers.map(idOf).sort());
  }, SLOW_TEST);

  it('completes a grid when a worker is killed with SIGKILL mid-grid, no combination lost or counted twice', async () => {
    const a = worker('g-kill', ['--allow-user-code']);
    const b = worker('g-kill', ['--allow-user-code']);
    await balanced([a, b], 12);
    const c = coordinator('g-kill', SLOW_GRID, ['--task-size', '2']);
    const reference = localRun(SLOW_GRID);
    // Mid-grid and mid-task: a has finished one task and started the next.
    await a.until(() => tasksLogged(a, 'done').length >= 1 && tasksLogged(a, 'started').length > tasksLogged(a, 'done').length, 'worker a busy after a first task');
    a.child.kill('SIGKILL');
    const ended = await c.finished();
    expect(ended.code, c.output()).toBe(0);
    const cluster = jsonOf<OptimizeJson>(c);
    const indices = cluster.cells.map((x) => x.index);
    expect(new Set(indices).size).toBe(40);
    expect(storedCells(c.home, cluster.jobId)).toBe(40);
    expect(withoutRunIds(cluster.cells)).toEqual(withoutRunIds((await reference).cells));
    // b took over a's partitions and reran the task a was killed in (left uncommitted).
    const killedIn = tasksLogged(a, 'started').filter((t) => !tasksLogged(a, 'done').includes(t));
    expect(killedIn).toHaveLength(1);
    expect(tasksLogged(b, 'done')).toContain(killedIn[0]);
    const kept = cluster.cluster?.byWorker ?? {};
    expect((kept[idOf(a)] ?? 0) + (kept[idOf(b)] ?? 0)).toBe(20);
  }, SLOW_TEST);

  it('a worker that joins mid-grid takes work', async () => {
    const a = worker('g-join', ['--allow-user-code']);
    await balanced([a], 12);
    const c = coordinator('g-join', SLOW_GRID, ['--task-size', '2']);
    await a.until(() => tasksLogged(a, 'done').length >= 1, 'worker a finished a first task');
    const b = worker('g-join', ['--allow-user-code']);
    const ended = await c.finished();
    expect(ended.code, c.output()).toBe(0);
    const cluster = jsonOf<OptimizeJson>(c);
    expect(new Set(cluster.cells.map((x) => x.index)).size).toBe(40);
    expect(cluster.cluster?.byWorker[idOf(b)] ?? 0).toBeGreaterThan(0);
    expect(tasksLogged(b, 'done').length).toBeGreaterThan(0);
  }, SLOW_TEST);

  it('a worker whose copy of the data differs refuses the task, and the optimization fails saying why', async () => {
    const mine = tempDir('cryptota-cluster-a-');
    const theirs = tempDir('cryptota-cluster-b-');
    const rows = (bump: number): string => {
      const lines = ['open_time_ms,open,high,low,close,volume'];
      for (let i = 0; i < 400; i++) {
        const p = 100 + 10 * Math.sin(i / 7) + (i === 200 ? bump : 0);
        lines.push(`${Date.UTC(2025, 0, 1) + i * 3_600_000},${p},${p + 1},${p - 1},${p + 0.5},${10 + i}`);
      }
      return `${lines.join('\n')}\n`;
    };
    writeFileSync(join(mine, 'bars.csv'), rows(0));
    writeFileSync(join(theirs, 'bars.csv'), rows(0.25));
    const w = worker('g-mismatch', [], { cwd: theirs });
    await balanced([w], 12);
    const c = coordinator('g-mismatch', ['--strategy', 'sma_cross', '--param', 'n1=5:10:5', '--param', 'n2=20:30:10', '--data', 'bars.csv'], [], { cwd: mine });
    const ended = await c.finished();
    expect(ended.code).not.toBe(0);
    expect(c.output()).toMatch(/no worker would run task .*refused: data mismatch for bars\.csv: this worker's bars hash to [0-9a-f]+ \(400 bars\), the task expects [0-9a-f]+ \(400 bars\)/);
    expect(tasksLogged(w, 'refused').length).toBeGreaterThanOrEqual(3);
    expect(tasksLogged(w, 'done')).toEqual([]);
  }, SLOW_TEST);

  it('a grid survives the broker going away for a few seconds and coming back', async () => {
    const w = worker('g-outage', ['--allow-user-code']);
    await balanced([w], 12);
    const c = coordinator('g-outage', SLOW_GRID, ['--task-size', '2']);
    await w.until(() => tasksLogged(w, 'done').length >= 2, 'worker finished two tasks');
    await mock.down();
    // An outage shorter than the session timeout (6 s): the member keeps its partitions.
    await new Promise((r) => setTimeout(r, 4000));
    await mock.up();
    const ended = await c.finished();
    expect(ended.code, c.output()).toBe(0);
    const cluster = jsonOf<OptimizeJson>(c);
    expect(new Set(cluster.cells.map((x) => x.index)).size).toBe(40);
    expect(cluster.cells.every((x) => x.stats !== null)).toBe(true);
  }, SLOW_TEST);

  it('cancel stops every worker: running tasks abort, the rest of the job is skipped', async () => {
    const workers = [worker('g-cancel', ['--allow-user-code']), worker('g-cancel', ['--allow-user-code'])];
    await balanced(workers, 12);
    const c = coordinator('g-cancel', SLOW_GRID, ['--task-size', '2']);
    await Promise.all(workers.map((w) => w.until(() => tasksLogged(w, 'started').length >= 1, 'a first task started')));
    c.child.kill('SIGINT');
    expect((await c.ended).code).toBe(130);
    const jobId = /cluster job (\S+):/.exec(c.output())?.[1] ?? '';
    expect(jobId).not.toBe('');
    const ofJob = (ids: string[]): string[] => ids.filter((t) => t.startsWith(`${jobId}:`));
    // Every one of the 20 tasks ends up done (before the cancel), cancelled or skipped, and not all were done.
    const accounted = (): number => new Set(workers.flatMap((w) => ofJob([...tasksLogged(w, 'done'), ...tasksLogged(w, 'cancelled'), ...tasksLogged(w, 'skipped')]))).size;
    await Promise.all(workers.map((w) => w.until(() => accounted() === 20, 'every task of the job accounted for')));
    for (const w of workers) expect(ofJob([...tasksLogged(w, 'cancelled'), ...tasksLogged(w, 'skipped')]).length, w.output()).toBeGreaterThan(0);
    expect(workers.reduce((n, w) => n + ofJob(tasksLogged(w, 'done')).length, 0)).toBeLessThan(20);
    // SIGTERM: a clean stop (130 is the CLI's code for an interrupted command).
    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) {
      expect((await w.ended).code, w.output()).toBe(130);
      expect(w.output()).toMatch(/ stopped\n/);
      expect(w.output()).not.toMatch(/clean stop took too long/);
    }
  }, SLOW_TEST);
});
