/**
 * The page of envelopePaths.test.ts: uPlot and envelopePaths only, bundled as one script.
 * `window.drawBoth(kind)` draws one 130,000-point curve twice, through envelopePaths and
 * through uPlot's own line builder, and returns each plot's painted rows per pixel column.
 */
import uPlot from 'uplot';
import { envelopePaths } from '../../../src/renderer/src/charts/envelopePaths';

function curve(kind: string): [Float64Array, Float64Array] {
  const n = 130_000;
  const x = new Float64Array(n), y = new Float64Array(n);
  let seed = 11, v = 10_000;
  for (let i = 0; i < n; i++) {
    seed = (seed * 16807) % 2147483647;
    const r = seed / 2147483647 - 0.5;
    // 'steps': long flat stretches and jumps, as an equity out of the market; 'walk': a noisy drift; 'spike': one outlier.
    if (kind !== 'steps') v += r * 20;
    else if (i % 997 === 0) v += r * 400;
    x[i] = 1_700_000_000 + i * 60;
    y[i] = kind === 'spike' && i === 64_321 ? v * 1.5 : v;
  }
  return [x, y];
}
export interface Extents {
  /** Per pixel column of the plot: topmost and bottommost painted row (-1 when none). */
  top: number[];
  bottom: number[];
  width: number;
}

declare global {
  interface Window {
    drawBoth(kind: string): Promise<{ envelope: Extents; linear: Extents }>;
  }
}

function extents(u: uPlot): Extents {
  const { left, top, width, height } = u.bbox;
  const img = u.ctx.getImageData(left, top, width, height).data;
  const tops: number[] = [], bottoms: number[] = [];
  for (let c = 0; c < width; c++) {
    let t = -1, b = -1;
    for (let r = 0; r < height; r++) {
      // The stroke is red on a transparent canvas (no fill, no grid); a 1 px line between two
      // rows paints both at half strength, so faint counts too.
      if (img[(r * width + c) * 4 + 3] > 40) {
        if (t < 0) t = r;
        b = r;
      }
    }
    tops.push(t);
    bottoms.push(b);
  }
  return { top: tops, bottom: bottoms, width };
}

function plot(data: [Float64Array, Float64Array], paths: uPlot.Series.PathBuilder | undefined): uPlot {
  const host = document.createElement('div');
  document.body.appendChild(host);
  return new uPlot({
    width: 800, height: 300, pxAlign: 0,
    // Padded, so a flat stretch at the extremes is not half clipped by the plot's edge.
    scales: { x: { time: false }, y: { range: (_u, lo, hi) => [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05] } },
    axes: [{ show: false }, { show: false }],
    cursor: { show: false }, legend: { show: false },
    series: [{}, { stroke: 'red', width: 1, points: { show: false }, ...(paths ? { paths } : {}) }],
  }, data as unknown as uPlot.AlignedData, host);
}
window.drawBoth = async (kind) => {
  const data = curve(kind);
  const a = plot(data, envelopePaths());
  const b = plot(data, undefined);
  // uPlot draws after the current task (its commit is queued): read the pixels a frame later.
  await new Promise((done) => requestAnimationFrame(done));
  return { envelope: extents(a), linear: extents(b) };
};
