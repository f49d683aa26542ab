/**
 * uPlot `paths` for long line series: a run's equity and drawdown, one point per bar.
 *
 * uPlot's own line builder converts every point in view to pixels through closures whose
 * doubles are boxed: on the 1m sample (130,708 points) that was 4 MB of garbage and about
 * 3 ms per series at every draw, for a line that ends up one pixel column per ~80 points.
 * When the view holds at least MERGE_FROM points per pixel column, this builder merges
 * them per column first: each column's first, lowest, highest and last value, the
 * extremes read from a BlockExtremes over the series (built once per data array), so a
 * draw costs O(columns + blocks) and still shows every spike the full line would.
 * With fewer points it hands over to uPlot's line builder unchanged.
 *
 * For data that does not change once drawn (like OhlcIndex): a new curve is a new array.
 */
import uPlot from 'uplot';
import { BlockExtremes } from './blockExtremes';
import { OhlcBuckets } from './ohlcBuckets';

/** Points per pixel column from which columns are merged (uPlot itself decimates from 4). */
const MERGE_FROM = 4;

export function envelopePaths(): uPlot.Series.PathBuilder {
  const linear = uPlot.paths.linear?.();
  if (linear === undefined) throw new Error('uPlot.paths.linear is missing from this uPlot build');
  // Keyed by the data array itself: another run's curve gets its own summaries.
  const summaries = new WeakMap<Float64Array, BlockExtremes>();
  // Reused from draw to draw: a frame allocates its two paths and nothing else.
  const columns = new OhlcBuckets();
  return (u, seriesIdx, idx0, idx1) => {
    const ys = u.data[seriesIdx];
    const xs = u.data[0];
    const width = u.bbox.width;
    if (!(ys instanceof Float64Array) || idx1 - idx0 + 1 < width * MERGE_FROM) return linear(u, seriesIdx, idx0, idx1);
    let extremes = summaries.get(ys);
    if (extremes === undefined) {
      extremes = new BlockExtremes(ys, ys);
      summaries.set(ys, extremes);
    }
    const series = u.series[seriesIdx];
    const scale = series.scale ?? 'y';
    const n = columns.fill({ open: ys, high: ys, low: ys, close: ys }, idx0, idx1, Math.ceil((idx1 - idx0 + 1) / width), extremes);
    const stroke = new Path2D();
    let started = false;
    let firstX = NaN, lastX = NaN;
    for (let k = 0; k < n; k++) {
      // A column of missing values is skipped; the line joins its neighbours.
      if (columns.low[k] === Infinity) continue;
      // One x per column, as uPlot's own decimation: enter at the first value, visit the
      // lowest and highest when they are not already the entry or exit, leave at the last.
      const x = u.valToPos(xs[columns.from[k]] as number, 'x', true);
      const low = columns.low[k], high = columns.high[k];
      const first = columns.open[k] === columns.open[k] ? columns.open[k] : low;
      const last = columns.close[k] === columns.close[k] ? columns.close[k] : high;
      const yFirst = u.valToPos(first, scale, true);
      if (started) stroke.lineTo(x, yFirst);
      else {
        stroke.moveTo(x, yFirst);
        started = true;
        firstX = x;
      }
      if (low !== first && low !== last) stroke.lineTo(x, u.valToPos(low, scale, true));
      if (high !== first && high !== last) stroke.lineTo(x, u.valToPos(high, scale, true));
      if (last !== first) stroke.lineTo(x, u.valToPos(last, scale, true));
      lastX = x;
    }
    let fill: Path2D | null = null;
    if (started && series.fill != null) {
      // Closed towards the series' fill level, as uPlot's builder does.
      const fillTo = typeof series.fillTo === 'function' ? series.fillTo(u, seriesIdx, series.min ?? 0, series.max ?? 0) : (series.fillTo ?? 0);
      const y = u.valToPos(fillTo, scale, true);
      fill = new Path2D(stroke);
      fill.lineTo(lastX, y);
      fill.lineTo(firstX, y);
    }
    // flags 1: a band clip applies to the fill only (uPlot's BAND_CLIP_FILL, as its line builder).
    return { stroke, fill, clip: null, band: null, flags: 1 };
  };
}
