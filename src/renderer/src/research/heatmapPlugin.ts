/**
 * Paints a heatmap's cells in uPlot's draw hook: the x and y scales are the indices of the
 * two parameters' values (cell k spans k-0.5..k+0.5), so uPlot draws the axes, ticks and
 * labels and this hook only fills rectangles (uPlot's own heatmap demos do the same).
 * Cells without an objective are hatched; the best cell is outlined; values are printed
 * where a cell is large enough to hold them.
 */
import type uPlot from 'uplot';
import type { Heatmap } from '../../../shared/researchTypes';
import { fmtNum } from '../format';
import { objectiveColor } from './researchFormat';

export interface HeatRange {
  min: number;
  max: number;
  best: { xi: number; yi: number } | null;
}

/** Minimum, maximum and the position of the best cell (null when no cell has a value). */
export function heatRange(h: Heatmap): HeatRange {
  let min = Infinity, max = -Infinity;
  let best: HeatRange['best'] = null;
  h.z.forEach((row, yi) =>
    row.forEach((v, xi) => {
      if (v === null) return;
      if (v > max) {
        max = v;
        best = { xi, yi };
      }
      if (v < min) min = v;
    }),
  );
  return { min, max, best };
}

export function heatmapPlugin(h: Heatmap, range: HeatRange, selected: () => { xi: number; yi: number } | null): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const dpr = devicePixelRatio;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          const font = Math.round(10 * dpr);
          ctx.font = `${font}px "Inter", "Segoe UI", system-ui, sans-serif`;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          for (let yi = 0; yi < h.z.length; yi++) {
            for (let xi = 0; xi < h.z[yi].length; xi++) {
              const r = cellRect(u, xi, yi);
              const v = h.z[yi][xi];
              if (v === null) {
                ctx.fillStyle = 'rgba(125,135,154,0.10)';
                ctx.fillRect(r.x, r.y, r.w, r.h);
                continue;
              }
              ctx.fillStyle = objectiveColor(v, range.min, range.max);
              ctx.fillRect(r.x, r.y, r.w, r.h);
              if (r.w >= 38 * dpr && r.h >= 14 * dpr) {
                ctx.fillStyle = 'rgba(255,255,255,0.85)';
                ctx.fillText(fmtNum(v, Math.abs(v) >= 100 ? 0 : 2), r.x + r.w / 2, r.y + r.h / 2);
              }
            }
          }
          outline(u, range.best, '#ffd666');
          outline(u, selected(), '#ffffff');
          ctx.restore();
        },
      ],
    },
  };
}

/** The cell under a point of the plot area (CSS pixels, as uPlot's cursor gives them). */
export function cellAt(u: uPlot, h: Heatmap, left: number, top: number): { xi: number; yi: number } | null {
  if (left < 0 || top < 0) return null;
  const xi = Math.round(u.posToVal(left, 'x'));
  const yi = Math.round(u.posToVal(top, 'y'));
  if (yi < 0 || yi >= h.z.length || xi < 0 || xi >= (h.z[yi]?.length ?? 0)) return null;
  return { xi, yi };
}

/** A cell's rectangle in canvas pixels, with a one-pixel gap so neighbours stay apart. */
function cellRect(u: uPlot, xi: number, yi: number): { x: number; y: number; w: number; h: number } {
  const x0 = u.valToPos(xi - 0.5, 'x', true), x1 = u.valToPos(xi + 0.5, 'x', true);
  const y0 = u.valToPos(yi + 0.5, 'y', true), y1 = u.valToPos(yi - 0.5, 'y', true);
  const gap = x1 - x0 > 6 ? 1 : 0;
  return { x: Math.round(x0) + gap, y: Math.round(y0) + gap, w: Math.max(1, Math.round(x1 - x0) - gap), h: Math.max(1, Math.round(y1 - y0) - gap) };
}

function outline(u: uPlot, cell: { xi: number; yi: number } | null, color: string): void {
  if (!cell) return;
  const r = cellRect(u, cell.xi, cell.yi);
  u.ctx.strokeStyle = color;
  u.ctx.lineWidth = 2 * devicePixelRatio;
  u.ctx.strokeRect(r.x + 1, r.y + 1, r.w - 2, r.h - 2);
}
