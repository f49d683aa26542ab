import { describe, expect, it } from 'vitest';
import { decodeCandleMessage, encodeBinance, encodeCanonical, REJECT_REASONS, type LiveCandle } from './candleMessage';
import { scanCandle } from './candleScan';
import { MALFORMED } from '../../../test/support/malformedMessages';

// decodeCandleMessage takes the byte fast path for a Buffer and the JSON.parse path for
// a string, so decoding the same text both ways compares the two paths.
function bothWays(text: string): void {
  expect(decodeCandleMessage(Buffer.from(text)), text).toEqual(decodeCandleMessage(text));
}

const candle: LiveCandle = { symbol: 'BTCUSDT', interval: '1m', time: 1_700_000_040_000, open: 42000.5, high: 42100, low: 41950.25, close: 42010, volume: 12.5, closed: true };

/** A small deterministic generator, so a failure names a reproducible payload. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('scanCandle (the byte fast path)', () => {
  it('reads the usual payloads itself rather than deferring to JSON.parse', () => {
    for (const text of [encodeBinance(candle), encodeBinance(candle, true), encodeCanonical(candle), encodeBinance({ ...candle, closed: false })]) {
      const fast = scanCandle(Buffer.from(text));
      expect(fast, text).not.toBeNull();
      expect(fast).toEqual(decodeCandleMessage(text));
    }
  });

  it('gives the same result as the general decoder on every malformed kind', () => {
    for (const reason of REJECT_REASONS) for (let i = 0; i < 40; i++) bothWays(MALFORMED[reason](i));
  });

  it('gives the same result on unusual but valid JSON and on near misses', () => {
    const cases = [
      '{"symbol":"btcusdt","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      ' \n{ "symbol" : "BTCUSDT" , "interval" : "1m" , "openTime" : "1700000040000" , "open" : "1." , "high" : "2" , "low" : "0.5" , "close" : "1.5" , "volume" : "-0" }\t',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1.70000004e12,"open":1e0,"high":2E0,"low":5e-1,"close":1.5,"volume":0}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":" 1","high":"+2","low":".5","close":"1.5e0","volume":"0"}',
      '{"symbol":"BTCUSDT","interval":"toString","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      '{"symbol":"BTCUSDT","interval":"constructor","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      '{"symbol":"BTC\\u0055SDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      '{"symbol":"BTCÜSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0,"closed":null}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0,"extra":[1,{"a":[]},"x",null,true,-0.5e+3]}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0,"extra":01}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0,"extra":"a\\qb"}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}x',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0,}',
      '{"symbol":"ETHUSDT","symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      '{"e":"kline","s":"BTCUSDT","k":{"t":1,"i":"1m","o":"1","h":"2","l":"1","c":"1","v":"1","x":true},"k":{"t":2,"i":"1m","o":"1"}}',
      '{"e":"kline","s":"BTCUSDT","k":{"t":1,"i":"1m","o":"1","h":"2","l":"1","c":"1","v":"1","x":true},"k":7}',
      '{"e":"trade","s":"BTCUSDT","k":{"t":1,"i":"1m","o":"1","h":"2","l":"1","c":"1","v":"1","x":true}}',
      '{"s":"BTCUSDT","symbol":"X","k":{"t":1,"i":"1m","o":"1","h":"2","l":"1","c":"1","v":"1","x":"true"}}',
      '{"stream":"x","data":{"e":"kline","s":"BTCUSDT","k":{"t":1,"i":"1m","o":"1.123456789012345678","h":"2","l":"1","c":"1","v":"1","x":true}}}',
      '{"stream":"x","data":{"stream":"y","data":5,"e":"kline","s":"BTCUSDT","k":{"t":1,"i":"1m","o":"1","h":"2","l":"1","c":"1","v":"1","x":false}}}',
      '{"data":{"e":"kline","s":"BTCUSDT","k":{"t":1,"i":"1m","o":"1","h":"2","l":"1","c":"1","v":"1","x":true}}}',
      '{"stream":"x","data":[1]}',
      '{"stream":"x","data":{"symbol":"BTCUSDT","interval":"1m","openTime":5,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}}',
      `{"a":${'['.repeat(40)}${']'.repeat(40)},"symbol":"BTCUSDT","interval":"1m","openTime":5,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}`,
      '{"symbol":"BTCUSDT","interval":"1m","openTime":5,"open":123456789012345678,"high":123456789012345679,"low":0.5,"close":1.5,"volume":0.1}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":5,"open":0.1,"high":0.30000000000000004,"low":0.1,"close":0.2,"volume":1e400}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040000,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0,"is_closed":false}',
      '{"symbol":"BTCUSDT","timeframe":"1m","open_time":1700000040,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0,"is_closed":"true"}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":1700000040,"open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      '{"symbol":"BTCUSDT","interval":"1m","openTime":"2023-11-14T22:14:00Z","open":1,"high":2,"low":0.5,"close":1.5,"volume":0}',
      '',
      '   ',
      '{}',
      '[]',
      'null',
    ];
    for (const c of cases) bothWays(c);
  });

  it('gives the same result on thousands of randomly damaged messages', () => {
    const next = rng(42);
    const alphabet = '{}[]",:.-+eE0123456789 \\tfnulxkstrue';
    const seeds = [encodeBinance(candle), encodeBinance(candle, true), encodeCanonical(candle), encodeBinance({ ...candle, closed: false }, true)];
    for (let i = 0; i < 6000; i++) {
      let text = seeds[i % seeds.length];
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * text.length);
        const r = next();
        if (r < 0.4) text = text.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + text.slice(at + 1);
        else if (r < 0.7) text = text.slice(0, at) + text.slice(at + 1);
        else text = text.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + text.slice(at);
      }
      bothWays(text);
    }
  });

  it('converts decimal strings to exactly the doubles Number() gives', () => {
    const next = rng(7);
    for (let i = 0; i < 3000; i++) {
      const intPart = String(Math.floor(next() * 10 ** Math.floor(next() * 9)));
      const frac = String(Math.floor(next() * 10 ** Math.floor(next() * 9))).padStart(Math.floor(next() * 9), '0');
      const price = frac ? `${intPart}.${frac}` : intPart;
      const text = JSON.stringify({ symbol: 'BTCUSDT', interval: '1m', openTime: 1_700_000_040_000, open: price, high: price, low: price, close: price, volume: price });
      const r = decodeCandleMessage(Buffer.from(text));
      if (Number(price) > 0) expect(r.ok && r.candle.open, price).toBe(Number(price));
      bothWays(text);
    }
  });
});
