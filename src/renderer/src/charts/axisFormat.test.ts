import { describe, expect, it } from 'vitest';
import { pctTicks } from './axisFormat';

describe('pctTicks', () => {
  it('keeps whole percents when ticks are whole percents apart', () => {
    expect(pctTicks([-20, -10, 0])).toEqual(['-20%', '-10%', '0%']);
  });

  it('gives zoomed-in ticks the decimals that tell them apart', () => {
    const labels = pctTicks([-1.4, -1.2, -1, -0.8, -0.6]);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(['-1.4%', '-1.2%', '-1.0%', '-0.8%', '-0.6%']);
    expect(pctTicks([-0.05, -0.025, 0])).toEqual(['-0.050%', '-0.025%', '0.000%']);
  });
});
