/**
 * Streamed candle CSV reading, for files larger than memory. Three layouts, told apart
 * by the first line:
 *  - Binance's kline CSV from data.binance.vision: 12 columns, no header (or a header
 *    starting `open_time,open,high,low,close,volume`), open time in epoch milliseconds,
 *    or microseconds in spot files from 2025 on: the unit is detected per row
 *    (ms < 1e14 <= µs; both are unambiguous for any date between 1973 and 5138);
 *  - `open_time_ms,open,high,low,close,volume`;
 *  - backtesting.py's date-indexed `,Open,High,Low,Close,Volume` / `Date,Open,...`.
 * Rows come out in batches of typed arrays with the line number of each bar; every
 * error is a CsvFormatError naming the 1-based line and the field.
 */
import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { barProblem } from '../../shared/market/candleRules';
import { CsvFormatError, parseUtcDate } from './csvCandles';

export type CsvKind = 'binance' | 'open_time_ms' | 'date_indexed';

export interface CsvBatch {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly length: number;
  /** 1-based line number of each bar. */
  readonly line: Int32Array;
}

export interface CsvReadProgress {
  readonly bytesRead: number;
  /** Size on disk (compressed size for .gz: progress then counts compressed bytes). */
  readonly totalBytes: number;
  readonly rows: number;
}

export interface CsvReadOptions {
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: CsvReadProgress) => void;
  /** Name used in error messages (default: the path). */
  readonly source?: string;
}

export interface CsvReadSummary {
  kind: CsvKind | null;
  rows: number;
  /** Binance files only: which open-time units were seen. */
  microsecondRows: number;
  millisecondRows: number;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
const US_THRESHOLD = 1e14;

/**
 * Reads `path` (optionally .gz) and yields validated bars in file order. `summary` is
 * filled in as the file is read.
 */
export async function* readCandleCsv(path: string, opts: CsvReadOptions = {}, summary: CsvReadSummary = newSummary()): AsyncGenerator<CsvBatch> {
  const source = opts.source ?? path;
  const batchSize = opts.batchSize ?? 65_536;
  const totalBytes = statSync(path).size;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  raw.on('data', (b) => {
    bytesRead += (b as Buffer).length;
  });
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (e) => stream.destroy(e));
  let carry: Buffer | null = null;
  let batch = allocBatch(batchSize);
  const st: LineState = { kind: null, lineNo: 0, k: 0, source, summary, batch };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw new Error('cancelled');
      // Bytes, not strings: no UTF-8 decoding or substring per field on the hot path.
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(10, start);
        if (nl < 0) break;
        st.lineNo++;
        if (parseLine(buf, start, nl, st)) st.k++;
        start = nl + 1;
        if (st.k === batchSize) {
          summary.rows += st.k;
          yield batch;
          st.batch = batch = allocBatch(batchSize);
          st.k = 0;
        }
      }
      carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
      opts.onProgress?.({ bytesRead, totalBytes, rows: summary.rows + st.k });
    }
    if (carry && carry.length > 0) {
      st.lineNo++;
      if (parseLine(carry, 0, carry.length, st)) st.k++;
    }
    if (st.lineNo === 0 || st.kind === null) throw new CsvFormatError(source, 1, 'file', 'is empty: no header and no bars');
    if (st.k > 0) {
      summary.rows += st.k;
      yield trimBatch(batch, st.k);
    }
    opts.onProgress?.({ bytesRead, totalBytes, rows: summary.rows });
  } finally {
    raw.destroy();
  }
}

export function newSummary(): CsvReadSummary {
  return { kind: null, rows: 0, microsecondRows: 0, millisecondRows: 0 };
}

interface LineState {
  kind: CsvKind | null;
  lineNo: number;
  /** Next free slot in the batch. */
  k: number;
  readonly source: string;
  readonly summary: CsvReadSummary;
  batch: CsvBatch;
}

const COMMA = 44;
const CR = 13;
/** Field end positions of the current line (reused: one allocation per file, not per row). */
const ends = new Int32Array(6);
/** Parsed values of the current line: time, open, high, low, close, volume. */
const vals = new Float64Array(6);

/** Parses one line into slot st.k of the batch; returns false for the header or a blank line. */
function parseLine(buf: Buffer, start: number, end: number, st: LineState): boolean {
  if (end > start && buf[end - 1] === CR) end--;
  if (end <= start) return false;
  if (st.kind === null) {
    let line = buf.toString('utf8', start, end);
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') return false;
    st.kind = detectKind(line, st.source, st.lineNo);
    st.summary.kind = st.kind;
    // Headerless Binance files start with a bar.
    if (!(st.kind === 'binance' && /^\s*\d/.test(line))) return false;
  }
  // Split off the first six fields; the rest of a Binance row is not needed.
  let f = 0;
  let p = start;
  while (f < 6) {
    let q = p;
    while (q < end && buf[q] !== COMMA) q++;
    ends[f++] = q;
    if (q >= end) break;
    p = q + 1;
  }
  if (f < 6) {
    const text = buf.toString('utf8', start, end);
    if (text.trim() === '') return false;
    const n = text.split(',').length;
    throw new CsvFormatError(st.source, st.lineNo, 'row', `has ${n} field${n === 1 ? '' : 's'}, expected at least 6 (time, open, high, low, close, volume)`);
  }
  const kind = st.kind;
  const source = st.source;
  const lineNo = st.lineNo;
  let t: number;
  if (kind === 'date_indexed') {
    const tField = buf.toString('utf8', start, ends[0]);
    t = parseUtcDate(tField);
    if (!Number.isFinite(t)) throw new CsvFormatError(source, lineNo, 'date', `is not a valid date ("${tField}")`);
  } else {
    t = parseNumber(buf, start, ends[0]);
    if (!Number.isInteger(t) || t < 0) {
      const name = kind === 'binance' ? 'open_time' : 'open_time_ms';
      throw new CsvFormatError(source, lineNo, name, `is not a whole number of epoch ${kind === 'binance' ? 'ms or µs' : 'ms'} ("${buf.toString('utf8', start, ends[0])}")`);
    }
    if (kind === 'binance') {
      if (t >= US_THRESHOLD) {
        t = Math.floor(t / 1000);
        st.summary.microsecondRows++;
      } else st.summary.millisecondRows++;
    }
  }
  for (let i = 1; i < 6; i++) {
    const a = ends[i - 1] + 1;
    const x = parseNumber(buf, a, ends[i]);
    if (!Number.isFinite(x)) throw new CsvFormatError(source, lineNo, FIELDS[i - 1], `is not a number ("${buf.toString('utf8', a, ends[i])}")`);
    vals[i] = x;
  }
  const o = vals[1], h = vals[2], l = vals[3], c = vals[4], v = vals[5];
  const bad = barProblem(o, h, l, c, v);
  if (bad) throw new CsvFormatError(source, lineNo, bad.field, bad.reason);
  const b = st.batch;
  const k = st.k;
  b.time[k] = t;
  b.open[k] = o;
  b.high[k] = h;
  b.low[k] = l;
  b.close[k] = c;
  b.volume[k] = v;
  b.line[k] = lineNo;
  return true;
}

/** Exact powers of ten: a double holds 10^0..10^22 exactly. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parses a plain decimal ("105573.73", "-0.5", "1747699200000") straight from bytes.
 * Fast path: at most 15 significant digits and no exponent, so the digits form an exact
 * integer m < 2^53 and m / 10^k is one correctly rounded division: the same double
 * Number() gives. Anything else (exponents, spaces, 16+ digits, junk) goes to Number(),
 * which also decides what is not a number.
 */
export function parseNumber(buf: Uint8Array, a: number, b: number): number {
  if (a >= b) return NaN;
  let i = a;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < b; i++) {
    const ch = buf[i];
    if (ch >= 48 && ch <= 57) {
      if (digits > 0 || ch !== 48) digits++;
      m = m * 10 + (ch - 48);
    } else if (ch === 46 && frac < 0) {
      frac = i;
    } else {
      return slowNumber(buf, a, b);
    }
  }
  const fracDigits = frac < 0 ? 0 : b - frac - 1;
  if (digits > 15 || fracDigits > 22 || b - a - (neg ? 1 : 0) - (frac < 0 ? 0 : 1) === 0) return slowNumber(buf, a, b);
  const x = fracDigits === 0 ? m : m / POW10[fracDigits];
  return neg ? -x : x;
}

function slowNumber(buf: Uint8Array, a: number, b: number): number {
  const s = Buffer.from(buf.buffer, buf.byteOffset + a, b - a).toString('utf8');
  // Number() accepts '' and ' ' as 0; a CSV field must not.
  if (s.trim() === '') return NaN;
  return Number(s);
}

/** Tells the layout from the first line, or throws naming line 1. */
export function detectKind(line: string, source: string, lineNo = 1): CsvKind {
  const cols = line.split(',').map((c) => c.trim().toLowerCase());
  const ohlcv = cols.slice(1, 6).join(',') === 'open,high,low,close,volume';
  if (/^\d/.test(cols[0])) {
    if (cols.length >= 6) return 'binance';
  } else if (ohlcv) {
    if (cols[0] === 'open_time_ms') return 'open_time_ms';
    if (cols[0] === 'open_time') return 'binance';
    return 'date_indexed';
  }
  throw new CsvFormatError(
    source,
    lineNo,
    'header',
    `is not a known candle layout: expected Binance kline rows (12 columns, no header), "open_time_ms,open,high,low,close,volume" or ",Open,High,Low,Close,Volume" (got "${line.slice(0, 120)}")`,
  );
}

function allocBatch(n: number): CsvBatch {
  return {
    time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n),
    close: new Float64Array(n), volume: new Float64Array(n), line: new Int32Array(n), length: n,
  };
}

function trimBatch(b: CsvBatch, k: number): CsvBatch {
  return {
    time: b.time.subarray(0, k), open: b.open.subarray(0, k), high: b.high.subarray(0, k), low: b.low.subarray(0, k),
    close: b.close.subarray(0, k), volume: b.volume.subarray(0, k), line: b.line.subarray(0, k), length: k,
  };
}
