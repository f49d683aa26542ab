import { describe, expect, it } from 'vitest';
import { createRng } from './rng';

describe('createRng', () => {
  it('repeats its sequence for a seed and gives unrelated ones for neighbouring seeds', () => {
    const draw = (seed: number): number[] => {
      const r = createRng(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    const a = draw(1);
    const b = draw(2);
    expect(a.some((x, i) => x === b[i])).toBe(false);
  });

  it('draws floats in [0, 1) and integers in [0, n), spread evenly', () => {
    const r = createRng(7);
    const counts = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      counts[r.int(10)]++;
    }
    expect(outside).toBe(0);
    // Each bucket expects 10,000; 5 standard deviations (±475) would be a broken generator.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(475);
    expect(() => r.int(0)).toThrow(/n >= 1/);
  });
});
