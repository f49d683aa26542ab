import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../data/db';
import { claimService, releaseService, runningService } from './serviceLock';

const dirs: string[] = [];
const dbs: Db[] = [];

function store(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-lock-'));
  dirs.push(dir);
  return join(dir, 'workstation.sqlite');
}

function open(file: string): Db {
  const db = openDb(file);
  dbs.push(db);
  return db;
}

afterEach(() => {
  for (const db of dbs.splice(0)) {
    releaseService(db);
    db.close();
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('service lock', () => {
  it('is free on a new store, taken by a claim, re-entrant within the holding process, free after release', () => {
    const file = store();
    const a = open(file);
    expect(runningService(a)).toBeNull();
    expect(claimService(a)).toBeNull();
    // The holder does not see itself as another service, through any handle on the store.
    expect(claimService(a)).toBeNull();
    const b = open(file);
    expect(runningService(b)).toBeNull();
    expect(a.prepare("SELECT value FROM live_meta WHERE key = 'service'").get()).toMatchObject({ value: expect.stringContaining(`"pid":${process.pid}`) });
    releaseService(a);
    expect(a.prepare("SELECT value FROM live_meta WHERE key = 'service'").get()).toBeUndefined();
    expect(claimService(b)).toBeNull();
  });

  it('ignores a recorded owner that holds no lock (a dead process)', () => {
    const file = store();
    const a = open(file);
    a.prepare("INSERT INTO live_meta(key, value) VALUES ('service', ?)").run(JSON.stringify({ pid: process.pid, startedAt: 1 }));
    expect(runningService(a)).toBeNull();
    expect(claimService(a)).toBeNull();
  });
});
