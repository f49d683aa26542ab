import { describe, expect, it } from 'vitest';
import { instrument, parseInstrumentSpec, parseSymbolInterval } from './instrument';
import { barGrid, intervalMs, isInterval } from './interval';

describe('one instrument and interval model', () => {
  it('takes the calendar month 1M in intervals and instruments alike, and refuses it where a fixed length is needed', () => {
    expect(isInterval('1M')).toBe(true);
    expect(parseSymbolInterval('ETHUSDT:1M')).toEqual({ symbol: 'ETHUSDT', interval: '1M' });
    expect(parseInstrumentSpec('binance:ETHUSDT:1M').interval).toBe('1M');
    expect(() => intervalMs('1M')).toThrow('"1M" is a calendar month, which has no fixed length');
    expect(() => parseSymbolInterval('ETHUSDT:5M')).toThrow('a count of calendar months must divide a year');
  });

  it('cuts months on the 1st at 00:00 UTC, whatever their length', () => {
    const g = barGrid('1M');
    const feb = Date.UTC(2024, 1, 1);
    expect(g.start(Date.UTC(2024, 1, 29, 23, 59))).toBe(feb);
    expect(g.end(feb)).toBe(Date.UTC(2024, 2, 1));
    expect(g.add(feb, 11)).toBe(Date.UTC(2025, 0, 1));
    expect(g.countBetween(Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1))).toBe(12);
    expect(g.countBetween(Date.UTC(2024, 0, 2), Date.UTC(2025, 0, 1))).toBe(11);
    expect(barGrid('3M').start(Date.UTC(2024, 4, 9))).toBe(Date.UTC(2024, 3, 1));
  });

  it('knows which grids nest: days in months, not weeks; hours in days and weeks', () => {
    const month = barGrid('1M');
    expect(month.isMadeOf(barGrid('1d'))).toBe(true);
    expect(month.isMadeOf(barGrid('1m'))).toBe(true);
    expect(month.isMadeOf(barGrid('1w'))).toBe(false);
    expect(month.isMadeOf(barGrid('3d'))).toBe(false);
    expect(barGrid('3M').isMadeOf(month)).toBe(true);
    expect(barGrid('1w').isMadeOf(barGrid('1d'))).toBe(true);
    expect(barGrid('1w').isMadeOf(barGrid('2d'))).toBe(false);
    expect(barGrid('4h').isMadeOf(barGrid('1h'))).toBe(true);
    expect(barGrid('1h').isMadeOf(barGrid('1h'))).toBe(false);
  });

  it('parses both spellings with the same symbol and interval rules', () => {
    expect(parseInstrumentSpec('cache:Binance:ethusdt:15m')).toEqual({ exchange: 'binance', symbol: 'ETHUSDT', interval: '15m' });
    expect(parseSymbolInterval(' ethusdt:15m')).toEqual({ symbol: 'ETHUSDT', interval: '15m' });
    expect(() => parseSymbolInterval('ETHUSDT:7q')).toThrow('interval "7q" is not valid');
    expect(() => parseSymbolInterval('binance:ETHUSDT:1m')).toThrow('drop the exchange prefix "binance:"');
    expect(() => instrument('binance', 'ETH USDT', '1m')).toThrow('symbol "ETH USDT" is not valid');
  });
});
