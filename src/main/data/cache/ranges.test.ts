import { describe, expect, it } from 'vitest';
import { mergeRanges, subtractRanges } from './ranges';

const r = (fromMs: number, toMs: number) => ({ fromMs, toMs });

describe('coverage ranges', () => {
  it('merges overlapping and touching ranges, drops empty ones', () => {
    expect(mergeRanges([r(10, 20), r(0, 5), r(5, 8), r(15, 30), r(40, 40), r(35, 36)])).toEqual([r(0, 8), r(10, 30), r(35, 36)]);
  });

  it('subtracts what is covered from what is wanted', () => {
    const have = [r(10, 20), r(30, 40)];
    expect(subtractRanges(r(0, 50), have)).toEqual([r(0, 10), r(20, 30), r(40, 50)]);
    expect(subtractRanges(r(12, 18), have)).toEqual([]);
    expect(subtractRanges(r(15, 35), have)).toEqual([r(20, 30)]);
    expect(subtractRanges(r(0, 5), [])).toEqual([r(0, 5)]);
  });
});
