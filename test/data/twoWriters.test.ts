/**
 * Two processes writing to one store at the same time must both succeed: write
 * transactions take the write lock when they begin, so a writer waits (busy_timeout)
 * instead of failing with "database is locked" when the other committed after its read.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandleCache } from '../../src/main/data/cache/candleCache';
import { openDb } from '../../src/main/data/db';
import { instrument } from '../../src/shared/market/instrument';
import { repoRoot } from '../support/cli';

function writer(file: string, offset: number, count: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/run-ts.mjs'), join(repoRoot, 'test/data/fixtures/cacheWriter.ts'), file, String(offset), String(count)], { cwd: repoRoot });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, out }));
  });
}

describe('two writers on one store', () => {
  it('two processes writing cache pages at once both finish, every bar and its coverage kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cryptota-writers-'));
    const file = join(dir, 'workstation.sqlite');
    try {
      openDb(file).close(); // migrated before the race, so only the cache writes compete
      const count = 600;
      const [a, b] = await Promise.all([writer(file, 0, count), writer(file, 1, count)]);
      expect(a.out.trim()).toBe('ok');
      expect(b.out.trim()).toBe('ok');
      expect([a.code, b.code]).toEqual([0, 0]);
      const db = openDb(file);
      try {
        const key = instrument('binance', 'TWOUSDT', '1m');
        const cache = new CandleCache(db);
        expect(cache.read(key).length).toBe(2 * count);
        expect(cache.coverage(key)).toEqual([{ fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 0, 1) + 2 * count * 60_000 }]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
