import { describe, expect, it } from 'vitest';
import { decodeBlock, encodeBlock, mergeBars, sortDedupe, toBarColumns, type BarColumns } from './blocks';

function bars(times: number[], base = 100): BarColumns {
  return toBarColumns({ time: times, open: times.map((_, i) => base + i), high: times.map((_, i) => base + i + 2), low: times.map((_, i) => base + i - 2), close: times.map((_, i) => base + i + 1), volume: times.map((_, i) => i) });
}

describe('candle blocks', () => {
  it('round-trips through a blob, also from an unaligned buffer', () => {
    const b = bars([60_000, 120_000, 240_000]);
    const blob = encodeBlock(b);
    const unaligned = Buffer.alloc(blob.length + 3);
    blob.copy(unaligned, 3);
    for (const src of [blob, unaligned.subarray(3)]) {
      const d = decodeBlock(src, 3);
      expect(Array.from(d.time)).toEqual([60_000, 120_000, 240_000]);
      expect(Array.from(d.close)).toEqual(Array.from(b.close));
    }
  });

  it('merges by open time; the incoming bar replaces an existing one', () => {
    const m = mergeBars(bars([1, 3, 5]), bars([2, 3, 6], 500));
    expect(Array.from(m.time)).toEqual([1, 2, 3, 5, 6]);
    expect(m.open[2]).toBe(501); // time 3 from the incoming series
  });

  it('sorts and drops duplicates keeping the later one', () => {
    const { bars: s, duplicates } = sortDedupe(bars([3, 1, 2, 1, 3]));
    expect(Array.from(s.time)).toEqual([1, 2, 3]);
    expect(duplicates).toBe(2);
    expect(Array.from(s.open)).toEqual([103, 102, 104]);
  });
});
