/**
 * SQL for reading kline tables. Every identifier is quoted by quoteIdent; every value
 * (time bounds, page size, bucket width, origin) is a bound parameter.
 *
 * A page comes back as ONE row of six bytea columns, each the concatenation of
 * float8send() of its values (8 big-endian bytes per bar). node-postgres speaks only the
 * text protocol; parsing 600,000 text floats per 100,000 bars costs more than the whole
 * rest of a sync, while a hex bytea decodes natively. Row order is checked on the client.
 */
import type { KlineTable, OpenTimeKind } from './catalog';
import { qualifiedName, quoteIdent } from './sqlIdent';

/** Expression turning the open-time column into epoch ms (float8). */
function msExpr(col: string, kind: OpenTimeKind): string {
  switch (kind) {
    case 'timestamptz':
    case 'timestamp':
      // date_part gives float8 seconds; at today's epochs the ms are exact after rounding.
      return `round(date_part('epoch', ${col}) * 1000)`;
    case 'epoch_ms':
      return `${col}::float8`;
    case 'epoch_s':
      return `${col}::float8 * 1000`;
  }
}

/** Expression comparable with the open-time column for a bound parameter in epoch ms (keeps the index usable). */
function boundExpr(param: string, kind: OpenTimeKind): string {
  switch (kind) {
    case 'timestamptz':
      return `('epoch'::timestamptz + ${param}::bigint * interval '1 millisecond')`;
    case 'timestamp':
      return `('epoch'::timestamp + ${param}::bigint * interval '1 millisecond')`;
    case 'epoch_ms':
      return `${param}::bigint`;
    case 'epoch_s':
      return `ceil(${param}::numeric / 1000)::bigint`;
  }
}

/** Expression giving the open time as timestamptz (for date_bin/time_bucket). */
function tsExpr(col: string, kind: OpenTimeKind): string {
  switch (kind) {
    case 'timestamptz':
      return col;
    case 'timestamp':
      return `(${col} AT TIME ZONE 'UTC')`;
    case 'epoch_ms':
      return `('epoch'::timestamptz + ${col}::bigint * interval '1 millisecond')`;
    case 'epoch_s':
      return `to_timestamp(${col}::float8)`;
  }
}

function packed(cols: readonly string[]): string {
  return cols.map((c) => `string_agg(float8send(${c}), ''::bytea)`).join(', ');
}

const VALUES = ['o', 'h', 'l', 'c', 'v'] as const;

function valueSelect(t: KlineTable): string {
  const c = t.columns;
  // NaN for NULL keeps the six columns aligned; the client rejects it by name.
  return [c.open, c.high, c.low, c.close, c.volume].map((name, i) => `coalesce(${quoteIdent(name)}::float8, 'NaN') AS ${VALUES[i]}`).join(', ');
}

/** $1 = from ms (inclusive), $2 = to ms (exclusive), $3 = page size. */
export function pageQuery(t: KlineTable): string {
  const ot = quoteIdent(t.columns.openTime);
  return `SELECT ${packed(['t', ...VALUES])}
  FROM (SELECT ${msExpr(ot, t.openTimeKind)} AS t, ${valueSelect(t)}
          FROM ${qualifiedName(t.schema, t.table)}
         WHERE ${ot} >= ${boundExpr('$1', t.openTimeKind)} AND ${ot} < ${boundExpr('$2', t.openTimeKind)}
         ORDER BY ${ot}
         LIMIT $3) page`;
}

/**
 * True when a row can pass barProblem: no NaN (a NULL reads as NaN), no infinity,
 * positive prices, volume >= 0, high and low around open and close. A coarse filter only;
 * in PostgreSQL NaN compares greater than every number, hence the explicit tests.
 */
const suspectFree = `(o <> 'NaN' AND h <> 'NaN' AND l <> 'NaN' AND c <> 'NaN' AND v <> 'NaN'
    AND h < 'Infinity' AND v < 'Infinity' AND o > 0 AND h > 0 AND l > 0 AND c > 0 AND v >= 0
    AND l <= least(o, c) AND h >= greatest(o, c))`;

/** date_bin and time_bucket cut fixed widths; date_trunc cuts calendar months (neither date_bin nor a shared origin can). */
export type BucketFunction = 'date_bin' | 'time_bucket' | 'date_trunc';

/**
 * Server-side resample: $1 = the bucket (a width as an interval string; for date_trunc
 * a number of calendar months), $2 = origin ms (unused by date_trunc, which starts months
 * on the 1st, UTC), $3 = from ms, $4 = to ms. open = first, high = max, low = min,
 * close = last, volume = sum in time order (the same order the client sums in, so the
 * float sums match).
 */
export function resampleQuery(t: KlineTable, fn: BucketFunction): string {
  const ot = quoteIdent(t.columns.openTime);
  const ts = tsExpr(ot, t.openTimeKind);
  const origin = `('epoch'::timestamptz + $2::bigint * interval '1 millisecond')`;
  const utc = `(${ts} AT TIME ZONE 'UTC')`;
  // n months from January: the month's first day, less the months since the bucket began.
  // `$2 * 0` keeps the origin parameter typed for PostgreSQL, which refuses an unused one.
  const bucket =
    fn === 'date_bin' ? `date_bin($1::interval, ${ts}, ${origin})`
    : fn === 'time_bucket' ? `time_bucket($1::interval, ${ts}, ${origin})`
    : `((date_trunc('month', ${utc}) - make_interval(months => ((extract(month FROM ${utc})::int - 1) % $1::int) + ($2::bigint * 0)::int)) AT TIME ZONE 'UTC')`;
  // The 7th column, bad_ms, is the open time of the first source bar that may break the
  // candle rules: aggregates would hide it (a NULL close before the bucket's last bar, a
  // high below low under a higher high). The client re-reads that one bar and judges it
  // with the shared rule (barProblem), which also words the message.
  return `SELECT ${packed(['t', ...VALUES])}, min(bad) AS bad_ms
  FROM (SELECT round(date_part('epoch', b) * 1000) AS t,
               (array_agg(o ORDER BY ts))[1] AS o, max(h) AS h, min(l) AS l,
               (array_agg(c ORDER BY ts DESC))[1] AS c, sum(v ORDER BY ts) AS v,
               round(date_part('epoch', min(ts) FILTER (WHERE NOT ${suspectFree})) * 1000) AS bad
          FROM (SELECT ${bucket} AS b, ${ts} AS ts, ${valueSelect(t)}
                  FROM ${qualifiedName(t.schema, t.table)}
                 WHERE ${ot} >= ${boundExpr('$3', t.openTimeKind)} AND ${ot} < ${boundExpr('$4', t.openTimeKind)}) bars
         GROUP BY b
         ORDER BY b) buckets`;
}

/** Earliest and latest open time in the table, epoch ms (NULLs when empty). */
export function extentQuery(t: KlineTable): string {
  const ot = quoteIdent(t.columns.openTime);
  return `SELECT ${msExpr(`min(${ot})`, t.openTimeKind)} AS first_ms, ${msExpr(`max(${ot})`, t.openTimeKind)} AS last_ms FROM ${qualifiedName(t.schema, t.table)}`;
}
