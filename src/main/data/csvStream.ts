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
import { StringDecoder } from 'node:string_decoder';
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
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 0;
  let batch = allocBatch(batchSize);
  let k = 0;
  const parser: { kind: CsvKind | null } = { kind: null };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw new Error('cancelled');
      const text = carry + decoder.write(chunk);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        lineNo++;
        if (parseLine(text, start, nl, lineNo, parser, batch, k, source, summary)) k++;
        start = nl + 1;
        if (k === batchSize) {
          summary.rows += k;
          yield batch;
          batch = allocBatch(batchSize);
          k = 0;
        }
      }
      carry = text.slice(start);
      opts.onProgress?.({ bytesRead, totalBytes, rows: summary.rows + k });
    }
    const rest = carry + decoder.end();
    if (rest.length > 0) {
      lineNo++;
      if (parseLine(rest, 0, rest.length, lineNo, parser, batch, k, source, summary)) k++;
    }
    if (lineNo === 0 || parser.kind === null) throw new CsvFormatError(source, 1, 'file', 'is empty: no header and no bars');
    if (k > 0) {
      summary.rows += k;
      yield trimBatch(batch, k);
    }
    opts.onProgress?.({ bytesRead, totalBytes, rows: summary.rows });
  } finally {
    raw.destroy();
  }
}

export function newSummary(): CsvReadSummary {
  return { kind: null, rows: 0, microsecondRows: 0, millisecondRows: 0 };
}

/** Parses one line into slot k of the batch; returns false for the header or a blank line. */
function parseLine(
  text: string,
  start: number,
  end: number,
  lineNo: number,
  parser: { kind: CsvKind | null },
  b: CsvBatch,
  k: number,
  source: string,
  summary: CsvReadSummary,
): boolean {
  if (end > start && text.charCodeAt(end - 1) === 13) end--; // CRLF
  if (end <= start) return false;
  if (parser.kind === null) {
    let line = text.slice(start, end);
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') return false;
    parser.kind = detectKind(line, source, lineNo);
    summary.kind = parser.kind;
    // Headerless Binance files start with a bar.
    if (!(parser.kind === 'binance' && /^\s*\d/.test(line))) return false;
  }
  // Field boundaries, no split(): this loop runs once per row of a multi-GB file.
  const c1 = text.indexOf(',', start);
  const c2 = c1 < 0 || c1 >= end ? -1 : text.indexOf(',', c1 + 1);
  const c3 = c2 < 0 || c2 >= end ? -1 : text.indexOf(',', c2 + 1);
  const c4 = c3 < 0 || c3 >= end ? -1 : text.indexOf(',', c3 + 1);
  const c5 = c4 < 0 || c4 >= end ? -1 : text.indexOf(',', c4 + 1);
  if (c5 < 0 || c5 >= end) {
    if (text.slice(start, end).trim() === '') return false;
    const n = text.slice(start, end).split(',').length;
    throw new CsvFormatError(source, lineNo, 'row', `has ${n} field${n === 1 ? '' : 's'}, expected at least 6 (time, open, high, low, close, volume)`);
  }
  let c6 = text.indexOf(',', c5 + 1);
  if (c6 < 0 || c6 > end) c6 = end;
  const kind = parser.kind;
  const tField = text.slice(start, c1);
  let t: number;
  if (kind === 'date_indexed') {
    t = parseUtcDate(tField);
    if (!Number.isFinite(t)) throw new CsvFormatError(source, lineNo, 'date', `is not a valid date ("${tField}")`);
  } else {
    t = num(tField);
    const name = kind === 'binance' ? 'open_time' : 'open_time_ms';
    if (!Number.isInteger(t) || t < 0) throw new CsvFormatError(source, lineNo, name, `is not a whole number of epoch ${kind === 'binance' ? 'ms or µs' : 'ms'} ("${tField}")`);
    if (kind === 'binance') {
      if (t >= US_THRESHOLD) {
        t = Math.floor(t / 1000);
        summary.microsecondRows++;
      } else summary.millisecondRows++;
    }
  }
  const o = num(text.slice(c1 + 1, c2));
  const h = num(text.slice(c2 + 1, c3));
  const l = num(text.slice(c3 + 1, c4));
  const c = num(text.slice(c4 + 1, c5));
  const v = num(text.slice(c5 + 1, c6));
  const vals = [o, h, l, c, v];
  for (let f = 0; f < 5; f++) {
    const x = vals[f];
    if (!Number.isFinite(x)) {
      const bounds = [c1, c2, c3, c4, c5, c6];
      throw new CsvFormatError(source, lineNo, FIELDS[f], `is not a number ("${text.slice(bounds[f] + 1, bounds[f + 1])}")`);
    }
    if (f < 4 && x <= 0) throw new CsvFormatError(source, lineNo, FIELDS[f], `must be > 0 (got ${x})`);
  }
  if (v < 0) throw new CsvFormatError(source, lineNo, 'volume', `must be >= 0 (got ${v})`);
  if (l > (o < c ? o : c)) throw new CsvFormatError(source, lineNo, 'low', `${l} is above min(open, close) = ${Math.min(o, c)}`);
  if (h < (o > c ? o : c)) throw new CsvFormatError(source, lineNo, 'high', `${h} is below max(open, close) = ${Math.max(o, c)}`);
  b.time[k] = t;
  b.open[k] = o;
  b.high[k] = h;
  b.low[k] = l;
  b.close[k] = c;
  b.volume[k] = v;
  b.line[k] = lineNo;
  return true;
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

/** Number() accepts '' and ' ' as 0; a CSV field must not. */
function num(s: string): number {
  if (s.length === 0) return NaN;
  const x = +s;
  return x === 0 && s.trim() === '' ? NaN : x;
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
