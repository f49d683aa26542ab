/**
 * The pieces of a cluster test: the Kafka-protocol broker with the research topics,
 * `cryptota worker` processes and coordinators as real child processes on loopback,
 * each with its own home (store) and working directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/cli';

/** 12 task partitions: 3 workers get 4 each, so every member of a test group has work. */
export const CLUSTER_TEST_TOPICS = ['research_tasks:12', 'research_results:4', 'research_control:1', 'research_workers:1'];

export const SLOW_STRATEGY = join(repoRoot, 'test', 'cluster', 'fixtures', 'slow_flip.ts');

export interface Proc {
  readonly child: ChildProcess;
  readonly home: string;
  output(): string;
  stdout(): string;
  /** Resolves once `check(output)` holds; rejects if the process ends first or after timeoutMs. */
  until(check: (output: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `ended`, or a rejection with the process's output if it is still running after timeoutMs. */
  finished(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ProcOptions {
  readonly home?: string;
  readonly cwd?: string;
  /** Added to the environment (e.g. PG* connection settings). */
  readonly env?: Readonly<Record<string, string>>;
}

export function startCryptota(args: readonly string[], opts: ProcOptions = {}): Proc {
  const home = opts.home ?? tempDir('cryptota-cluster-home-');
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, CRYPTOTA_HOME: home };
  delete env.CRYPTOTA_DB;
  delete env.KAFKA_BROKERS;
  delete env.CRYPTOTA_WORKERS;
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'cryptota.mjs'), ...args], { cwd: opts.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let all = '';
  const listeners = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (t: string) => { out += t; all += t; for (const l of listeners) l(); });
  child.stderr?.setEncoding('utf8').on('data', (t: string) => { all += t; for (const l of listeners) l(); });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.on('exit', (code, signal) => { for (const l of listeners) l(); res({ code, signal }); });
  });
  return {
    child, home, ended,
    output: () => all,
    stdout: () => out,
    finished(timeoutMs = 180_000) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error(`still running after ${timeoutMs} ms; output:\n${all}`)), timeoutMs); });
      return Promise.race([ended, late]).finally(() => clearTimeout(timer));
    },
    until(check, what, timeoutMs = 60_000) {
      return new Promise<void>((res, rej) => {
        const timer = setTimeout(() => done(new Error(`${what}: not within ${timeoutMs} ms; output:\n${all}`)), timeoutMs);
        const test = (): void => {
          if (check(all)) done();
          else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`${what}: the process ended first; output:\n${all}`));
        };
        // Also re-checked now and then: a condition may depend on other processes' output.
        const poll = setInterval(test, 250);
        const done = (e?: Error): void => {
          clearTimeout(timer);
          clearInterval(poll);
          listeners.delete(test);
          if (e) rej(e); else res();
        };
        listeners.add(test);
        test();
      });
    },
  };
}

export function startWorker(brokers: string, group: string, extra: readonly string[] = [], opts: ProcOptions = {}): Proc {
  return startCryptota(['worker', '--brokers', brokers, '--group', group, '--workers', '1', '--session-timeout', '6000', ...extra], opts);
}

/** The partitions each worker holds after its latest group join. */
export function assignment(w: Proc): number[] | null {
  const joins = [...w.output().matchAll(/joined group \S+: partitions (\S+)/g)];
  const last = joins.at(-1)?.[1];
  if (last === undefined) return null;
  return last === 'none' ? [] : last.split(',').map(Number);
}

/** Resolves once every worker holds some partitions and together they hold all `partitions`. */
export async function balanced(workers: readonly Proc[], partitions: number, timeoutMs = 60_000): Promise<void> {
  const ok = (): boolean => {
    const sets = workers.map(assignment);
    if (sets.some((s) => s === null || s.length === 0)) return false;
    return new Set(sets.flatMap((s) => s ?? [])).size === partitions && sets.reduce((n, s) => n + (s?.length ?? 0), 0) === partitions;
  };
  await Promise.all(workers.map((w) => w.until(ok, `the group to spread ${partitions} partitions over ${workers.length} workers`, timeoutMs)));
}

/** Task ids a worker logged with the given outcome for a job. */
export function tasksLogged(w: Proc, outcome: 'started' | 'done' | 'cancelled' | 'skipped' | 'refused'): string[] {
  const re = new RegExp(`task (\\S+:\\d+) ${outcome}\\b`, 'g');
  return [...w.output().matchAll(re)].map((m) => m[1]);
}

/** The JSON object a `--json` command printed. */
export function jsonOf<T = Record<string, unknown>>(p: Proc): T {
  const line = p.stdout().trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as T;
}

export function killAll(procs: Iterable<Proc>): void {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}
