import { describe, expect, it } from 'vitest';
import { decimalsOf, formatPrice, pricePrecision } from './pricePrecision';

describe('price precision', () => {
  it('counts the decimals a price is printed with', () => {
    expect([106500, 2451.5, 2451.23, 0.1, 0.00001234, 1e-7, 1.5e21].map(decimalsOf)).toEqual([0, 1, 2, 1, 8, 7, 0]);
  });

  it('takes the most decimals seen in the bars, and formats to it', () => {
    const bars = [{ open: 2451.2, high: 2452, low: 2450.05, close: 2451 }, { open: 2451, high: 2453.1, low: 2449, close: 2450.5 }];
    expect(pricePrecision(bars)).toBe(2);
    expect(formatPrice(2451.2345678, 2)).toBe('2451.23');
    expect(formatPrice(2451.2345678, null)).toBe('2451.2345678');
  });
});
