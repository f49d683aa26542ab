/**
 * The upstream TimescaleDB/PostgreSQL as a candle source: connect with a clear error
 * for each way it can fail, list kline tables, stream a range page by page (keyset on
 * the open time, so ten million rows never sit in one result), and resample on the
 * server (time_bucket with timescaledb, date_bin on plain PostgreSQL).
 */
import pg from 'pg';
import type { BarColumns } from '../cache/blocks';
import { sortDedupe } from '../cache/blocks';
import { barProblem, describeBarProblem } from '../../../shared/market/candleRules';
import type { TimeRange } from '../cache/ranges';
import { barGrid, bucketOriginMs, type BarGrid } from '../../../shared/market/interval';
import type { InstrumentKey } from '../../../shared/market/instrument';
import { instrumentLabel } from '../../../shared/market/instrument';
import type { Catalog, KlineTable, SourceMapping } from './catalog';
import { discoverKlineTables } from './catalog';
import type { BucketFunction } from './klineQueries';
import { extentQuery, pageQuery, resampleQuery } from './klineQueries';
import type { PgSettings } from './settings';
import { clientQueryTimeoutMs, describeSettings } from './settings';
import { classifyPgError, SourceError } from './sourceErrors';

export interface StreamProgress {
  /** Bars received so far in this stream. */
  readonly rows: number;
  /** Open time reached (the stream is complete up to here), epoch ms. */
  readonly reachedMs: number;
  readonly range: TimeRange;
}

export interface StreamOptions {
  /** Bars per page (default 100,000). */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: StreamProgress) => void;
}

/** One page: bars sorted by open time, and the time range they complete. */
export interface BarPage {
  readonly bars: BarColumns;
  /** Every bar the source has in [covered.fromMs, covered.toMs) is in this or an earlier page. */
  readonly covered: TimeRange;
}

export interface ConnectionReport {
  readonly server: string;
  readonly serverVersion: string;
  /** timescaledb extension version, or null on plain PostgreSQL. */
  readonly timescaledb: string | null;
  readonly catalog: Catalog;
}

export const DEFAULT_PAGE_SIZE = 100_000;

const CLOSE_WAIT_MS = 1_000;


export class TimescaleSource {
  private catalogCache: Catalog | null = null;

  private constructor(
    readonly settings: PgSettings,
    private readonly client: pg.Client,
    readonly timescaledb: string | null,
    readonly serverVersion: string,
    private readonly mapping: SourceMapping,
  ) {}

  /**
   * Connects, or throws a SourceError naming the problem (unreachable, auth, database...).
   * sslmode prefer/allow try a second way when the first is refused for its encryption.
   */
  static async connect(settings: PgSettings, mapping: SourceMapping = {}): Promise<TimescaleSource> {
    const encrypted = { rejectUnauthorized: false } as const;
    if (settings.ssl === 'prefer') {
      try {
        return await TimescaleSource.connectOnce(settings, mapping, encrypted);
      } catch (e) {
        if (!(e instanceof SourceError && e.kind === 'ssl')) throw e;
        return TimescaleSource.connectOnce(settings, mapping, false);
      }
    }
    if (settings.ssl === 'allow') {
      try {
        return await TimescaleSource.connectOnce(settings, mapping, false);
      } catch (e) {
        // pg_hba answers a plain connection it only accepts with SSL by "... no encryption".
        if (!(e instanceof SourceError && e.kind === 'auth_failed' && /no encryption/i.test(e.message))) throw e;
        return TimescaleSource.connectOnce(settings, mapping, encrypted);
      }
    }
    return TimescaleSource.connectOnce(settings, mapping, settings.ssl === false ? false : settings.ssl === 'no-verify' ? encrypted : true);
  }

  private static async connectOnce(settings: PgSettings, mapping: SourceMapping, ssl: pg.ClientConfig['ssl']): Promise<TimescaleSource> {
    const client = new pg.Client({
      host: settings.host,
      port: settings.port,
      database: settings.database,
      user: settings.user,
      password: settings.password,
      ssl,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      statement_timeout: settings.statementTimeoutMs || undefined,
      // A frozen server or a silently dropped connection never answers: the server's own
      // statement_timeout cannot help, so the client gives up too (and the sync retries).
      query_timeout: clientQueryTimeoutMs(settings),
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'cryptota',
    });
    // Without a listener, a server that dies between queries would crash the process;
    // the failure surfaces on the next query instead.
    client.on('error', () => {});
    try {
      await client.connect();
      const v = await client.query<{ version: string; ext: string | null }>(
        `SELECT current_setting('server_version') AS version, (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS ext`,
      );
      return new TimescaleSource(settings, client, v.rows[0].ext, v.rows[0].version, mapping);
    } catch (e) {
      await client.end().catch(() => {});
      throw classifyPgError(e, settings, true);
    }
  }

  /** Connects, lists the kline tables, and fails with `no_kline_tables` when there are none. */
  static async test(settings: PgSettings, mapping: SourceMapping = {}): Promise<ConnectionReport> {
    const src = await TimescaleSource.connect(settings, mapping);
    try {
      const catalog = await src.catalog();
      if (catalog.tables.length === 0) {
        const skipped = catalog.skipped.length ? `; skipped: ${catalog.skipped.map((s) => `${s.table} (${s.reason})`).join('; ')}` : '';
        throw new SourceError('no_kline_tables', `connected to ${describeSettings(settings)}, but found no kline tables named like binance_btcusdt_kline_1m with columns open_time, open, high, low, close, volume (map other names in sources.json)${skipped}`);
      }
      return { server: describeSettings(settings), serverVersion: src.serverVersion, timescaledb: src.timescaledb, catalog };
    } finally {
      await src.close();
    }
  }

  async catalog(refresh = false): Promise<Catalog> {
    if (!this.catalogCache || refresh) this.catalogCache = await this.run(() => discoverKlineTables(this.client, this.mapping));
    return this.catalogCache;
  }

  /** The table holding an instrument, or undefined. */
  async findTable(key: InstrumentKey): Promise<KlineTable | undefined> {
    const cat = await this.catalog();
    return cat.tables.find((t) => t.key.exchange === key.exchange && t.key.symbol === key.symbol && t.key.interval === key.interval);
  }

  /** As findTable, or a `table_missing` error listing what the source has for the symbol. */
  async requireTable(key: InstrumentKey): Promise<KlineTable> {
    const t = await this.findTable(key);
    if (t) return t;
    const cat = await this.catalog();
    const same = cat.tables.filter((x) => x.key.exchange === key.exchange && x.key.symbol === key.symbol).map((x) => x.key.interval);
    const hint = same.length ? `it has ${key.exchange}:${key.symbol} at ${same.join(', ')}` : `it has ${cat.tables.length} kline table(s)${cat.tables.length ? `, e.g. ${cat.tables.slice(0, 5).map((x) => instrumentLabel(x.key)).join(', ')}` : ''}`;
    throw new SourceError('table_missing', `no kline table for ${instrumentLabel(key)} in ${describeSettings(this.settings)}; ${hint}`);
  }

  /** First and last open time in a table (undefined when empty). */
  async extent(t: KlineTable): Promise<TimeRange | undefined> {
    const r = await this.run(() => this.client.query<{ first_ms: number | null; last_ms: number | null }>({ text: extentQuery(t), types: floatTypes }));
    const row = r.rows[0];
    if (row.first_ms === null || row.last_ms === null) return undefined;
    return { fromMs: Number(row.first_ms), toMs: barGrid(t.key.interval).end(Number(row.last_ms)) };
  }

  /**
   * Streams the bars of `t` with open time in `range`, page by page. The next page is
   * requested before the current one is handed out, so the server works while the
   * caller writes. Throws SourceError('cancelled') when the signal fires.
   */
  async *stream(t: KlineTable, range: TimeRange, opts: StreamOptions = {}): AsyncGenerator<BarPage> {
    const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    const text = pageQuery(t);
    const fetchPage = (fromMs: number) => this.run(() => this.client.query<PackedRow>({ text, values: [fromMs, range.toMs, pageSize], rowMode: 'array' }));
    let rows = 0;
    let cursor = range.fromMs;
    let pending: Promise<pg.QueryResult<PackedRow>> | null = cursor < range.toMs ? fetchPage(cursor) : null;
    try {
      while (pending) {
        throwIfAborted(opts.signal);
        const { bars, received } = unpack((await pending).rows[0], `${t.schema}.${t.table}`);
        // "Was the page full?" is decided on the rows the server returned: tables without a
        // unique key may repeat an open time, and de-duplicating first would look like the end.
        const full = received >= pageSize;
        const last = bars.length ? bars.time[bars.length - 1] : cursor;
        // A short page means the source has nothing more in the range *yet*: claim up to
        // the end of its last bar only, so bars the upstream writes later (it may lag)
        // are still fetched by the next sync.
        const coveredTo = full ? last + 1 : bars.length ? Math.min(range.toMs, barGrid(t.key.interval).end(last)) : cursor;
        pending = full && coveredTo < range.toMs ? fetchPage(coveredTo) : null;
        rows += bars.length;
        const page: BarPage = { bars, covered: { fromMs: cursor, toMs: coveredTo } };
        cursor = coveredTo;
        yield page;
        opts.onProgress?.({ rows, reachedMs: coveredTo, range });
      }
    } finally {
      // A page still in flight when the caller stops must not become an unhandled rejection.
      pending?.catch(() => {});
    }
  }

  /**
   * Streams `t` resampled on the server to `targetInterval`, in windows of `pageSize`
   * buckets. The range is widened to whole buckets. `fn` defaults to time_bucket when
   * the timescaledb extension is installed, date_bin otherwise.
   */
  async *streamResampled(t: KlineTable, targetInterval: string, range: TimeRange, opts: StreamOptions & { fn?: BucketFunction } = {}): AsyncGenerator<BarPage> {
    const target = barGrid(targetInterval);
    if (!target.isMadeOf(barGrid(t.key.interval))) throw new Error(`cannot resample ${t.key.interval} bars to ${targetInterval}: each target bar must be made of whole source bars`);
    const fn = bucketFunctionFor(target, opts.fn ?? (this.timescaledb ? 'time_bucket' : 'date_bin'));
    if (fn === 'time_bucket' && !this.timescaledb) throw new SourceError('other', 'time_bucket needs the timescaledb extension, which this server does not have; use date_bin');
    const from = target.start(range.fromMs);
    const to = target.end(range.toMs - 1);
    const perPage = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    const text = resampleQuery(t, fn);
    const bucketParams = target.fixedMs === null ? [target.months, 0] : [`${target.fixedMs} milliseconds`, bucketOriginMs(target.fixedMs)];
    // A bucket is complete once the source holds a bar at or after its end: the last bucket
    // of a table that lags the clock would otherwise be cached from part of its bars and
    // never fetched again. Buckets from `complete` on are left for a later sync.
    const extent = await this.extent(t);
    const complete = extent ? target.start(extent.toMs) : from;
    let rows = 0;
    for (let a = from; a < Math.min(to, complete); a = target.add(a, perPage)) {
      throwIfAborted(opts.signal);
      const b = Math.min(to, complete, target.add(a, perPage));
      const res = await this.run(() => this.client.query<PackedRow>({ text, values: [...bucketParams, a, b], rowMode: 'array' }));
      const badMs = res.rows[0]?.[6];
      if (badMs !== null && badMs !== undefined) await this.rejectSourceBar(t, Number(badMs));
      const { bars } = unpack(res.rows[0], `${t.schema}.${t.table}`);
      rows += bars.length;
      // As in stream(): never claim past the last bucket the server returned.
      const end = bars.length ? Math.min(b, target.end(bars.time[bars.length - 1])) : a;
      yield { bars, covered: { fromMs: a, toMs: end } };
      opts.onProgress?.({ rows, reachedMs: b, range: { fromMs: from, toMs: to } });
    }
  }

  /** Throws bad_data for the source bar at `timeMs`, which the resample query flagged. */
  private async rejectSourceBar(t: KlineTable, timeMs: number): Promise<never> {
    const res = await this.run(() => this.client.query<PackedRow>({ text: pageQuery(t), values: [timeMs, timeMs + 1, 1], rowMode: 'array' }));
    unpack(res.rows[0], `${t.schema}.${t.table}`); // throws with the shared rule's message
    throw new SourceError('bad_data', `${t.schema}.${t.table} bar at ${new Date(timeMs).toISOString()} fails the candle checks`);
  }

  /**
   * Ends the connection. A graceful end waits for the server's reply, which a frozen
   * server never sends: after CLOSE_WAIT_MS the socket is destroyed instead.
   */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ended = this.client.end().then(() => true, () => true);
    const waited = new Promise<boolean>((resolveWait) => {
      timer = setTimeout(() => resolveWait(false), CLOSE_WAIT_MS);
    });
    const clean = await Promise.race([ended, waited]);
    clearTimeout(timer);
    if (!clean) this.client.connection.stream.destroy();
  }

  private async run<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw classifyPgError(e, this.settings, false);
    }
  }
}

/** Six packed bytea columns; a resample adds a 7th, bad_ms (a number or null). */
type PackedRow = (Buffer | number | null)[];

const floatTypes = { getTypeParser: () => (v: string) => Number(v) } as unknown as pg.CustomTypesConfig;

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SourceError('cancelled', 'cancelled');
}

/**
 * Six packed big-endian float8 columns → typed arrays, checked and sorted by time, with
 * duplicate open times merged; `received` is the number of rows before merging.
 */
function unpack(row: PackedRow | undefined, table: string): { bars: BarColumns; received: number } {
  if (!row || row[0] === null) {
    const z = new Float64Array(0);
    return { bars: { time: z, open: z, high: z, low: z, close: z, volume: z, length: 0 }, received: 0 };
  }
  const cols = row.slice(0, 6).map((buf) => beDoubles(buf as Buffer));
  const n = cols[0].length;
  const bars = sortDedupe({ time: cols[0], open: cols[1], high: cols[2], low: cols[3], close: cols[4], volume: cols[5], length: n }).bars;
  for (let i = 0; i < bars.length; i++) {
    const bad = barProblem(bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
    if (bad) {
      const hint = /NaN/.test(bad.reason) ? ' (NULL in the table)' : '';
      throw new SourceError('bad_data', describeBarProblem(`${table} bar at ${new Date(bars.time[i]).toISOString()}`, bad) + hint);
    }
  }
  return { bars, received: n };
}

function beDoubles(buf: Buffer): Float64Array {
  // Copy into an aligned buffer we own, swap to little-endian in place, view as doubles.
  const copy = Buffer.allocUnsafeSlow(buf.length);
  buf.copy(copy);
  copy.swap64();
  return new Float64Array(copy.buffer, copy.byteOffset, copy.length / 8);
}

/** Calendar months are cut by date_trunc whatever was asked; fixed widths never are. */
function bucketFunctionFor(target: BarGrid, asked: BucketFunction): BucketFunction {
  if (target.fixedMs === null) return 'date_trunc';
  if (asked === 'date_trunc') throw new Error(`date_trunc cuts calendar months only; ${target.interval} needs date_bin or time_bucket`);
  return asked;
}
