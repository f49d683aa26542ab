/**
 * The price axis of a candle chart: its range fitted to the candles in view (read from
 * the OhlcIndex, so uPlot never scans the O/H/L/C columns itself) together with any
 * overlay lines, on a linear or a log scale.
 */
import type uPlot from 'uplot';
import type { OhlcIndex } from './ohlcIndex';

/** Share of the range added above and below, so the extreme wicks do not touch the edges. */
const PAD = 0.06;

/**
 * uPlot's y range function: `min`/`max` are the overlays' extremes in view (Infinity /
 * -Infinity when there are none); the candles' come from the index over the visible bars
 * (uPlot has already set the x series' visible indexes when it calls this).
 */
export function priceRange(index: OhlcIndex, log: boolean): uPlot.Range.Function {
  return (u, min, max) => {
    let lo = min ?? Infinity, hi = max ?? -Infinity;
    const [i0, i1] = u.series[0].idxs ?? [0, (u.data[0]?.length ?? 0) - 1];
    if (i0 != null && i1 != null && i1 >= i0) {
      index.lowHigh(i0, i1);
      lo = Math.min(lo, index.low);
      hi = Math.max(hi, index.high);
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [1, 10];
    if (log && lo > 0) {
      const f = Math.max((hi / lo) ** PAD, 1.001);
      return [lo / f, hi * f];
    }
    const pad = (hi - lo) * PAD || Math.abs(hi) * 0.01 || 1;
    return [lo - pad, hi + pad];
  };
}

/**
 * Tick values for a log price axis: evenly spaced round prices (uPlot's log ticks sit at
 * 1-2-5 × 10^k only, which leaves a 60,000-70,000 chart with two labels).
 */
export const logPriceSplits: uPlot.Axis.Splits = (_u, _axis, min, max) => niceTicks(min, max, 6);

export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}
