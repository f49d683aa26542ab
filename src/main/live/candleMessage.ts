/**
 * Decoding and strict validation of one `market_data_stream` message. Two payloads are
 * accepted (numbers may be JSON numbers or decimal strings):
 *  - the canonical candle: {"symbol","interval","openTime","open","high","low","close","volume","closed"}
 *    (optional "exchange", "closeTime"), also in the snake_case spelling a Python upstream
 *    writes with json.dumps ("timeframe", "open_time", "close_time", "is_closed"); times
 *    in epoch ms, epoch seconds or ISO-8601 (see candleTime.ts); "closed" also as "true"/"false";
 *  - Binance's kline event {"e":"kline","s":SYMBOL,"k":{"t","T","i","o","h","l","c","v","x"}},
 *    plain or wrapped as {"stream": ..., "data": <event>}.
 * A bad message yields a reason code instead of throwing, so the feed counts and skips it.
 */
import { scanCandle } from './candleScan';
import { BAR_TIME_RULE, epochNumberToMs, isoTimeToMs } from './candleTime';
import { InstrumentError, symbolOf } from '../../shared/market/instrument';
import { barGrid, isInterval } from '../../shared/market/interval';
import { barProblem, describeBarProblem } from '../../shared/market/candleRules';

export interface LiveCandle {
  readonly symbol: string;
  readonly interval: string;
  /** Bar open time, epoch ms. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** True when the bar is final; an unclosed bar only updates the live view. */
  readonly closed: boolean;
}

export const REJECT_REASONS = [
  'not_json',
  'not_object',
  'unknown_format',
  'missing_field',
  'not_a_number',
  'bad_time',
  'non_positive_price',
  'negative_volume',
  'high_below_low',
  'ohlc_inconsistent',
  'unknown_interval',
  'bad_symbol',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type DecodeResult =
  | { readonly ok: true; readonly candle: LiveCandle; readonly format: 'canonical' | 'binance' }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string };

/** Last millisecond of the bar opening at `time` (the shared interval table; a month's varies). */
function closeTimeOf(interval: string, time: number): number {
  return isInterval(interval) ? barGrid(interval).end(time) - 1 : time;
}

export function decodeCandleMessage(value: Buffer | string | null | undefined): DecodeResult {
  if (value === null || value === undefined) return reject('not_json', 'empty message value');
  // Well-formed candles are read straight from the bytes; the rest (and every reject) below.
  if (typeof value !== 'string') {
    const fast = scanCandle(value);
    if (fast) return fast;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (e) {
    return reject('not_json', e instanceof Error ? e.message : String(e));
  }
  if (!isObject(parsed)) return reject('not_object', `payload is ${parsed === null ? 'null' : typeof parsed}`);
  let obj: Record<string, unknown> = parsed;
  if ('stream' in obj && 'data' in obj) {
    if (!isObject(obj.data)) return reject('not_object', 'wrapped "data" is not an object');
    obj = obj.data;
  }
  if (obj.e === 'kline' || 'k' in obj) return decodeBinance(obj);
  if (CANONICAL_MARKERS.some((k) => k in obj)) return decodeCanonical(obj);
  return reject('unknown_format', 'neither a canonical candle (symbol, openTime, ...) nor a Binance kline event (e, s, k)');
}

/**
 * The canonical fields and their accepted spellings, first spelling preferred. Only the
 * time, interval and closed flag have a second one: a Python upstream's dict keys.
 */
const CANONICAL_FIELDS = {
  symbol: ['symbol'],
  interval: ['interval', 'timeframe'],
  openTime: ['openTime', 'open_time'],
  open: ['open'], high: ['high'], low: ['low'], close: ['close'], volume: ['volume'],
} as const;
const CLOSED_SPELLINGS = ['closed', 'is_closed', 'isClosed'] as const;
/** Keys that mark a canonical candle (a message with none of them is an unknown format). */
const CANONICAL_MARKERS = ['symbol', 'openTime', 'open_time'];

function decodeCanonical(o: Record<string, unknown>): DecodeResult {
  const v: Partial<Record<keyof typeof CANONICAL_FIELDS, unknown>> = {};
  for (const [field, spellings] of Object.entries(CANONICAL_FIELDS) as Array<[keyof typeof CANONICAL_FIELDS, readonly string[]]>) {
    const value = pick(o, spellings);
    if (value === undefined) {
      const names = spellings.map((n) => `"${n}"`).join(' or ');
      return reject('missing_field', `canonical candle lacks ${names}; present: ${presentKeys(o)}`);
    }
    v[field] = value;
  }
  // Unlike the fields above, an explicit null is not "absent": it is refused below.
  const closedKey = CLOSED_SPELLINGS.find((k) => o[k] !== undefined);
  const closedRaw = closedKey === undefined ? undefined : o[closedKey];
  const closed = closedRaw === undefined ? true : flag(closedRaw);
  if (closed === null) return reject('not_a_number', `"closed" must be true or false (got ${JSON.stringify(closedRaw)})`);
  const r = build(v.symbol, v.interval, v.openTime, v.open, v.high, v.low, v.close, v.volume, closed);
  return r.ok ? { ...r, format: 'canonical' } : r;
}

function decodeBinance(o: Record<string, unknown>): DecodeResult {
  if (o.s === undefined || o.s === null) return reject('missing_field', 'kline event lacks "s"');
  if (!isObject(o.k)) return reject('missing_field', 'kline event lacks the "k" object');
  const k = o.k;
  for (const f of ['t', 'i', 'o', 'h', 'l', 'c', 'v', 'x'] as const) {
    if (k[f] === undefined || k[f] === null) return reject('missing_field', `kline lacks "k.${f}"; present in k: ${presentKeys(k)}`);
  }
  const closed = flag(k.x);
  if (closed === null) return reject('not_a_number', `"k.x" must be true or false (got ${JSON.stringify(k.x)})`);
  const r = build(o.s, k.i, k.t, k.o, k.h, k.l, k.c, k.v, closed);
  return r.ok ? { ...r, format: 'binance' } : r;
}

type Built = { ok: true; candle: LiveCandle } | { ok: false; reason: RejectReason; detail: string };

function build(
  symbol: unknown, interval: unknown, time: unknown,
  open: unknown, high: unknown, low: unknown, close: unknown, volume: unknown, closed: boolean,
): Built {
  // The shared instrument rules, so a candle the feed accepts is one a session can name.
  let sym: string;
  try {
    if (typeof symbol !== 'string') throw new InstrumentError(`symbol must be a string (got ${JSON.stringify(symbol)})`);
    sym = symbolOf(symbol);
  } catch (e) {
    return reject('bad_symbol', e instanceof Error ? e.message : String(e));
  }
  if (typeof interval !== 'string') return reject('unknown_interval', `interval must be a string such as "1m" (got ${JSON.stringify(interval)})`);
  try {
    barGrid(interval);
  } catch (e) {
    return reject('unknown_interval', e instanceof Error ? e.message : String(e));
  }
  const t = barTime(time);
  if (t === null) return reject('bad_time', `open time ${BAR_TIME_RULE} (got ${JSON.stringify(time)})`);
  const vals = [num(open), num(high), num(low), num(close)];
  const names = ['open', 'high', 'low', 'close'];
  for (let i = 0; i < 4; i++) {
    if (!Number.isFinite(vals[i])) return reject('not_a_number', `${names[i]} is not a finite number (got ${JSON.stringify([open, high, low, close][i])})`);
    if (vals[i] <= 0) return reject('non_positive_price', `${names[i]} must be > 0 (got ${vals[i]})`);
  }
  const v = num(volume);
  if (!Number.isFinite(v)) return reject('not_a_number', `volume is not a finite number (got ${JSON.stringify(volume)})`);
  if (v < 0) return reject('negative_volume', `volume must be >= 0 (got ${v})`);
  const [o, h, l, c] = vals;
  if (h < l) return reject('high_below_low', `high ${h} is below low ${l}`);
  // The one candle rule of every source (CSV, database, feed), in its message shape.
  const problem = barProblem(o, h, l, c, v);
  if (problem) return reject('ohlc_inconsistent', describeBarProblem('candle', problem));
  return { ok: true, candle: { symbol: sym, interval, time: t, open: o, high: h, low: l, close: c, volume: v, closed } };
}

/** Epoch ms of an open time given as a number, a decimal string or ISO-8601 text; null when refused. */
function barTime(x: unknown): number | null {
  const n = num(x);
  if (!Number.isNaN(n)) return epochNumberToMs(n);
  return typeof x === 'string' ? isoTimeToMs(x) : null;
}

/** A closed flag: a JSON boolean or the text "true"/"false" in any case; null otherwise. */
function flag(x: unknown): boolean | null {
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string') {
    const t = x.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return null;
}

/** The first spelling present with a non-null value. */
function pick(o: Record<string, unknown>, spellings: readonly string[]): unknown {
  for (const k of spellings) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

/** The object's keys for a reject detail: enough to see what the upstream sends, bounded. */
function presentKeys(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return '(none)';
  const shown = keys.slice(0, 20).map((k) => (k.length > 40 ? `${k.slice(0, 40)}…` : k));
  return `${shown.join(', ')}${keys.length > 20 ? `, … (${keys.length} keys)` : ''}`;
}

/** A JSON number, or a decimal string such as "42000.10"; NaN for anything else. */
function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(x)) return Number(x);
  return NaN;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function reject(reason: RejectReason, detail: string): { ok: false; reason: RejectReason; detail: string } {
  return { ok: false, reason, detail };
}

/** Instrument key used throughout the live service: "BTCUSDT:1m". */
export function instrumentKey(symbol: string, interval: string): string {
  return `${symbol.toUpperCase()}:${interval}`;
}

/** Encodes a candle as the canonical JSON payload (what the replay producer sends). */
export function encodeCanonical(c: LiveCandle): string {
  return JSON.stringify({
    symbol: c.symbol, interval: c.interval, openTime: c.time, closeTime: closeTimeOf(c.interval, c.time),
    open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, closed: c.closed,
  });
}

/** Encodes a candle as Binance's kline event (decimal strings, as Binance sends them). */
export function encodeBinance(c: LiveCandle, wrapped = false): string {
  const event = {
    e: 'kline', E: closeTimeOf(c.interval, c.time) + 1, s: c.symbol,
    k: {
      t: c.time, T: closeTimeOf(c.interval, c.time), s: c.symbol, i: c.interval,
      o: String(c.open), h: String(c.high), l: String(c.low), c: String(c.close), v: String(c.volume), x: c.closed,
    },
  };
  return JSON.stringify(wrapped ? { stream: `${c.symbol.toLowerCase()}@kline_${c.interval}`, data: event } : event);
}
