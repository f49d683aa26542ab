import { describe, expect, it } from 'vitest';
import { createCandles } from '../../engine/candles';
import { parseLength, planWindows } from './windows';

const HOUR = 3_600_000;
function hourly(n: number) {
  const time = Array.from({ length: n }, (_, i) => i * HOUR);
  const p = time.map(() => 100);
  return createCandles({ time, open: p, high: p, low: p, close: p, volume: p });
}

describe('walk-forward windows', () => {
  it('rolls a fixed in-sample length forward by the out-of-sample length, tiling the data', () => {
    const w = planWindows(hourly(100), 'rolling', { bars: 40 }, { bars: 20 });
    expect(w.map((x) => [x.isFrom, x.isTo, x.oosTo])).toEqual([[0, 40, 60], [20, 60, 80], [40, 80, 100]]);
  });

  it('anchors the in-sample start at the first bar and keeps a short last segment', () => {
    const w = planWindows(hourly(95), 'anchored', { bars: 40 }, { bars: 20 });
    expect(w.map((x) => [x.isFrom, x.isTo, x.oosTo])).toEqual([[0, 40, 60], [0, 60, 80], [0, 80, 95]]);
  });

  it('measures durations on the bars\' times', () => {
    const w = planWindows(hourly(24 * 10), 'rolling', parseLength('is', '4d'), parseLength('oos', '2d'));
    expect(w.map((x) => [x.isFrom, x.isTo, x.oosTo])).toEqual([[0, 96, 144], [48, 144, 192], [96, 192, 240]]);
  });

  it('says when nothing fits, and reads lengths with a clear error', () => {
    expect(() => planWindows(hourly(30), 'rolling', { bars: 40 }, { bars: 20 })).toThrow(/no walk-forward window fits in 30 bars/);
    expect(parseLength('x', '5000')).toEqual({ bars: 5000 });
    expect(() => parseLength('--in-sample', 'ten days')).toThrow(/--in-sample must be a bar count/);
  });
});
