/**
 * Fast path of `decodeCandleMessage`: reads a well-formed candle straight from the
 * message bytes — no UTF-8 string of the payload, no JSON.parse object tree, no
 * intermediate arrays — which is most of the feed's decode cost and garbage.
 *
 * It is deliberately partial: it returns a candle only when the general decoder would
 * accept the message with exactly the same candle, and null for everything else (escapes,
 * non-ASCII bytes, unusual number spellings, deep nesting, every invalid candle), so
 * rejects and their reasons always come from the general path. Strict JSON syntax is
 * checked everywhere, including in fields it ignores, so it never accepts a payload
 * JSON.parse would refuse. Not re-entrant (module-level scratch), which is fine on one
 * thread with no callbacks inside.
 */

import type { LiveCandle } from './candleMessage';
import { epochNumberToMs } from './candleTime';
import { isInterval } from '../../shared/market/interval';

const ABSENT = 0, NUM = 1, STR = 2, TRUE = 3, FALSE = 4, NULL = 5, OBJ = 6, OTHER = 7;

// Field slots. An event object (the top level, or `data` of a combined-stream envelope)
// has EVENT_FIELDS slots; its `k` object has K_FIELDS slots.
const F_E = 0, F_S = 1, F_K = 2, F_SYMBOL = 3, F_INTERVAL = 4, F_OPEN_TIME = 5, F_OPEN = 6, F_HIGH = 7,
  F_LOW = 8, F_CLOSE = 9, F_VOLUME = 10, F_CLOSED = 11, F_STREAM = 12, F_DATA = 13,
  // Any other spelling of a canonical field (snake_case, isClosed): the general decoder's business.
  F_OTHER_SPELLING = 14;
const EVENT_FIELDS = 15;
const K_T = 0, K_I = 1, K_O = 2, K_H = 3, K_L = 4, K_C = 5, K_V = 6, K_X = 7;
const K_FIELDS = 8;
const TOP = 0, DATA = EVENT_FIELDS, TOP_K = 2 * EVENT_FIELDS, DATA_K = 2 * EVENT_FIELDS + K_FIELDS;
const SLOTS = 2 * EVENT_FIELDS + 2 * K_FIELDS;

const kind = new Uint8Array(SLOTS);
const numVal = new Float64Array(SLOTS);
const strStart = new Int32Array(SLOTS);
const strEnd = new Int32Array(SLOTS);

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_DEPTH = 16;

/** Thrown inside the scanner to give up; caught once at the top. */
const BAIL = new Error('candle fast path: not handled');

let buf: Buffer = Buffer.alloc(0);

/** An accepted message: the general decoder's result, shape for shape. */
export type ScannedCandle = { readonly ok: true; readonly candle: LiveCandle; readonly format: 'canonical' | 'binance' };

/** The decoded candle in `value`, or null when the general decoder must decide. */
export function scanCandle(value: Buffer): ScannedCandle | null {
  buf = value;
  kind.fill(ABSENT);
  try {
    let p = ws(0);
    if (p >= buf.length || buf[p] !== 0x7b) return null;
    p = ws(object(p, TOP, true, 0));
    if (p !== buf.length) return null;
    return interpret();
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}

/** The general decoder's format choice on the scanned fields. */
function interpret(): ScannedCandle | null {
  let ev = TOP;
  if (kind[TOP + F_STREAM] !== ABSENT && kind[TOP + F_DATA] !== ABSENT) {
    if (kind[TOP + F_DATA] !== OBJ) return null;
    ev = DATA;
  }
  const isKline = (kind[ev + F_E] === STR && strIs(ev + F_E, 'kline')) || kind[ev + F_K] !== ABSENT;
  if (isKline) {
    const k = ev === TOP ? TOP_K : DATA_K;
    if (kind[ev + F_K] !== OBJ || (kind[k + K_X] !== TRUE && kind[k + K_X] !== FALSE)) return null;
    return build(ev + F_S, k + K_I, k + K_T, k + K_O, k + K_H, k + K_L, k + K_C, k + K_V, kind[k + K_X] === TRUE, 'binance');
  }
  if (kind[ev + F_SYMBOL] === ABSENT && kind[ev + F_OPEN_TIME] === ABSENT) return null;
  if (kind[ev + F_OTHER_SPELLING] !== ABSENT) return null;
  const closedKind = kind[ev + F_CLOSED];
  if (closedKind !== ABSENT && closedKind !== TRUE && closedKind !== FALSE) return null;
  return build(ev + F_SYMBOL, ev + F_INTERVAL, ev + F_OPEN_TIME, ev + F_OPEN, ev + F_HIGH, ev + F_LOW, ev + F_CLOSE, ev + F_VOLUME, closedKind !== FALSE, 'canonical');
}

/** The general decoder's `build`, for the valid case only (anything invalid: null). */
function build(
  sSym: number, sInt: number, sTime: number, sO: number, sH: number, sL: number, sC: number, sV: number,
  closed: boolean, format: 'canonical' | 'binance',
): ScannedCandle | null {
  if (kind[sSym] !== STR || kind[sInt] !== STR) return null;
  const symLen = strEnd[sSym] - strStart[sSym];
  if (symLen < 1 || symLen > 40) return null;
  // The shared symbol rule: a letter or digit, then letters, digits, "." or "-".
  if (!isAlnumByte(buf[strStart[sSym]])) return null;
  for (let i = strStart[sSym]; i < strEnd[sSym]; i++) if (!isSymbolByte(buf[i])) return null;
  const interval = buf.toString('latin1', strStart[sInt], strEnd[sInt]);
  if (!isInterval(interval)) return null;
  const t = epochNumberToMs(num(sTime));
  if (t === null) return null;
  const o = num(sO), h = num(sH), l = num(sL), c = num(sC), v = num(sV);
  // NaN fails every comparison, so each check below also rejects non-numbers.
  if (!(o > 0 && h > 0 && l > 0 && c > 0 && o < Infinity && h < Infinity && l < Infinity && c < Infinity)) return null;
  if (!(v >= 0 && v < Infinity)) return null;
  if (h < l || h < Math.max(o, c) || l > Math.min(o, c)) return null;
  const symbol = buf.toString('latin1', strStart[sSym], strEnd[sSym]).toUpperCase();
  return { ok: true, candle: { symbol, interval, time: t, open: o, high: h, low: l, close: c, volume: v, closed }, format };
}

/** A slot's number: a JSON number, or a decimal string ("-12.5", "7", "3.") the general decoder reads the same way. */
function num(slot: number): number {
  if (kind[slot] === NUM) return numVal[slot];
  if (kind[slot] !== STR) return NaN;
  const end = strEnd[slot];
  let p = strStart[slot];
  if (p < end && buf[p] === 0x2d) p++;
  const digitsFrom = p;
  while (p < end && isDigit(buf[p])) p++;
  if (p === digitsFrom) return NaN;
  if (p < end && buf[p] === 0x2e) {
    p++;
    while (p < end && isDigit(buf[p])) p++;
  }
  // Spaces, "+", exponents, a leading "." and the like: the general decoder's business.
  if (p !== end) throw BAIL;
  return decimal(strStart[slot], end);
}

/**
 * The value of a validated decimal literal without exponent: exact integer mantissa over
 * an exact power of ten, one correctly rounded division — the same double Number() gives.
 * Longer literals go through Number() itself.
 */
function decimal(start: number, end: number): number {
  let p = start;
  const neg = buf[p] === 0x2d;
  if (neg) p++;
  let m = 0, digits = 0, frac = -1;
  for (; p < end; p++) {
    const b = buf[p];
    if (b === 0x2e) {
      frac = 0;
      continue;
    }
    m = m * 10 + (b - 0x30);
    digits++;
    if (frac >= 0) frac++;
  }
  if (digits > 15) return Number(buf.toString('latin1', start, end));
  const x = frac > 0 ? m / POW10[frac] : m;
  return neg ? -x : x;
}

/**
 * Scans an object starting at `p` ('{'). Keys it knows are stored in the slots at `base`
 * (`event` tells whether this is an event object or a kline `k` object; base < 0 stores
 * nothing). Returns the position after '}'.
 */
function object(p: number, base: number, event: boolean, depth: number): number {
  if (depth > MAX_DEPTH) throw BAIL;
  if (base >= 0) kind.fill(ABSENT, base, base + (event ? EVENT_FIELDS : K_FIELDS));
  p = ws(p + 1);
  if (buf[p] === 0x7d) return p + 1;
  for (;;) {
    if (buf[p] !== 0x22) throw BAIL;
    const ks = p + 1;
    const ke = stringEnd(ks);
    p = ws(ke + 1);
    if (buf[p] !== 0x3a) throw BAIL;
    p = ws(p + 1);
    const field = base < 0 ? -1 : event ? eventField(ks, ke, base === TOP) : kField(ks, ke);
    if (field < 0) {
      p = skipValue(p, depth + 1);
    } else {
      const slot = base + field;
      const b = buf[p];
      if (b === 0x7b && event && field === F_K) {
        kind[slot] = OBJ;
        p = object(p, base === TOP ? TOP_K : DATA_K, false, depth + 1);
      } else if (b === 0x7b && field === F_DATA) {
        kind[slot] = OBJ;
        p = object(p, DATA, true, depth + 1);
      } else {
        p = scalar(p, slot, depth + 1);
      }
    }
    p = ws(p);
    if (buf[p] === 0x2c) {
      p = ws(p + 1);
      continue;
    }
    if (buf[p] === 0x7d) return p + 1;
    throw BAIL;
  }
}

/** Stores one value in `slot` (objects and arrays are only syntax-checked). */
function scalar(p: number, slot: number, depth: number): number {
  const b = buf[p];
  if (b === 0x22) {
    const e = stringEnd(p + 1);
    kind[slot] = STR;
    strStart[slot] = p + 1;
    strEnd[slot] = e;
    return e + 1;
  }
  if (b === 0x2d || isDigit(b)) {
    const e = numberEnd(p);
    kind[slot] = NUM;
    numVal[slot] = hasExponent(p, e) ? Number(buf.toString('latin1', p, e)) : decimal(p, e);
    return e;
  }
  if (b === 0x74) { kind[slot] = TRUE; return literal(p, 'true'); }
  if (b === 0x66) { kind[slot] = FALSE; return literal(p, 'false'); }
  if (b === 0x6e) { kind[slot] = NULL; return literal(p, 'null'); }
  kind[slot] = OTHER;
  return skipValue(p, depth);
}

function skipValue(p: number, depth: number): number {
  if (depth > MAX_DEPTH) throw BAIL;
  const b = buf[p];
  if (b === 0x22) return stringEnd(p + 1) + 1;
  if (b === 0x2d || isDigit(b)) return numberEnd(p);
  if (b === 0x74) return literal(p, 'true');
  if (b === 0x66) return literal(p, 'false');
  if (b === 0x6e) return literal(p, 'null');
  if (b === 0x7b) return object(p, -1, false, depth);
  if (b === 0x5b) {
    p = ws(p + 1);
    if (buf[p] === 0x5d) return p + 1;
    for (;;) {
      p = ws(skipValue(p, depth + 1));
      if (buf[p] === 0x2c) {
        p = ws(p + 1);
        continue;
      }
      if (buf[p] === 0x5d) return p + 1;
      throw BAIL;
    }
  }
  throw BAIL;
}

/** Position of the closing quote of a string whose content starts at `p`: plain ASCII only. */
function stringEnd(p: number): number {
  for (; p < buf.length; p++) {
    const b = buf[p];
    if (b === 0x22) return p;
    if (b === 0x5c || b < 0x20 || b >= 0x80) throw BAIL;
  }
  throw BAIL;
}

/** End of a JSON number (strict grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?). */
function numberEnd(p: number): number {
  if (buf[p] === 0x2d) p++;
  if (buf[p] === 0x30) p++;
  else if (isDigit(buf[p])) while (isDigit(buf[p])) p++;
  else throw BAIL;
  if (buf[p] === 0x2e) {
    p++;
    if (!isDigit(buf[p])) throw BAIL;
    while (isDigit(buf[p])) p++;
  }
  if (buf[p] === 0x65 || buf[p] === 0x45) {
    p++;
    if (buf[p] === 0x2b || buf[p] === 0x2d) p++;
    if (!isDigit(buf[p])) throw BAIL;
    while (isDigit(buf[p])) p++;
  }
  return p;
}

function hasExponent(p: number, end: number): boolean {
  for (; p < end; p++) if (buf[p] === 0x65 || buf[p] === 0x45) return true;
  return false;
}

function literal(p: number, word: string): number {
  for (let i = 0; i < word.length; i++) if (buf[p + i] !== word.charCodeAt(i)) throw BAIL;
  return p + word.length;
}

function ws(p: number): number {
  for (;;) {
    const b = buf[p];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return p;
    p++;
  }
}

function eventField(s: number, e: number, top: boolean): number {
  const n = e - s;
  if (n === 1) {
    const b = buf[s];
    return b === 0x65 ? F_E : b === 0x73 ? F_S : b === 0x6b ? F_K : -1;
  }
  if (keyIs(s, n, 'symbol')) return F_SYMBOL;
  if (keyIs(s, n, 'interval')) return F_INTERVAL;
  if (keyIs(s, n, 'openTime')) return F_OPEN_TIME;
  if (keyIs(s, n, 'open')) return F_OPEN;
  if (keyIs(s, n, 'high')) return F_HIGH;
  if (keyIs(s, n, 'low')) return F_LOW;
  if (keyIs(s, n, 'close')) return F_CLOSE;
  if (keyIs(s, n, 'volume')) return F_VOLUME;
  if (keyIs(s, n, 'closed')) return F_CLOSED;
  if (keyIs(s, n, 'open_time') || keyIs(s, n, 'timeframe') || keyIs(s, n, 'is_closed') || keyIs(s, n, 'isClosed')) return F_OTHER_SPELLING;
  // Only the top level can be a combined-stream envelope.
  if (top && keyIs(s, n, 'stream')) return F_STREAM;
  if (top && keyIs(s, n, 'data')) return F_DATA;
  return -1;
}

function kField(s: number, e: number): number {
  if (e - s !== 1) return -1;
  switch (buf[s]) {
    case 0x74: return K_T;
    case 0x69: return K_I;
    case 0x6f: return K_O;
    case 0x68: return K_H;
    case 0x6c: return K_L;
    case 0x63: return K_C;
    case 0x76: return K_V;
    case 0x78: return K_X;
    default: return -1;
  }
}

function keyIs(s: number, n: number, key: string): boolean {
  if (n !== key.length) return false;
  for (let i = 0; i < n; i++) if (buf[s + i] !== key.charCodeAt(i)) return false;
  return true;
}

function strIs(slot: number, word: string): boolean {
  return keyIs(strStart[slot], strEnd[slot] - strStart[slot], word);
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** [A-Za-z0-9] */
function isAlnumByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/** [A-Za-z0-9.-] */
function isSymbolByte(b: number): boolean {
  return isAlnumByte(b) || b === 0x2e || b === 0x2d;
}
