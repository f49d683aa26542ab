/**
 * CSV import into the real SQLite cache: Binance kline CSVs (ms and µs open times),
 * the open_time_ms CSV (gzipped) and backtesting.py's date-indexed CSV; errors that
 * name the line and field and leave the cache untouched; duplicates merged; a large
 * generated file streamed in batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { once } from 'node:events';
import { loadSample, resourcesDir } from '../../src/main/data/candleFiles';
import { openDb, type Db } from '../../src/main/data/db';
import { CandleCache } from '../../src/main/data/cache/candleCache';
import { importCsvToCache } from '../../src/main/data/csvImport';
import { readCandleCsv } from '../../src/main/data/csvStream';
import { CsvFormatError } from '../../src/main/data/csvCandles';
import { instrument } from '../../src/shared/market/instrument';
import { loadCandlesForSpec } from '../../src/main/data/dataSpec';
import type { Candles } from '../../src/main/engine/candles';

let dir: string;
let btc1h: Candles;
const KEY = instrument('binance', 'BTCUSDT', '1h');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cryptota-csv-'));
  btc1h = loadSample('BTCUSDT_1h');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A row as Binance publishes it: 12 columns, the last six unused by the cache. */
function binanceRow(c: Candles, i: number, timeScale = 1): string {
  const t = c.time[i];
  return [t * timeScale, c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i], (t + 3_599_999) * timeScale, c.volume[i] * c.close[i], 42, c.volume[i] / 2, 1, 0].join(',');
}

function write(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function db(name: string): Db {
  return openDb(join(dir, `${name}.sqlite`));
}

function rows(c: Candles, a: number, b: number): number[][] {
  const out: number[][] = [];
  for (let i = a; i < b; i++) out.push([c.time[i], c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]);
  return out;
}

function cachedRows(d: Db, key = KEY): number[][] {
  const c = new CandleCache(d).read(key);
  return rows(c, 0, c.length);
}

async function importError(d: Db, path: string, key = KEY): Promise<CsvFormatError> {
  const e = await importCsvToCache(d, path, key).then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(CsvFormatError);
  return e as CsvFormatError;
}

describe('CSV import into the cache', () => {
  it('imports a headerless Binance kline CSV with open times in milliseconds', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => binanceRow(btc1h, i));
    const d = db('binance-ms');
    const r = await importCsvToCache(d, write('ms.csv', `${lines.join('\n')}\n`), KEY);
    expect(r).toMatchObject({ kind: 'binance', rows: 3000, timeUnit: 'ms', duplicatesMerged: 0, firstMs: btc1h.time[0], lastMs: btc1h.time[2999] });
    expect(cachedRows(d)).toEqual(rows(btc1h, 0, 3000));
    d.close();
  });

  it('detects microsecond open times (Binance spot files from 2025) and stores milliseconds', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => binanceRow(btc1h, i, 1000));
    const d = db('binance-us');
    const r = await importCsvToCache(d, write('us.csv', `${lines.join('\r\n')}\r\n`), KEY);
    expect(r.timeUnit).toBe('us');
    expect(cachedRows(d)).toEqual(rows(btc1h, 0, 3000));
    d.close();
  });

  it('reads a file that joins a millisecond month and a microsecond month', async () => {
    const lines = [...Array.from({ length: 100 }, (_, i) => binanceRow(btc1h, i)), ...Array.from({ length: 100 }, (_, i) => binanceRow(btc1h, 100 + i, 1000))];
    const d = db('binance-mixed');
    const r = await importCsvToCache(d, write('mixed.csv', lines.join('\n')), KEY);
    expect(r.timeUnit).toBe('mixed');
    expect(cachedRows(d)).toEqual(rows(btc1h, 0, 200));
    d.close();
  });

  it('merges duplicate bars: the later line wins, and the count is reported', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => binanceRow(btc1h, i));
    const changed = binanceRow(btc1h, 10).split(',');
    changed[4] = String(btc1h.high[10]); // close = high: still a valid bar, but different
    const file = [...lines, lines[5], changed.join(','), lines[20]].join('\n');
    const d = db('dups');
    const r = await importCsvToCache(d, write('dups.csv', file), KEY);
    expect(r.rows).toBe(53);
    expect(r.duplicatesMerged).toBe(3);
    const got = new CandleCache(d).read(KEY);
    expect(got.length).toBe(50);
    expect(got.close[10]).toBe(btc1h.high[10]);
    // Importing the same file again replaces, never duplicates.
    const again = await importCsvToCache(d, write('dups.csv', file), KEY);
    expect(again.duplicatesMerged).toBe(53);
    expect(new CandleCache(d).read(KEY).length).toBe(50);
    d.close();
  });

  it('imports the open_time_ms CSV gzipped, and reports the real outages of BTCUSDT 1h as gaps', async () => {
    const text = readFileSync(join(resourcesDir(), 'sample', 'BTCUSDT_1h.csv.gz'));
    const path = write('btc1h.csv.gz', text);
    const d = db('otms');
    const key = instrument('binance', 'BTCUSDT', '1h');
    const r = await importCsvToCache(d, path, key);
    expect(r).toMatchObject({ kind: 'open_time_ms', rows: btc1h.length, timeUnit: 'n/a' });
    const gaps = new CandleCache(d).gaps(key);
    // resources/sample SOURCES: 28 gaps / 128 missing hours.
    expect(gaps.length).toBe(28);
    expect(gaps.reduce((s, g) => s + g.missingBars, 0)).toBe(128);
    d.close();
  });

  it("imports backtesting.py's date-indexed GOOG.csv as daily bars", async () => {
    const path = 'test/fixtures/oracles/GOOG.csv';
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const d = db('goog');
    const key = instrument('nasdaq', 'GOOG', '1d');
    const r = await importCsvToCache(d, path, key);
    expect(r.kind).toBe('date_indexed');
    expect(r.rows).toBe(lines.length - 1);
    const got = new CandleCache(d).read(key);
    const [date, open, high, low, close, volume] = lines[1].split(',');
    expect([got.time[0], got.open[0], got.high[0], got.low[0], got.close[0], got.volume[0]]).toEqual([Date.parse(`${date}T00:00:00Z`), +open, +high, +low, +close, +volume]);
    d.close();
  });

  describe('errors name the line and the field, and leave the cache as it was', () => {
    const good = () => Array.from({ length: 20 }, (_, i) => binanceRow(btc1h, i));

    async function expectError(name: string, lines: string[], line: number, field: string, reason: RegExp): Promise<void> {
      const d = db(`err-${name}`);
      await importCsvToCache(d, write(`ok-${name}.csv`, good().slice(0, 5).join('\n')), KEY);
      const before = cachedRows(d);
      const e = await importError(d, write(`${name}.csv`, lines.join('\n')));
      expect(e.line).toBe(line);
      expect(e.field).toBe(field);
      expect(e.message).toMatch(new RegExp(`^${name}\\.csv:${line}: ${field} `));
      expect(e.reason).toMatch(reason);
      expect(cachedRows(d)).toEqual(before);
      d.close();
    }

    it('a word where a price should be', async () => {
      const lines = good();
      const parts = lines[12].split(',');
      parts[2] = 'abc';
      lines[12] = parts.join(',');
      await expectError('word', lines, 13, 'high', /is not a number \("abc"\)/);
    });

    it('an empty volume', async () => {
      const lines = good();
      const parts = lines[3].split(',');
      parts[5] = '';
      lines[3] = parts.join(',');
      await expectError('emptyvol', lines, 4, 'volume', /is not a number/);
    });

    it('a high below the close', async () => {
      const lines = good();
      const parts = lines[7].split(',');
      parts[2] = String(Number(parts[4]) / 2);
      parts[3] = String(Number(parts[4]) / 3);
      lines[7] = parts.join(',');
      await expectError('highlow', lines, 8, 'high', /is below max\(open, close\)/);
    });

    it('a row with too few fields', async () => {
      const lines = good();
      lines[15] = '1502942400000,1,2';
      await expectError('short', lines, 16, 'row', /has 3 fields, expected at least 6/);
    });

    it('a fractional open time', async () => {
      const lines = good();
      lines[1] = lines[1].replace(/^\d+/, '1502946000000.5');
      await expectError('fraction', lines, 2, 'open_time', /not a whole number/);
    });

    it('bars off the interval grid (the wrong --interval)', async () => {
      const d = db('grid');
      const e = await importError(d, write('grid.csv', good().join('\n')), instrument('binance', 'BTCUSDT', '1d'));
      expect(e.line).toBe(1);
      expect(e.message).toContain('is not on the 1d grid');
      d.close();
    });

    it('an unknown header', async () => {
      const d = db('header');
      const e = await importError(d, write('header.csv', 'time;open;high;low;close;volume\n1;2;3;4;5;6\n'));
      expect(e.line).toBe(1);
      expect(e.field).toBe('header');
      d.close();
    });

    it('a header and no bars', async () => {
      const d = db('nobars');
      const e = await importError(d, write('nobars.csv', 'open_time_ms,open,high,low,close,volume\n'));
      expect(e.message).toContain('has a header but no bars');
      d.close();
    });
  });

  it('streams a large generated file in batches and imports every bar', async () => {
    const N = 1_500_000;
    const path = join(dir, 'large.csv');
    const out = createWriteStream(path);
    const t0 = Date.UTC(2020, 0, 1);
    for (let i = 0; i < N; i += 10_000) {
      const chunk: string[] = [];
      for (let j = i; j < Math.min(N, i + 10_000); j++) {
        const p = 100 + (j % 1000) / 100;
        chunk.push(`${(t0 + j * 60_000) * 1000},${p},${p + 1},${p - 1},${p + 0.5},${j % 97},0,0,0,0,0,0`);
      }
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    // Streaming: the first batch arrives long before the file has been read.
    let firstBatchAt = -1;
    let total = 0;
    let batches = 0;
    let lastProgress = { bytesRead: 0, totalBytes: 1 };
    for await (const b of readCandleCsv(path, { batchSize: 50_000, onProgress: (p) => (lastProgress = p) })) {
      if (firstBatchAt < 0) firstBatchAt = lastProgress.bytesRead / lastProgress.totalBytes;
      total += b.length;
      batches++;
    }
    expect(total).toBe(N);
    expect(batches).toBe(Math.ceil(N / 50_000));
    expect(firstBatchAt).toBeLessThan(0.1);
    const d = db('large');
    const key = instrument('binance', 'SYNTH', '1m');
    const r = await importCsvToCache(d, path, key);
    expect(r).toMatchObject({ rows: N, timeUnit: 'us', firstMs: t0, lastMs: t0 + (N - 1) * 60_000 });
    const c = new CandleCache(d).read(key);
    expect(c.length).toBe(N);
    expect([c.open[N - 1], c.close[N - 1], c.volume[N - 1]]).toEqual([100 + ((N - 1) % 1000) / 100, 100 + ((N - 1) % 1000) / 100 + 0.5, (N - 1) % 97]);
    expect(new CandleCache(d).gaps(key)).toEqual([]);
    d.close();
  });

  it('loads a Binance CSV directly as --data', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => binanceRow(btc1h, 499 - i)); // reversed order
    const path = write('spec.csv.gz', gzipSync(lines.join('\n')));
    const r = await loadCandlesForSpec(path);
    expect(r.source).toBe(`csv:${path}`);
    expect(rows(r.candles, 0, r.candles.length)).toEqual(rows(btc1h, 0, 500));
  });
});
