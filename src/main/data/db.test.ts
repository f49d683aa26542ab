import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointSoon, migrate, openDb } from './db';
import { migrations } from './migrations';

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrate', () => {
  it('applies every migration once on a fresh store', () => {
    const db = new Database(':memory:');
    migrate(db);
    const applied = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(applied).toEqual(migrations.map((m) => m.version).sort((a, b) => a - b));
    expect(tables(db)).toContain('runs');
    migrate(db);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
  });

  it('applies a lower-numbered migration that a store never saw, even when a higher one ran before', () => {
    // A store created by a build that knew migrations 1 and 10 only: user_version = 10.
    const db = new Database(':memory:');
    const byVersion = new Map(migrations.map((m) => [m.version, m]));
    const first = byVersion.get(1)!;
    const high = [...byVersion.keys()].filter((v) => v >= 10).sort((a, b) => a - b)[0];
    db.exec(first.sql);
    if (high !== undefined) db.exec(byVersion.get(high)!.sql);
    db.pragma(`user_version = ${high ?? 1}`);
    migrate(db);
    for (const m of migrations) {
      expect(db.prepare('SELECT 1 AS ok FROM schema_migrations WHERE version = ?').get(m.version)).toEqual({ ok: 1 });
    }
    const missing = migrations.filter((m) => m.version > 1 && m.version < (high ?? 1));
    expect(missing.length).toBeGreaterThan(0);
  });
});

describe('checkpointSoon', () => {
  it('copies the write-ahead log into the database file after the current task, not during it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cryptota-ckpt-'));
    const file = join(dir, 'store.sqlite');
    const db = openDb(file);
    try {
      db.exec('CREATE TABLE blobs (b BLOB)');
      db.prepare('INSERT INTO blobs (b) VALUES (?)').run(Buffer.alloc(1_000_000, 7));
      const before = statSync(file).size;
      checkpointSoon(db);
      checkpointSoon(db);
      // Still in the log: the caller answers first.
      expect(statSync(file).size).toBe(before);
      await new Promise((resolve) => setImmediate(resolve));
      expect(statSync(file).size).toBeGreaterThan(before + 900_000);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
