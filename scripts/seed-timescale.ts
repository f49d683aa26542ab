/**
 * Seeds a TimescaleDB/PostgreSQL with kline tables shaped as the upstream
 * CryptoMarketData service makes them, filled from the real Binance data bundled in
 * resources/sample: binance_btcusdt_kline_1m, binance_ethusdt_kline_1m,
 * binance_btcusdt_kline_1h (hypertables when the timescaledb extension is installed).
 *
 *   docker compose up -d timescaledb
 *   PGHOST=localhost PGUSER=postgres PGPASSWORD=postgres npm run seed:timescale
 *
 * Connection: the PG* environment variables (database defaults to market_data, created
 * when missing). Safe to run twice: existing bars are left alone.
 */
import pg from 'pg';
import { loadSample, sampleNames } from '../src/main/data/candleFiles';
import { instrument } from '../src/main/data/instrument';
import { intervalMs } from '../src/main/data/intervals';
import { createKlineTable, insertKlines } from '../src/main/data/timescale/seedTables';
import { describeSettings, loadPgSettings } from '../src/main/data/timescale/settings';
import { quoteIdent } from '../src/main/data/timescale/sqlIdent';
import { classifyPgError } from '../src/main/data/timescale/sourceErrors';

const settings = loadPgSettings();

async function main(): Promise<void> {
  await ensureDatabase();
  const client = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, password: settings.password, database: settings.database });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS timescaledb').catch(() => console.log('(no timescaledb extension here: plain PostgreSQL tables)'));
    for (const name of sampleNames()) {
      const m = /^([A-Z0-9]+)_(\w+)$/.exec(name);
      if (!m) continue;
      const key = instrument('binance', m[1], m[2]);
      const table = await createKlineTable(client, key, { hypertable: true });
      const candles = loadSample(name);
      const n = await insertKlines(client, table, candles, intervalMs(key.interval));
      console.log(`${table}: ${n} new row(s) of ${candles.length}`);
    }
  } finally {
    await client.end();
  }
  console.log(`seeded ${describeSettings(settings)}; try: cryptota sources ls`);
}

/** Creates the database when it does not exist (connecting to `postgres` to do it). */
async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ host: settings.host, port: settings.port, user: settings.user, password: settings.password, database: 'postgres' });
  await admin.connect();
  try {
    const r = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [settings.database]);
    if (!r.rowCount) {
      await admin.query(`CREATE DATABASE ${quoteIdent(settings.database)}`);
      console.log(`created database ${settings.database}`);
    }
  } finally {
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(`seed-timescale: ${classifyPgError(e, settings, true).message}`);
  process.exitCode = 1;
});
