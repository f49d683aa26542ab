/**
 * The local SQLite store (better-sqlite3, WAL): candle cache, saved runs, paper-trading
 * state. One file per workstation; numbered migrations run at open.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Read-only handles skip migrations (used by readers in worker threads). */
  readonly readonly?: boolean;
}

export function openDb(file: string, opts: OpenDbOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, ...nativeBindingOption() });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  }
  return db;
}

/**
 * Copies the write-ahead log into the database file once the current task is over (one
 * PASSIVE checkpoint per burst of calls). For a writer of large rows on a request's path:
 * a saved run carries its 1 MB equity curve, so SQLite's automatic checkpoint (every 4 MB
 * of log) fell inside every fourth save and added 15-25 ms to that request's answer;
 * checkpointed after each save, the log stays below that size and the answer goes first.
 */
export function checkpointSoon(db: Db): void {
  if (pendingCheckpoints.has(db)) return;
  pendingCheckpoints.add(db);
  setImmediate(() => {
    pendingCheckpoints.delete(db);
    if (db.open && !db.readonly) db.pragma('wal_checkpoint(PASSIVE)');
  });
}

const pendingCheckpoints = new WeakSet<Db>();

/**
 * Inside Electron, load the copy of better-sqlite3 built for Electron's ABI by
 * scripts/electron-native.mjs (node_modules stays built for Node, for the CLI and tests).
 */
function nativeBindingOption(): { nativeBinding?: string } {
  if (!process.versions.electron) return {};
  const explicit = process.env.CRYPTOTA_SQLITE_BINDING;
  if (explicit) return { nativeBinding: explicit };
  const candidate = join(process.cwd(), 'node_modules', '.cryptota-electron', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(candidate) ? { nativeBinding: candidate } : {};
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, in version order,
 * each in its own transaction. Recording each version (rather than keeping only the
 * highest in `PRAGMA user_version`) matters because domains number their migrations in
 * separate ranges: a store that already ran 10 must still get a later-written 2.
 * Returns the number of migrations applied.
 */
export function migrate(db: Db): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  adoptLegacyStore(db);
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  let count = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    // IMMEDIATE, as every write transaction: two processes opening a new store at once
    // wait for each other, and the second sees the first one's migration as applied.
    const ran = db.transaction(() => {
      if (isApplied.get(m.version)) return false;
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
      return true;
    }).immediate();
    if (ran) count++;
  }
  const top = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  db.pragma(`user_version = ${top}`);
  return count;
}

/**
 * Stores written before `schema_migrations` existed kept only `user_version`. For those,
 * a migration counts as applied when the first table it creates is present.
 */
function adoptLegacyStore(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const recorded = (db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n;
  if (version === 0 || recorded > 0) return;
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    const table = /CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/i.exec(m.sql)?.[1];
    if (table && exists.get(table)) record.run(m.version, m.name, Date.now());
  }
}
