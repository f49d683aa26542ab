import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { inferAnnualization, bucketEnds } from './annualization';
import { candleProfile } from './candleProfile';
import { logReturnSlope, logReturnSlopeOnKnown } from './sampleStats';
import { MS_PER_HOUR } from './timeText';

const T0 = Date.UTC(2024, 0, 1);

function series(n: number): { time: Float64Array; close: Float64Array } {
  const time = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = T0 + i * MS_PER_HOUR;
    close[i] = 100 + 10 * Math.sin(i / 7) + i / 50;
  }
  return { time, close };
}

describe('candleProfile', () => {
  it('is found again for another view of the same bars (a new subarray per run)', () => {
    const { time, close } = series(500);
    const a = candleProfile(time.subarray(100, 400), close.subarray(100, 400));
    const b = candleProfile(time.subarray(100, 400), close.subarray(100, 400));
    expect(b).toBe(a);
    // A different window of the same buffers is a different candle set.
    expect(candleProfile(time.subarray(100, 401), close.subarray(100, 401))).not.toBe(a);
  });

  it('serves the close returns after the view it was first built from was collected (walk-forward slices anew)', async () => {
    const { time, close } = series(500);
    const profileOfFirstView = (): void => { candleProfile(time.subarray(50, 450), close.subarray(50, 450)); };
    profileOfFirstView();
    // WeakRefs are cleared only between jobs: yield, then collect the first view.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const again = close.subarray(50, 450);
    const y = candleProfile(time.subarray(50, 450), again).closeLogReturns();
    expect(y.values[1]).toBe(Math.log(again[1] / again[0]));
  });

  it('holds what the statistics would work out from the times themselves', () => {
    const { time, close } = series(500);
    const p = candleProfile(time, close);
    expect(p.annualization).toEqual(inferAnnualization(time));
    expect(p.bucketEnds).toEqual(bucketEnds(time, 'D'));
    expect(p.resolutionMs).toBe(MS_PER_HOUR);
  });

  it('is rebuilt when the bars were rewritten in place (a live buffer), not served stale', () => {
    const { time, close } = series(300);
    const before = candleProfile(time, close);
    close[299] = 1;
    const after = candleProfile(time, close);
    expect(after).not.toBe(before);
    expect(after.closeLogReturns().values[299]).toBe(Math.log(1 / close[298]));
  });

  it("gives logReturnSlope's Beta to 1e-12 from the cached close returns", () => {
    const { time, close } = series(2000);
    const equity = new Float64Array(2000);
    for (let i = 0; i < equity.length; i++) equity[i] = i % 9 === 0 && i > 0 ? equity[i - 1] : 1000 + 3 * close[i] + Math.cos(i);
    const y = candleProfile(time, close).closeLogReturns();
    const fast = logReturnSlopeOnKnown(equity, y.values, y.mean, y.squaredDeviations);
    const reference = logReturnSlope(equity, close);
    expect(Math.abs(fast - reference)).toBeLessThan(1e-12 * Math.abs(reference));
    // Flat equity: no covariance at all.
    expect(logReturnSlopeOnKnown(new Float64Array(2000).fill(5), y.values, y.mean, y.squaredDeviations)).toBe(0);
  });
});

/** A full collection, from inside the test (the flag can be turned on at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
