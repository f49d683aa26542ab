/**
 * Discovers kline tables (and views, materialized views, TimescaleDB continuous
 * aggregates) from the PostgreSQL catalog. By default a table is
 * `{exchange}_{symbol}_kline_{interval}` (e.g. `binance_btcusdt_kline_1m`) with columns
 * open_time, open, high, low, close, volume; `open_time` may be timestamptz, timestamp
 * (read as UTC) or a number of epoch milliseconds. A mapping renames columns, changes
 * the table-name pattern, or lists tables explicitly.
 */
import type pg from 'pg';
import { z } from 'zod';
import { isInterval } from '../../../shared/market/interval';
import type { InstrumentKey } from '../../../shared/market/instrument';
import { instrument, InstrumentError } from '../../../shared/market/instrument';

export type OpenTimeKind = 'timestamptz' | 'timestamp' | 'epoch_ms' | 'epoch_s';

export interface KlineColumns {
  readonly openTime: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

export interface KlineTable {
  readonly key: InstrumentKey;
  readonly schema: string;
  readonly table: string;
  readonly columns: KlineColumns;
  readonly openTimeKind: OpenTimeKind;
}

export interface SkippedTable {
  readonly schema: string;
  readonly table: string;
  readonly reason: string;
}

export interface Catalog {
  readonly tables: readonly KlineTable[];
  /** Tables whose name matched but that cannot be read (missing column, unknown type). */
  readonly skipped: readonly SkippedTable[];
}

const columnsSchema = z.object({
  openTime: z.string().min(1), open: z.string().min(1), high: z.string().min(1),
  low: z.string().min(1), close: z.string().min(1), volume: z.string().min(1),
}).partial();

const openTimeKindSchema = z.enum(['timestamptz', 'timestamp', 'epoch_ms', 'epoch_s']);

export const sourceMappingSchema = z.object({
  /** Regular expression with named groups exchange, symbol and interval, matched against table names. */
  tablePattern: z.string().min(1).optional(),
  /** Schemas to search (default: every schema but the system ones). */
  schemas: z.array(z.string().min(1)).optional(),
  columns: columnsSchema.optional(),
  /** Overrides how a numeric open time is read (epoch_ms unless told epoch_s). */
  openTimeKind: openTimeKindSchema.optional(),
  /** Tables named explicitly, for layouts no pattern describes. */
  tables: z.array(z.object({
    exchange: z.string(), symbol: z.string(), interval: z.string(),
    schema: z.string().min(1).optional(), table: z.string().min(1),
    columns: columnsSchema.optional(), openTimeKind: openTimeKindSchema.optional(),
  })).optional(),
});

export type SourceMapping = z.infer<typeof sourceMappingSchema>;

export const DEFAULT_TABLE_PATTERN = '^(?<exchange>[a-z][a-z0-9]*)_(?<symbol>[a-z0-9]+)_kline_(?<interval>[1-9][0-9]*[smhdwM])$';

export const DEFAULT_COLUMNS: KlineColumns = { openTime: 'open_time', open: 'open', high: 'high', low: 'low', close: 'close', volume: 'volume' };

interface ColumnRow {
  table_schema: string;
  table_name: string;
  column_name: string;
  data_type: string;
}

export async function discoverKlineTables(client: pg.Client, mapping: SourceMapping = {}): Promise<Catalog> {
  const schemas = mapping.schemas ?? null;
  // pg_catalog rather than information_schema: the latter has no materialized views.
  // relkind r/p tables, v views (TimescaleDB continuous aggregates are views), m materialized
  // views, f foreign tables; partitions and TimescaleDB's internal schemas are left out.
  const res = await client.query<ColumnRow>(
    `SELECT n.nspname AS table_schema, c.relname AS table_name, a.attname AS column_name,
            format_type(a.atttypid, NULL) AS data_type
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        AND n.nspname NOT LIKE '\\_timescaledb%' AND n.nspname NOT LIKE 'timescaledb\\_%'
        AND has_table_privilege(c.oid, 'SELECT')
        AND ($1::text[] IS NULL OR n.nspname = ANY($1::text[]))
      ORDER BY n.nspname, c.relname, a.attnum`,
    [schemas],
  );
  const byTable = new Map<string, { schema: string; table: string; types: Map<string, string> }>();
  for (const r of res.rows) {
    const id = `${r.table_schema}\u0000${r.table_name}`;
    let t = byTable.get(id);
    if (!t) byTable.set(id, (t = { schema: r.table_schema, table: r.table_name, types: new Map() }));
    t.types.set(r.column_name, r.data_type);
  }
  const tables: KlineTable[] = [];
  const skipped: SkippedTable[] = [];
  const explicit = mapping.tables ?? [];
  const explicitNames = new Set(explicit.map((e) => `${e.schema ?? ''}\u0000${e.table}`));
  for (const e of explicit) {
    const found = [...byTable.values()].find((t) => t.table === e.table && (e.schema === undefined || t.schema === e.schema));
    if (!found) {
      skipped.push({ schema: e.schema ?? '', table: e.table, reason: 'listed in the mapping but not found in the database' });
      continue;
    }
    addTable(found, e.exchange, e.symbol, e.interval, { ...mapping.columns, ...e.columns }, e.openTimeKind ?? mapping.openTimeKind, tables, skipped);
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(mapping.tablePattern ?? DEFAULT_TABLE_PATTERN);
  } catch (err) {
    throw new Error(`mapping.tablePattern is not a valid regular expression: ${(err as Error).message}`);
  }
  for (const t of byTable.values()) {
    if (explicitNames.has(`${t.schema}\u0000${t.table}`) || explicitNames.has(`\u0000${t.table}`)) continue;
    const m = pattern.exec(t.table);
    if (!m?.groups) continue;
    const { exchange, symbol, interval } = m.groups;
    if (!exchange || !symbol || !interval) continue;
    addTable(t, exchange, symbol, interval, mapping.columns ?? {}, mapping.openTimeKind, tables, skipped);
  }
  tables.sort((a, b) => a.key.exchange.localeCompare(b.key.exchange) || a.key.symbol.localeCompare(b.key.symbol) || a.key.interval.localeCompare(b.key.interval));
  return { tables, skipped };
}

function addTable(
  t: { schema: string; table: string; types: Map<string, string> },
  exchange: string,
  symbol: string,
  interval: string,
  cols: Partial<KlineColumns>,
  kindOverride: OpenTimeKind | undefined,
  tables: KlineTable[],
  skipped: SkippedTable[],
): void {
  const skip = (reason: string): void => {
    skipped.push({ schema: t.schema, table: t.table, reason });
  };
  if (!isInterval(interval)) return skip(`interval "${interval}" is not an interval the cache supports`);
  let key: InstrumentKey;
  try {
    key = instrument(exchange, symbol, interval);
  } catch (e) {
    if (e instanceof InstrumentError) return skip(e.message);
    throw e;
  }
  const columns: KlineColumns = { ...DEFAULT_COLUMNS, ...cols };
  const missing = Object.values(columns).filter((c) => !t.types.has(c));
  if (missing.length) return skip(`missing column(s) ${missing.map((c) => `"${c}"`).join(', ')}`);
  const timeType = t.types.get(columns.openTime) ?? '';
  const kind = kindOf(timeType, kindOverride);
  if (!kind) return skip(`column "${columns.openTime}" has type ${timeType}; expected timestamptz, timestamp or an integer of epoch ms`);
  if (tables.some((x) => x.key.exchange === key.exchange && x.key.symbol === key.symbol && x.key.interval === key.interval)) {
    return skip(`another table already provides ${key.exchange}:${key.symbol}:${key.interval}`);
  }
  tables.push({ key, schema: t.schema, table: t.table, columns, openTimeKind: kind });
}

function kindOf(dataType: string, override: OpenTimeKind | undefined): OpenTimeKind | null {
  if (dataType === 'timestamp with time zone') return 'timestamptz';
  if (dataType === 'timestamp without time zone') return 'timestamp';
  if (['bigint', 'integer', 'numeric', 'double precision'].includes(dataType)) return override === 'epoch_s' ? 'epoch_s' : 'epoch_ms';
  return null;
}
