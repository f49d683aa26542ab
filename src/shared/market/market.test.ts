import { describe, expect, it } from 'vitest';
import { instrument, parseInstrumentSpec, parseSymbolInterval } from './instrument';
import { intervalMs, isInterval } from './interval';

describe('one instrument and interval model', () => {
  it('refuses the calendar month 1M with its own message, in intervals and instruments alike', () => {
    expect(() => intervalMs('1M')).toThrow('interval "1M" is a calendar month, which has no fixed length and is not supported');
    expect(isInterval('1M')).toBe(false);
    expect(() => parseSymbolInterval('ETHUSDT:1M')).toThrow('calendar month');
    expect(() => parseInstrumentSpec('binance:ETHUSDT:1M')).toThrow('calendar month');
  });

  it('parses both spellings with the same symbol and interval rules', () => {
    expect(parseInstrumentSpec('cache:Binance:ethusdt:15m')).toEqual({ exchange: 'binance', symbol: 'ETHUSDT', interval: '15m' });
    expect(parseSymbolInterval(' ethusdt:15m')).toEqual({ symbol: 'ETHUSDT', interval: '15m' });
    expect(() => parseSymbolInterval('ETHUSDT:7q')).toThrow('interval "7q" is not valid');
    expect(() => parseSymbolInterval('binance:ETHUSDT:1m')).toThrow('drop the exchange prefix "binance:"');
    expect(() => instrument('binance', 'ETH USDT', '1m')).toThrow('symbol "ETH USDT" is not valid');
  });
});
