/**
 * The objective over two parameters as a grid of coloured cells (uPlot axes, cells painted
 * by ./heatmapPlugin.ts). Hovering names the cell; clicking it (or Enter on the focused
 * chart, arrows to move) picks it.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type uPlot from 'uplot';
import type { Heatmap } from '../../../shared/researchTypes';
import { UPlotChart } from '../charts/UPlotChart';
import { axis } from '../charts/theme';
import { fmtNum } from '../format';
import { cellAt, heatmapPlugin, heatRange } from './heatmapPlugin';
import { objectiveColor } from './researchFormat';

interface Props {
  heat: Heatmap;
  objective: string;
  onPick(cell: { xi: number; yi: number }): void;
}

export function HeatmapChart({ heat, objective, onPick }: Props) {
  const [hover, setHover] = useState<{ xi: number; yi: number } | null>(null);
  const focus = useRef<{ xi: number; yi: number } | null>(null);
  const plotRef = useRef<uPlot | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const range = useMemo(() => heatRange(heat), [heat]);

  const chart = useMemo(() => {
    const nx = heat.x.values.length, ny = heat.y.values.length;
    const labels = (values: readonly unknown[]) => (_u: uPlot, splits: number[]) => splits.map((s) => String(values[s] ?? ''));
    // Every value when they fit, else every k-th (labels ~44 px wide, ~18 px tall).
    const splits = (n: number, px: number) => (u: uPlot) => {
      const room = (px === 0 ? u.bbox.width : u.bbox.height) / devicePixelRatio;
      const stride = Math.max(1, Math.ceil(n / Math.max(1, room / (px === 0 ? 44 : 18))));
      const out: number[] = [];
      for (let i = 0; i < n; i += stride) out.push(i);
      return out;
    };
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false }, x: false, y: false },
      scales: { x: { time: false, range: [-0.5, nx - 0.5] }, y: { range: [-0.5, ny - 0.5] } },
      axes: [
        axis({ label: heat.x.name, labelSize: 18, splits: splits(nx, 0), values: labels(heat.x.values), grid: { show: false } }),
        axis({ label: heat.y.name, labelSize: 18, size: 52, splits: splits(ny, 1), values: labels(heat.y.values), grid: { show: false } }),
      ],
      series: [{}, { label: objective, stroke: 'transparent', points: { show: false } }],
      plugins: [
        heatmapPlugin(heat, range, () => focus.current),
        {
          hooks: {
            ready: [
              (u: uPlot) => {
                plotRef.current = u;
                u.over.style.cursor = 'pointer';
                u.over.addEventListener('click', (e) => {
                  const c = cellAt(u, heat, e.offsetX, e.offsetY);
                  if (c && heat.z[c.yi][c.xi] !== null) {
                    focus.current = c;
                    u.redraw(false);
                    pick.current(c);
                  }
                });
              },
            ],
            setCursor: [(u: uPlot) => setHover(cellAt(u, heat, u.cursor.left ?? -1, u.cursor.top ?? -1))],
            destroy: [() => (plotRef.current = null)],
          },
        },
      ],
    };
    const data: uPlot.AlignedData = [Array.from({ length: nx }, (_, i) => i), Array.from({ length: nx }, () => null)];
    return { opts, data };
  }, [heat, range, objective]);

  const keys = (e: KeyboardEvent) => {
    const cur = focus.current ?? range.best ?? { xi: 0, yi: 0 };
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      const xi = Math.min(heat.x.values.length - 1, Math.max(0, cur.xi + m[0]));
      const yi = Math.min(heat.y.values.length - 1, Math.max(0, cur.yi + m[1]));
      focus.current = { xi, yi };
      setHover({ xi, yi });
      plotRef.current?.redraw(false);
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      if (heat.z[cur.yi]?.[cur.xi] != null) pick.current(cur);
    }
  };

  const shown = hover ?? focus.current;
  const v = shown ? heat.z[shown.yi]?.[shown.xi] : undefined;
  return (
    <div className="heatmap">
      <div className="heatmap-caption">
        <span data-testid="heatmap-hover">
          {shown ? (
            <>
              {heat.x.name}={String(heat.x.values[shown.xi])} {heat.y.name}={String(heat.y.values[shown.yi])} →{' '}
              <b>{v === null || v === undefined ? 'no objective' : fmtNum(v, 3)}</b>
            </>
          ) : (
            <span className="dim">hover a cell; click (or arrows + Enter) to open its run</span>
          )}
        </span>
        {Number.isFinite(range.min) && (
          <span className="heat-scale" title={`${objective}: colour from the lowest to the highest cell`}>
            <i style={{ background: objectiveColor(range.min, range.min, range.max) }} />
            {fmtNum(range.min, 2)}
            <i style={{ background: objectiveColor(range.max, range.min, range.max) }} />
            {fmtNum(range.max, 2)}
          </span>
        )}
      </div>
      <div tabIndex={0} onKeyDown={keys} className="heatmap-focus" aria-label={`heatmap of ${objective} over ${heat.x.name} and ${heat.y.name}`}>
        <UPlotChart opts={chart.opts} data={chart.data} className="chart chart-heatmap" testId="heatmap" />
      </div>
    </div>
  );
}
