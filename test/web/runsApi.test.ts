/**
 * runs.* through the real WebSocket transport and the real services over a SQLite file:
 * rename and tag a run, find it by search and filters, count and list the tags; a bad
 * tag or an unknown run is the user's error, named, and changes nothing.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { openDb, type Db } from '../../src/main/data/db';
import { RunStore, type NewRun } from '../../src/main/research/runStore';
import { WsTestClient } from './wsTestClient';

let app: Headless;
let client: WsTestClient;
let db: Db;

function run(extra: Partial<NewRun>): NewRun {
  return {
    kind: 'backtest', strategy: 'sma_cross', params: { n1: 10, n2: 20 }, broker: { cash: 10_000 }, dataSource: 'sample:BTCUSDT_1h',
    data: { from: 0, to: 3_600_000, bars: 2, hash: 'h' }, stats: { 'Return [%]': 1 }, equity: new Float64Array([10_000, 10_100]), trades: [], ...extra,
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-runs-api-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  // Runs written by a second handle on the same file, as the CLI would while the app is open.
  db = openDb(join(dir, 'store.sqlite'));
  const store = new RunStore(db);
  store.save(run({}));
  store.save(run({ strategy: 'rsi', params: { period: 14 }, stats: { 'Return [%]': 5 } }));
  store.save(run({ kind: 'optimize', params: { n1: 5, n2: 60 }, stats: { 'Return [%]': -1 } }));
  client = await WsTestClient.open(`ws://127.0.0.1:${app.server.port}/api`);
});

afterAll(async () => {
  client?.close();
  db?.close();
  await app?.close();
});

describe('runs API over WebSocket', () => {
  it('renames and tags a run, and the history finds it by name, tag and parameters', async () => {
    expect(await client.call('runs.update', { id: 1, name: 'baseline' })).toMatchObject({ id: 1, label: 'baseline', tags: [] });
    expect(await client.call('runs.update', { id: 1, tags: ['keep', 'btc'] })).toMatchObject({ label: 'baseline', tags: ['btc', 'keep'] });
    await client.call('runs.update', { id: 2, tags: ['keep'] });

    expect((await client.call('runs.list', { query: 'baseline' })).map((r) => r.id)).toEqual([1]);
    expect((await client.call('runs.list', { tag: 'keep' })).map((r) => r.id)).toEqual([2, 1]);
    expect((await client.call('runs.list', { query: 'n1=5' })).map((r) => r.id)).toEqual([3]);
    expect((await client.call('runs.list', { kind: 'optimize' })).map((r) => r.id)).toEqual([3]);
    expect((await client.call('runs.list', { sort: 'return', dir: 'desc', limit: 2 })).map((r) => r.id)).toEqual([2, 1]);
    expect(await client.call('runs.count', { strategy: 'sma_cross' })).toEqual({ total: 2 });
    expect(await client.call('runs.tags', {})).toEqual([{ tag: 'keep', runs: 2 }, { tag: 'btc', runs: 1 }]);
    expect((await client.call('runs.get', { id: 1 })).tags).toEqual(['btc', 'keep']);
  });

  it('refuses a bad tag, an empty update, a bad sort and an unknown run, naming the input', async () => {
    await expect(client.call('runs.update', { id: 1, tags: ['two words'] })).rejects.toThrow(/invalid-argument: .*tag "two words" may hold only/);
    await expect(client.call('runs.update', { id: 1 })).rejects.toThrow(/invalid-argument: .*give a new name or tags/);
    await expect(client.raw('runs.list', { sort: 'colour' }).then((f) => (f.type === 'error' ? f.error.kind : 'ok'))).resolves.toBe('invalid-argument');
    await expect(client.call('runs.update', { id: 99, name: 'x' })).rejects.toThrow(/not-found: run 99 does not exist/);
    expect((await client.call('runs.get', { id: 1 })).tags).toEqual(['btc', 'keep']);
  });
});
