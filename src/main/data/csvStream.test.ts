import { describe, expect, it } from 'vitest';
import { detectKind, parseNumber } from './csvStream';

const parse = (s: string) => {
  const b = Buffer.from(`x${s}y`);
  return parseNumber(b, 1, b.length - 1);
};

describe('parseNumber (the CSV fast path)', () => {
  it('gives exactly the double Number() gives, on random prices and volumes', () => {
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200_000; i++) {
      const intDigits = Math.floor(rnd() * 9);
      const fracDigits = Math.floor(rnd() * 12);
      let s = String(Math.floor(rnd() * 10 ** intDigits));
      if (fracDigits) s += `.${Array.from({ length: fracDigits }, () => Math.floor(rnd() * 10)).join('')}`;
      if (rnd() < 0.05) s = `-${s}`;
      expect(parse(s)).toBe(Number(s));
    }
  });

  it('handles the edge spellings like Number() and refuses what is not a number', () => {
    for (const s of ['0', '-0', '1.', '.5', '007', '1e5', '1.5E-3', '+2', '12345678901234567890', '0.0000000000000000000000001', '105573.730000000']) expect(parse(s)).toBe(Number(s));
    for (const s of ['', ' ', '-', '.', 'abc', '1.2.3', '1,5', 'NaN1']) expect(parse(s)).toBeNaN();
  });
});

describe('detectKind', () => {
  it('tells the three layouts apart from the first line', () => {
    expect(detectKind('1747699200000,105573.73,105597.1,105554.31,105554.32,10.82647,1747699259999,1143018.1,2371,5.1,540000.1,0', 'f')).toBe('binance');
    expect(detectKind('open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore', 'f')).toBe('binance');
    expect(detectKind('open_time_ms,open,high,low,close,volume', 'f')).toBe('open_time_ms');
    expect(detectKind(',Open,High,Low,Close,Volume', 'f')).toBe('date_indexed');
    expect(() => detectKind('a;b;c', 'f.csv')).toThrow(/^f\.csv:1: header is not a known candle layout/);
  });
});
