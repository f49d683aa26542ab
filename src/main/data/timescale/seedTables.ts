/**
 * Creates and fills kline tables shaped as the upstream CryptoMarketData service makes
 * them (`{exchange}_{symbol}_kline_{interval}`), for the seed script, tests and the
 * benchmark. Values go in as bound arrays through unnest(), never as SQL text.
 */
import type pg from 'pg';
import type { Candles } from '../../engine/candles';
import type { InstrumentKey } from '../../../shared/market/instrument';
import { quoteIdent } from './sqlIdent';

export interface SeedTableOptions {
  /** `timestamptz` (the service's default) or `epoch_ms` (a bigint column). */
  readonly openTime?: 'timestamptz' | 'epoch_ms';
  /** SQL type of the price and volume columns. */
  readonly valueType?: 'double precision' | 'numeric';
  /** Make it a hypertable when the timescaledb extension is installed. */
  readonly hypertable?: boolean;
  readonly table?: string;
  readonly schema?: string;
  /**
   * false: no key on open_time, as upstream hypertables written at-least-once often are
   * (duplicate open times possible). Default true.
   */
  readonly primaryKey?: boolean;
}

export function klineTableName(key: InstrumentKey): string {
  return `${key.exchange}_${key.symbol.toLowerCase()}_kline_${key.interval}`;
}

export async function createKlineTable(client: pg.Client, key: InstrumentKey, opts: SeedTableOptions = {}): Promise<string> {
  const table = opts.table ?? klineTableName(key);
  const name = `${quoteIdent(opts.schema ?? 'public')}.${quoteIdent(table)}`;
  const timeType = opts.openTime === 'epoch_ms' ? 'bigint' : 'timestamptz';
  const v = opts.valueType ?? 'double precision';
  await client.query(`CREATE TABLE IF NOT EXISTS ${name} (
    open_time ${timeType} NOT NULL${opts.primaryKey === false ? '' : ' PRIMARY KEY'},
    open ${v} NOT NULL, high ${v} NOT NULL, low ${v} NOT NULL, close ${v} NOT NULL, volume ${v} NOT NULL,
    close_time ${timeType}, quote_volume ${v}, trades bigint)`);
  if (opts.hypertable) {
    const ext = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`);
    if (ext.rowCount) await client.query(`SELECT create_hypertable($1::regclass, 'open_time', if_not_exists => true, migrate_data => true)`, [name]);
  }
  return table;
}

/**
 * Inserts bars in chunks of `chunk` rows. Existing open times are left alone, unless
 * `duplicates` is set (for a table without a key: the rows are added again).
 */
export async function insertKlines(client: pg.Client, table: string, c: Candles, intervalMs: number, opts: { openTime?: 'timestamptz' | 'epoch_ms'; schema?: string; chunk?: number; duplicates?: boolean } = {}): Promise<number> {
  const name = `${quoteIdent(opts.schema ?? 'public')}.${quoteIdent(table)}`;
  const toTs = (p: string) => (opts.openTime === 'epoch_ms' ? `(${p})::bigint` : `'epoch'::timestamptz + (${p})::bigint * interval '1 millisecond'`);
  const sql = `INSERT INTO ${name} (open_time, open, high, low, close, volume, close_time)
    SELECT ${toTs('t')}, o, h, l, c, v, ${toTs('t + $7::bigint - 1')}
      FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS u(t, o, h, l, c, v)
    ${opts.duplicates ? '' : 'ON CONFLICT (open_time) DO NOTHING'}`;
  const chunk = opts.chunk ?? 50_000;
  let inserted = 0;
  for (let a = 0; a < c.length; a += chunk) {
    const b = Math.min(c.length, a + chunk);
    const arr = (x: Float64Array) => Array.from(x.subarray(a, b));
    const r = await client.query(sql, [arr(c.time), arr(c.open), arr(c.high), arr(c.low), arr(c.close), arr(c.volume), intervalMs]);
    inserted += r.rowCount ?? 0;
  }
  return inserted;
}
