/**
 * The real `cryptota` in a child process the test can talk to while it runs (send it a
 * signal once it printed something), unlike runCli which waits for it to end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, tempHome } from '../support/cli';

export interface RunningCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout or stderr matches; rejects when the process ends first or after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal that killed it) once the process ended. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: readonly string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'cryptota.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, CRYPTOTA_HOME: env.CRYPTOTA_HOME ?? tempHome(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (t: string) => { out += t; for (const l of listeners) l(); });
  child.stderr.setEncoding('utf8').on('data', (t: string) => { err += t; for (const l of listeners) l(); });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.on('exit', (code, signal) => { for (const l of listeners) l(); res({ code, signal }); });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    ended,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise<void>((res, rej) => {
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms; stdout: ${out}\nstderr: ${err}`)), timeoutMs);
        const check = (): void => {
          if (pattern.test(out) || pattern.test(err)) done();
          else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`cryptota ended before ${pattern}; stdout: ${out}\nstderr: ${err}`));
        };
        const done = (e?: Error): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (e) rej(e); else res();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
