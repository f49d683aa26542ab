/** Runs the real `cryptota` command in a child process with its own local store. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempHome(prefix = 'cryptota-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runCli(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 120_000): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'cryptota.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, CRYPTOTA_HOME: env.CRYPTOTA_HOME ?? tempHome(), ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
