/** Chart colours and axis styling shared by every chart (dark theme). */
import type uPlot from 'uplot';

export const colors = {
  up: '#26a69a',
  down: '#ef5350',
  // Mid-grey at low alpha reads on the dark and the light theme alike.
  grid: 'rgba(128,128,128,0.16)',
  axis: '#8a93a6',
  text: '#c9d1e0',
  accent: '#4c9aff',
  equity: '#4c9aff',
  drawdown: '#ef5350',
  overlays: ['#f5a623', '#b37feb', '#36cfc9', '#ff85c0', '#95de64', '#ffd666'],
};

export function axis(extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: colors.axis,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
    font: '11px "Inter", "Segoe UI", system-ui, sans-serif',
    ...extra,
  };
}

/**
 * Plot padding of every pane on a shared time axis. uPlot pads the left edge by half a
 * y-axis width only when the pane draws its x axis, so panes that hide it (equity,
 * indicators) would start 25 px further left than the price chart and the synced cursor
 * would point at different bars. A fixed left padding lines every plot area up.
 */
export const PANE_PADDING: uPlot.Padding = [null, null, null, 25];

export function fmtPrice(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return v.toLocaleString('en-US', { maximumFractionDigits: a >= 1000 ? 2 : a >= 1 ? 4 : 6 });
}

/** A y range hugging the data (uPlot's default reaches down to zero for positive data). */
export const tightRange: uPlot.Range.Function = (_u, min, max) => {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const pad = (max - min) * 0.06 || Math.abs(max) * 0.01 || 1;
  return [min - pad, max + pad];
};
