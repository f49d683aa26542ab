import { describe, expect, it } from 'vitest';
import { decodeCandleMessage, encodeBinance, encodeCanonical, REJECT_REASONS, type LiveCandle } from './candleMessage';
import { MALFORMED } from '../../../test/support/malformedMessages';

const candle: LiveCandle = { symbol: 'BTCUSDT', interval: '1m', time: 1_700_000_040_000, open: 42000.5, high: 42100, low: 41950.25, close: 42010, volume: 12.5, closed: true };

describe('decodeCandleMessage', () => {
  it('round-trips the canonical payload', () => {
    expect(decodeCandleMessage(encodeCanonical(candle))).toEqual({ ok: true, candle, format: 'canonical' });
  });

  it('reads Binance kline events plain and wrapped, with decimal strings', () => {
    expect(decodeCandleMessage(encodeBinance(candle))).toEqual({ ok: true, candle, format: 'binance' });
    expect(decodeCandleMessage(Buffer.from(encodeBinance(candle, true)))).toEqual({ ok: true, candle, format: 'binance' });
  });

  it('marks an unclosed kline as not closed', () => {
    const r = decodeCandleMessage(encodeBinance({ ...candle, closed: false }));
    expect(r.ok && r.candle.closed).toBe(false);
  });

  it('accepts prices given as decimal strings in the canonical form', () => {
    const r = decodeCandleMessage(JSON.stringify({ symbol: 'ethusdt', interval: '5m', openTime: '1700000100000', open: '1.5', high: '2', low: '1', close: '1.75', volume: '0' }));
    expect(r).toEqual({ ok: true, format: 'canonical', candle: { symbol: 'ETHUSDT', interval: '5m', time: 1_700_000_100_000, open: 1.5, high: 2, low: 1, close: 1.75, volume: 0, closed: true } });
  });

  it.each(REJECT_REASONS)('rejects every generated %s payload with that reason', (reason) => {
    for (let i = 0; i < 40; i++) {
      const r = decodeCandleMessage(MALFORMED[reason](i));
      expect(r.ok ? 'accepted' : r.reason, `payload ${MALFORMED[reason](i)}`).toBe(reason);
    }
  });

  it('treats a missing value as not JSON', () => {
    expect(decodeCandleMessage(null)).toMatchObject({ ok: false, reason: 'not_json' });
  });
});
