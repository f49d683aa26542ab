import { describe, expect, it } from 'vitest';
import { checkInstrument, checkRange } from './instrumentCheck';

describe('Data screen form checks', () => {
  it('normalises a valid instrument and names the field at fault otherwise', () => {
    expect(checkInstrument('Binance', 'btcusdt', '1h')).toEqual({ instrument: 'binance:BTCUSDT:1h' });
    expect(checkInstrument('binance', '', '1h')).toEqual({ errors: { symbol: 'give a symbol, e.g. BTCUSDT' } });
    expect(checkInstrument('binance', 'BTC_USDT', '1h')).toMatchObject({ errors: { symbol: expect.stringMatching(/^symbol "BTC_USDT" is not valid/) } });
    expect(checkInstrument('bin ance', 'BTCUSDT', '1h')).toMatchObject({ errors: { exchange: expect.any(String) } });
    expect(checkInstrument('binance', 'BTCUSDT', '7q')).toMatchObject({ errors: { interval: expect.any(String) } });
  });

  it('reads dates as whole days in the zone, To inclusive', () => {
    expect(checkRange('2023-01-01', '2023-01-31', 'utc')).toEqual({ fromMs: Date.UTC(2023, 0, 1), toMs: Date.UTC(2023, 1, 1) });
    expect(checkRange('', '', 'utc')).toEqual({});
    expect(checkRange('2023-02-01', '2023-01-01', 'utc')).toEqual({ errors: { to: 'must be on or after From' } });
    expect(checkRange('2023-13-45x', '', 'utc')).toMatchObject({ errors: { from: expect.any(String) } });
  });
});
