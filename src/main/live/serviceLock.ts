/**
 * At most one live service per local store: the running one records its pid in
 * live_meta; another `paper start` then only edits rows, which the service picks up.
 * A pid whose process is gone (kill -9, reboot) does not hold the lock.
 */
import type { Db } from '../data/db';

export interface ServiceOwner {
  readonly pid: number;
  readonly startedAt: number;
}

export function runningService(db: Db): ServiceOwner | null {
  const row = db.prepare<[], { value: string }>("SELECT value FROM live_meta WHERE key = 'service'").get();
  if (!row) return null;
  const owner = JSON.parse(row.value) as ServiceOwner;
  return owner.pid !== process.pid && isAlive(owner.pid) ? owner : null;
}

/** Claims the store for this process; returns the other owner when one is alive. */
export function claimService(db: Db): ServiceOwner | null {
  return db.transaction(() => {
    const other = runningService(db);
    if (other) return other;
    db.prepare("INSERT INTO live_meta(key, value) VALUES ('service', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify({ pid: process.pid, startedAt: Date.now() }));
    return null;
  }).immediate();
}

export function releaseService(db: Db): void {
  db.prepare("DELETE FROM live_meta WHERE key = 'service' AND json_extract(value, '$.pid') = ?").run(process.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
