import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb, type Db } from '../data/db';
import { tempDir } from '../../../test/live/liveHarness';
import { WalCheckpointer } from './walCheckpointer';

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('WalCheckpointer', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => { while (cleanups.length) cleanups.pop()?.(); });

  function fileDb(): { db: Db; file: string } {
    const t = tempDir('cryptota-wal-');
    const file = join(t.dir, 'store.sqlite');
    const db = openDb(file);
    cleanups.push(() => { db.close(); t.cleanup(); });
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE blob_rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    return { db, file };
  }

  it('copies the WAL into the database file from a worker thread', async () => {
    const { db, file } = fileDb();
    const cp = new WalCheckpointer(db);
    cp.start();
    await until('the worker to open the store', () => cp.onWorker);
    const insert = db.prepare('INSERT INTO blob_rows (v) VALUES (?)');
    db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500)); })();
    const before = statSync(file).size;
    cp.checkpoint();
    await until('the checkpoint', () => cp.completed === 1);
    // The rows now live in the main file, not only in the WAL.
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    expect((db.prepare('SELECT COUNT(*) AS n FROM blob_rows').get() as { n: number }).n).toBe(2000);
    await cp.stop();
  });

  it('checkpoints on the calling thread for an in-memory store', async () => {
    const db = openDb(':memory:');
    cleanups.push(() => db.close());
    const cp = new WalCheckpointer(db);
    cp.start();
    cp.checkpoint();
    expect(cp.onWorker).toBe(false);
    expect(cp.completed).toBe(1);
    await cp.stop();
  });
});
