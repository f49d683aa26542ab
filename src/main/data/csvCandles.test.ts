import { describe, expect, it } from 'vitest';
import { CsvFormatError, detectLayout, parseCandleCsv, parseUtcDate } from './csvCandles';

const HEADER = 'open_time_ms,open,high,low,close,volume';

function expectCsvError(text: string, line: number, field: string): void {
  try {
    parseCandleCsv(text, 'x.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(CsvFormatError);
    const err = e as CsvFormatError;
    expect({ line: err.line, field: err.field }).toEqual({ line, field });
    expect(err.message).toContain(`x.csv:${line}:`);
    return;
  }
  throw new Error('expected a CsvFormatError');
}

describe('parseCandleCsv', () => {
  it('reads the open_time_ms layout into typed columns', () => {
    const c = parseCandleCsv(`${HEADER}\n1000,1,2,0.5,1.5,10\n2000,1.5,2.5,1,2,0\n`, 'x.csv');
    expect(c.length).toBe(2);
    expect(Array.from(c.time)).toEqual([1000, 2000]);
    expect(Array.from(c.close)).toEqual([1.5, 2]);
    expect(c.volume[1]).toBe(0);
  });

  it("reads backtesting.py's date-indexed layout as UTC midnight", () => {
    const c = parseCandleCsv(',Open,High,Low,Close,Volume\n2004-08-19,100,104.06,95.96,100.34,22351900\n', 'goog.csv');
    expect(c.time[0]).toBe(Date.UTC(2004, 7, 19));
    expect(c.high[0]).toBe(104.06);
  });

  it('names the line of a non-numeric price', () => {
    expectCsvError(`${HEADER}\n1000,1,2,0.5,1.5,10\n2000,1.5,abc,1,2,0\n`, 3, 'high');
  });

  it('names the line of an empty field instead of reading it as zero', () => {
    expectCsvError(`${HEADER}\n1000,1,2,0.5,,10\n`, 2, 'close');
  });

  it('names the line of a short row', () => {
    expectCsvError(`${HEADER}\n1000,1,2\n`, 2, 'row');
  });

  it('names the line where time stops increasing, counting skipped blank lines', () => {
    expectCsvError(`${HEADER}\n2000,1,2,0.5,1.5,10\n\n1000,1,2,0.5,1.5,10\n`, 4, 'time');
  });

  it('names the line of a bar whose high is below its close', () => {
    expectCsvError(`${HEADER}\n1000,1,1.2,0.5,1.5,10\n`, 2, 'high');
  });

  it('rejects an unknown header on line 1', () => {
    expectCsvError('time,o,h,l,c,v\n1,1,1,1,1,1\n', 1, 'header');
  });
});

describe('layout and dates', () => {
  it('detects both layouts case-insensitively', () => {
    expect(detectLayout(HEADER, 'x')).toBe('open_time_ms');
    expect(detectLayout('Date,Open,High,Low,Close,Volume', 'x')).toBe('date_indexed');
  });

  it('reads naive datetimes as UTC and keeps explicit zones', () => {
    expect(parseUtcDate('2024-01-02 03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseUtcDate('2024-01-02T03:04:05+01:00')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(parseUtcDate('yesterday')).toBeNaN();
  });
});
