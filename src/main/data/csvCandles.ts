/**
 * Whole-file candle CSV parsing for files that fit in memory (the bundled sample,
 * `--data file.csv`). Two layouts are recognised from the header:
 *  - `open_time_ms,open,high,low,close,volume` (epoch ms of the bar open);
 *  - backtesting.py's date-indexed CSV: `,Open,High,Low,Close,Volume` (or `Date,...`),
 *    first column an ISO date/datetime read as UTC.
 * Every error names the 1-based line number and the field.
 */
import { CandleValidationError, createCandles, type Candles } from '../engine/candles';

export class CsvFormatError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${source}:${line}: ${field} ${reason}`);
    this.name = 'CsvFormatError';
  }
}

export type CsvLayout = 'open_time_ms' | 'date_indexed';

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** Recognises the layout from the header line, or throws naming line 1. */
export function detectLayout(header: string, source: string): CsvLayout {
  const cols = header.trim().split(',').map((c) => c.trim().toLowerCase());
  const rest = cols.slice(1, 6).join(',');
  if (cols.length < 6 || rest !== 'open,high,low,close,volume') {
    throw new CsvFormatError(source, 1, 'header', `must be "open_time_ms,open,high,low,close,volume" or ",Open,High,Low,Close,Volume" (got "${header.trim()}")`);
  }
  return cols[0] === 'open_time_ms' ? 'open_time_ms' : 'date_indexed';
}

/** Parses a date column value as UTC epoch ms; NaN when it is not a date. */
export function parseUtcDate(s: string): number {
  const t = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return NaN;
  const iso = t.length === 10 ? `${t}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}Z`;
  return Date.parse(iso);
}

export function parseCandleCsv(text: string, source: string): Candles {
  const lines = text.split('\n');
  if (lines.length === 0 || lines[0].trim() === '') throw new CsvFormatError(source, 1, 'header', 'is missing (empty file)');
  const layout = detectLayout(lines[0], source);
  const n = lines.length;
  const time = new Float64Array(n);
  const cols = FIELDS.map(() => new Float64Array(n));
  const lineOf = new Int32Array(n);
  let k = 0;
  for (let li = 1; li < n; li++) {
    const line = lines[li];
    if (line.trim() === '') continue;
    const parts = line.split(',');
    const lineNo = li + 1;
    if (parts.length < 6) throw new CsvFormatError(source, lineNo, 'row', `has ${parts.length} fields, expected 6`);
    const t = layout === 'open_time_ms' ? parseStrictNumber(parts[0]) : parseUtcDate(parts[0]);
    if (!Number.isFinite(t)) throw new CsvFormatError(source, lineNo, layout === 'open_time_ms' ? 'open_time_ms' : 'date', `is not a valid ${layout === 'open_time_ms' ? 'number' : 'date'} ("${parts[0]}")`);
    time[k] = t;
    for (let f = 0; f < FIELDS.length; f++) {
      const v = parseStrictNumber(parts[f + 1]);
      if (!Number.isFinite(v)) throw new CsvFormatError(source, lineNo, FIELDS[f], `is not a number ("${parts[f + 1]}")`);
      cols[f][k] = v;
    }
    lineOf[k] = lineNo;
    k++;
  }
  try {
    return createCandles({
      time: time.subarray(0, k),
      open: cols[0].subarray(0, k),
      high: cols[1].subarray(0, k),
      low: cols[2].subarray(0, k),
      close: cols[3].subarray(0, k),
      volume: cols[4].subarray(0, k),
    });
  } catch (e) {
    if (e instanceof CandleValidationError) throw new CsvFormatError(source, lineOf[e.index], e.field, e.message.replace(/^bar \d+: \w+ /, ''));
    throw e;
  }
}

/** Number() accepts '' and ' ' as 0; a CSV field must not. */
function parseStrictNumber(s: string | undefined): number {
  if (s === undefined) return NaN;
  const t = s.trim();
  return t === '' ? NaN : Number(t);
}
