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

  it('reads a calendar-month kline, whose close time is the month\'s last millisecond', () => {
    const month: LiveCandle = { ...candle, interval: '1M', time: Date.UTC(2024, 1, 1) };
    const text = encodeBinance(month);
    expect((JSON.parse(text) as { k: { T: number } }).k.T).toBe(Date.UTC(2024, 2, 1) - 1);
    expect(decodeCandleMessage(text)).toEqual({ ok: true, candle: month, format: 'binance' });
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

describe('messages of a Python upstream (json.dumps of its candle dicts)', () => {
  const py = (over: Record<string, unknown> = {}): string => JSON.stringify({
    symbol: 'ETHUSDT', timeframe: '1m', open_time: 1_700_000_040_000, close_time: 1_700_000_099_999,
    open: 2000.5, high: 2001, low: 1999.25, close: 2000.75, volume: 3.5, is_closed: true, ...over,
  });
  const eth = { symbol: 'ETHUSDT', interval: '1m', time: 1_700_000_040_000, open: 2000.5, high: 2001, low: 1999.25, close: 2000.75, volume: 3.5, closed: true };

  it('reads the snake_case spelling, as a string and as bytes', () => {
    expect(decodeCandleMessage(py())).toEqual({ ok: true, candle: eth, format: 'canonical' });
    expect(decodeCandleMessage(Buffer.from(py()))).toEqual({ ok: true, candle: eth, format: 'canonical' });
    expect(decodeCandleMessage(Buffer.from(py({ is_closed: false })))).toMatchObject({ ok: true, candle: { closed: false } });
  });

  it('reads epoch seconds, fractional seconds and ISO-8601 times as the same bar', () => {
    for (const t of [1_700_000_040, 1_700_000_040.0, '1700000040', '2023-11-14T22:14:00Z', '2023-11-14T22:14:00+00:00', '2023-11-14T22:14:00', '2023-11-14 22:14:00.000000+00:00']) {
      expect(decodeCandleMessage(Buffer.from(py({ open_time: t }))), `open_time ${JSON.stringify(t)}`).toMatchObject({ ok: true, candle: { time: eth.time } });
    }
    // The camelCase spelling with seconds, through the byte fast path too.
    const camel = JSON.parse(encodeCanonical(candle)) as Record<string, unknown>;
    expect(decodeCandleMessage(Buffer.from(JSON.stringify({ ...camel, openTime: candle.time / 1000 })))).toEqual({ ok: true, candle, format: 'canonical' });
  });

  it('never makes a 1970 bar: a time that is neither plausible seconds nor milliseconds is bad_time', () => {
    for (const t of [0, 5, 1_700_000, 86_400_000, 1e300, -1_700_000_040, '1970-01-01T00:00:00Z', 'tomorrow']) {
      for (const msg of [py({ open_time: t }), JSON.stringify({ ...JSON.parse(encodeCanonical(candle)), openTime: t })]) {
        const r = decodeCandleMessage(Buffer.from(msg));
        expect(r.ok ? `accepted as ${new Date(r.candle.time).toISOString()}` : r.reason, msg).toBe('bad_time');
      }
    }
  });

  it('accepts "closed" given as the strings "true" / "false"', () => {
    const base = JSON.parse(encodeCanonical(candle)) as Record<string, unknown>;
    expect(decodeCandleMessage(Buffer.from(JSON.stringify({ ...base, closed: 'true' })))).toEqual({ ok: true, candle, format: 'canonical' });
    expect(decodeCandleMessage(Buffer.from(JSON.stringify({ ...base, closed: 'false' })))).toMatchObject({ ok: true, candle: { closed: false } });
    expect(decodeCandleMessage(Buffer.from(py({ is_closed: 'True' })))).toMatchObject({ ok: true, candle: { closed: true } });
    expect(decodeCandleMessage(Buffer.from(JSON.stringify({ ...base, closed: 'maybe' })))).toMatchObject({ ok: false });
  });

  it('names the missing field, its other spelling and the keys that were present', () => {
    const r = decodeCandleMessage(Buffer.from(JSON.stringify({ symbol: 'ETHUSDT', timeframe: '1m', ts: 1, open: 1, high: 1, low: 1, close: 1, volume: 1 })));
    expect(r).toMatchObject({ ok: false, reason: 'missing_field' });
    const detail = r.ok ? '' : r.detail;
    expect(detail).toMatch(/openTime.*open_time/);
    expect(detail).toMatch(/present: symbol, timeframe, ts, open, high, low, close, volume/);
  });
});

describe('candle invariants', () => {
  it('are the shared candle rule, with its message shape', () => {
    const r = decodeCandleMessage(JSON.stringify({ ...JSON.parse(encodeCanonical(candle)), open: 100, close: 105, high: 100.5, low: 99 }));
    expect(r).toEqual({ ok: false, reason: 'ohlc_inconsistent', detail: 'candle: high 100.5 is below max(open, close) = 105' });
  });
});
