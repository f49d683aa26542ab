/**
 * Every API method through the real WebSocket transport, against the real services:
 * a SQLite file in a temp dir, the bundled sample, backtests in worker threads.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { MAX_CLIENT_FRAME_BYTES, apiMethodNames } from '../../src/shared/api';
import { loadSample } from '../../src/main/data/candleFiles';
import { WsTestClient } from './wsTestClient';

let app: Headless;
let client: WsTestClient;
let wsUrl: string;
const FROM = Date.UTC(2022, 0, 1);
const TO = Date.UTC(2022, 11, 31, 23);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-ws-'));
  const staticDir = join(dir, 'static');
  writeFileSync(join(dir, 'placeholder'), '');
  await import('node:fs').then((fs) => fs.mkdirSync(staticDir));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await import('node:fs').then((fs) => fs.mkdirSync(join(dir, 'strategies')));
  writeFileSync(join(dir, 'strategies', 'broken.js'), 'export default { name: 42 };\n');
  app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  wsUrl = `ws://127.0.0.1:${app.server.port}/api`;
  client = await WsTestClient.open(wsUrl);
});

afterAll(async () => {
  client?.close();
  await app?.close();
});

describe('API over WebSocket', () => {
  it('app.info names the store the server was started with', async () => {
    const info = await client.call('app.info', {});
    expect(info.dbPath).toBe(app.services.dbPath);
    expect(info.live).toBe(false);
  });

  it('strategies.list returns the built-ins with parameter schemas', async () => {
    const list = await client.call('strategies.list', {});
    const rsi = list.find((s) => s.name === 'rsi');
    expect(rsi?.source).toBe('builtin');
    expect(rsi?.params.map((p) => p.name)).toContain('period');
    // A user file that fails to load is listed with its error instead of vanishing.
    const broken = list.find((s) => s.name === 'broken');
    expect(broken?.loadError).toMatch(/broken\.js is malformed/);
    expect(broken?.params).toEqual([]);
  });

  it('data.sources lists every bundled sample with its bar count and range', async () => {
    const sources = await client.call('data.sources', {});
    const h1 = sources.find((s) => s.spec === 'sample:BTCUSDT_1h');
    const sample = loadSample('BTCUSDT_1h');
    expect(h1).toMatchObject({ kind: 'sample', bars: sample.length, fromMs: sample.time[0], toMs: sample.time[sample.length - 1] });
  });

  it('data.candles returns the columns of a range, inclusive of both bounds', async () => {
    const c = await client.call('data.candles', { data: 'sample:BTCUSDT_1h', fromMs: FROM, toMs: TO });
    const s = loadSample('BTCUSDT_1h');
    const expected = Array.from(s.time).filter((t) => t >= FROM && t <= TO);
    expect(Array.from(c.time)).toEqual(expected);
    expect(c.close.length).toBe(expected.length);
    const i = Array.from(s.time).indexOf(expected[10]);
    expect(c.close[10]).toBe(s.close[i]);
  });

  it('indicators.compute matches a plain moving average of the same candles, null during warm-up', async () => {
    const catalog = await client.call('indicators.catalog', {});
    expect(catalog.map((i) => i.name)).toContain('sma');
    const c = await client.call('data.candles', { data: 'sample:BTCUSDT_1h', fromMs: FROM, toMs: TO });
    const sma = await client.call('indicators.compute', { data: 'sample:BTCUSDT_1h', name: 'sma', params: { period: 20 }, fromMs: FROM, toMs: TO });
    const out = sma.outputs.sma;
    expect(out.length).toBe(c.close.length);
    expect(out.slice(0, 19).every((v) => v === null)).toBe(true);
    for (const i of [19, 500, c.close.length - 1]) {
      const mean = c.close.slice(i - 19, i + 1).reduce((a, b) => a + b, 0) / 20;
      expect(out[i]).toBeCloseTo(mean, 6);
    }
  });

  it('backtest.run streams progress for its jobId, saves the run, and runs.* read and delete it', async () => {
    const request = { data: 'sample:BTCUSDT_1h', strategy: 'rsi', params: { period: 14 }, broker: { cash: 10_000, commission: 0.001 }, fromMs: FROM, toMs: TO };
    const run = await client.call('backtest.run', { jobId: 'job-a', request });
    const progress = client.frames.filter((f) => f.type === 'event' && f.topic === 'backtest.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((f) => f.type === 'event' && (f.payload as { jobId: string }).jobId === 'job-a')).toBe(true);
    const c = await client.call('data.candles', { data: 'sample:BTCUSDT_1h', fromMs: FROM, toMs: TO });
    expect(run.barCount).toBe(c.time.length);
    expect(run.equity.length).toBe(run.barCount);
    expect(run.dataFrom).toBe(c.time[0]);
    expect(typeof run.stats['Return [%]']).toBe('number');
    expect(run.stats['# Trades']).toBe(run.trades.length);

    const listed = await client.call('runs.list', {});
    expect(listed.map((r) => r.id)).toContain(run.id);
    const again = await client.call('runs.get', { id: run.id });
    expect(again.stats).toEqual(run.stats);
    expect(again.trades).toEqual(run.trades);
    // The chart reloads a run's candles from its canonical data source.
    const reloaded = await client.call('data.candles', { data: run.dataSource, fromMs: run.dataFrom, toMs: run.dataTo });
    expect(reloaded.time.length).toBe(run.barCount);

    expect(await client.call('runs.delete', { id: run.id })).toEqual({ deleted: true });
    const gone = await client.raw('runs.get', { id: run.id });
    expect(gone.type === 'error' && gone.error.kind).toBe('not-found');
    expect(await client.call('runs.delete', { id: run.id })).toEqual({ deleted: false });
  });

  it('backtest.cancel stops a running job, whose call then fails as cancelled', async () => {
    const request = { data: 'sample:ETHUSDT_1m', strategy: 'sma_cross', params: {}, broker: {} };
    const pending = client.raw('backtest.run', { jobId: 'job-cancel', request });
    await client.next((f) => f.type === 'event' && (f.payload as { jobId: string }).jobId === 'job-cancel');
    expect(await client.call('backtest.cancel', { jobId: 'job-cancel' })).toEqual({ cancelled: true });
    const f = await pending;
    expect(f.type === 'error' && f.error.kind).toBe('cancelled');
    expect(await client.call('backtest.cancel', { jobId: 'job-cancel' })).toEqual({ cancelled: false });
  });

  it('a backtest on bad input fails with the service message, not a crash', async () => {
    const f = await client.raw('backtest.run', { jobId: 'job-bad', request: { data: 'sample', strategy: 'no_such_strategy', params: {}, broker: {} } });
    expect(f.type === 'error' && f.error.message).toMatch(/unknown strategy "no_such_strategy"/);
    // The request's fault, said so: a user error, not 'internal'.
    expect(f.type === 'error' && f.error.kind).toBe('invalid-argument');
  });

  it('settings.secrets stores a password beside the store, owner-only, and never sends it back', async () => {
    const before = await client.call('settings.secrets.status', {});
    expect(before).toEqual({ store: 'file', available: true, stored: { 'postgres.password': false, 'kafka.password': false } });
    const after = await client.call('settings.secrets.set', { name: 'postgres.password', value: 's3cret' });
    expect(after.stored['postgres.password']).toBe(true);
    expect(JSON.stringify(after)).not.toContain('s3cret');
    const { statSync } = await import('node:fs');
    const { dirname, join: joinPath } = await import('node:path');
    expect(statSync(joinPath(dirname(app.services.dbPath), 'secrets.json')).mode & 0o777).toBe(0o600);
    const cleared = await client.call('settings.secrets.set', { name: 'postgres.password', value: null });
    expect(cleared.stored['postgres.password']).toBe(false);
    const bad = await client.raw('settings.secrets.set', { name: 'root.password', value: 'x' });
    expect(bad.type === 'error' && bad.error.kind).toBe('invalid-argument');
  });

  it('live.status says the live service is absent and why; live.alerts is empty', async () => {
    const s = await client.call('live.status', {});
    expect(s.available).toBe(false);
    expect(s.reason).toMatch(/KAFKA_BROKERS/);
    expect(await client.call('live.alerts', {})).toEqual([]);
  });

  it('every method of the contract answers over the transport (none is unknown to the server)', async () => {
    for (const m of apiMethodNames) {
      const f = await client.raw(m, { __probe: true });
      expect(f.type === 'error' && f.error.kind, m).toBe('invalid-argument');
    }
  });
});

describe('malformed traffic gets an error reply and never stops the server', () => {
  it('rejects text that is not JSON, frames of the wrong shape, and binary frames', async () => {
    const c = await WsTestClient.open(wsUrl);
    c.sendRaw('{not json');
    c.sendRaw(JSON.stringify([1, 2]));
    c.sendRaw(JSON.stringify({ type: 'call', id: 'x', method: 'app.info' }));
    c.sendRaw(JSON.stringify({ type: 'sub', topic: 'no.such.topic' }));
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await c.next(() => c.frames.length >= 5);
    expect(c.frames.map((f) => f.type === 'error' && f.error.kind)).toEqual(['bad-message', 'bad-message', 'bad-message', 'bad-message', 'bad-message']);
    expect((await c.call('app.info', {})).name).toMatch(/CryptoTA/);
    c.close();
  });

  it('names an unknown method', async () => {
    const f = await client.raw('system.exec', { cmd: 'rm -rf /' });
    expect(f.type === 'error' && f.error).toMatchObject({ kind: 'unknown-method', message: 'unknown method "system.exec"' });
  });

  it('validates arguments before any handler runs, listing each issue', async () => {
    const runsBefore = await client.call('runs.list', {});
    const f = await client.raw('runs.get', { id: 'seven' });
    expect(f.type === 'error' && f.error.kind).toBe('invalid-argument');
    expect(f.type === 'error' && f.error.issues?.[0]).toMatch(/^id: /);
    const extra = await client.raw('runs.list', { limit: 5, sql: 'drop table runs' });
    expect(extra.type === 'error' && extra.error.kind).toBe('invalid-argument');
    const nan = await client.raw('backtest.run', { jobId: 'j', request: { data: 'sample', strategy: 'rsi', params: {}, broker: { cash: -5 } } });
    expect(nan.type === 'error' && nan.error.issues?.join()).toMatch(/request\.broker\.cash/);
    // The store is untouched by rejected requests: no run was saved or removed.
    expect(await client.call('runs.list', {})).toEqual(runsBefore);
  });

  it('answers an oversized message with too-large and keeps the connection', async () => {
    const c = await WsTestClient.open(wsUrl);
    const big = JSON.stringify({ type: 'call', id: 1, method: 'runs.list', arg: { pad: 'x'.repeat(MAX_CLIENT_FRAME_BYTES) } });
    c.sendRaw(big);
    const f = await c.next((x) => x.type === 'error');
    expect(f.type === 'error' && f.error.kind).toBe('too-large');
    expect((await c.call('app.info', {})).name).toMatch(/CryptoTA/);
    c.close();
  });

  it('closes a connection that sends a huge frame (1009) while other clients carry on', async () => {
    const c = await WsTestClient.open(wsUrl);
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.ws.on('error', () => {});
    c.sendRaw('x'.repeat(MAX_CLIENT_FRAME_BYTES * 5));
    expect(await closed).toBe(1009);
    expect((await client.call('app.info', {})).name).toMatch(/CryptoTA/);
  });
});
