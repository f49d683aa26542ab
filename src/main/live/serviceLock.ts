/**
 * At most one live service per local store. The lock is an open EXCLUSIVE transaction on
 * a small SQLite file next to the store (`<store>.service-lock`): SQLite takes it with a
 * POSIX advisory lock, which the kernel drops the moment the holding process dies — by
 * kill -9, a crash or a reboot — even while that process lingers as a zombie and even if
 * its pid is reused. A pid check cannot tell those apart; the lock can.
 *
 * The owner's pid and start time are also written to live_meta, for display only: the
 * lock, not that row, says whether a service runs. Another `paper start` then only
 * edits rows, which the running service picks up.
 */
import Database from 'better-sqlite3';
import type { Db } from '../data/db';

export interface ServiceOwner {
  /** 0 when the holder has not recorded itself (yet). */
  readonly pid: number;
  readonly startedAt: number;
}

/** Lock connections this process holds, by lock file. */
const held = new Map<string, Database.Database>();

/** The running service of another process, or null when no other process holds the lock. */
export function runningService(db: Db): ServiceOwner | null {
  const path = lockPath(db);
  if (path === null || held.has(path) || !isLocked(path)) return null;
  return recordedOwner(db) ?? { pid: 0, startedAt: 0 };
}

/** Takes the lock for this process; returns the other owner when one holds it. */
export function claimService(db: Db): ServiceOwner | null {
  const path = lockPath(db);
  if (path === null || held.has(path)) return null;
  const lock = new Database(path);
  try {
    // Long enough to ride over another process's momentary probe, short enough to answer at once.
    lock.pragma('busy_timeout = 500');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    lock.close();
    if (isBusy(e)) return recordedOwner(db) ?? { pid: 0, startedAt: 0 };
    throw e;
  }
  held.set(path, lock);
  db.prepare("INSERT INTO live_meta(key, value) VALUES ('service', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(JSON.stringify({ pid: process.pid, startedAt: Date.now() }));
  return null;
}

export function releaseService(db: Db): void {
  const path = lockPath(db);
  const lock = path === null ? undefined : held.get(path);
  if (!lock || path === null) return;
  db.prepare("DELETE FROM live_meta WHERE key = 'service' AND json_extract(value, '$.pid') = ?").run(process.pid);
  held.delete(path);
  lock.close();
}

function lockPath(db: Db): string | null {
  return db.memory ? null : `${db.name}.service-lock`;
}

/** True when another connection holds the lock: even a read is refused then. */
function isLocked(path: string): boolean {
  let probe: Database.Database;
  try {
    probe = new Database(path, { fileMustExist: true });
  } catch {
    return false; // never created: no service ever ran here
  }
  try {
    probe.pragma('busy_timeout = 0');
    probe.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (e) {
    if (isBusy(e)) return true;
    throw e;
  } finally {
    probe.close();
  }
}

function recordedOwner(db: Db): ServiceOwner | null {
  const row = db.prepare<[], { value: string }>("SELECT value FROM live_meta WHERE key = 'service'").get();
  return row ? (JSON.parse(row.value) as ServiceOwner) : null;
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
