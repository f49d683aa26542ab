/**
 * React host for one uPlot instance: built when its options change, given new data with
 * setData when only the data changed, redrawn when only `redrawKey` changed, and resized
 * with its box. A new run on the same candles thus costs a redraw, not a new plot (DOM,
 * legend, axes and two forced layouts per chart).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { followBoxSize, legendHeightIn, plotSize } from './plotSizing';

export interface UPlotChartProps {
  /** Options without width/height: the chart fills its container. A new object builds a new plot. */
  opts: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  /** Something the plugins draw that is in neither opts nor data (a run's trade markers): a change redraws the plot. */
  redrawKey?: unknown;
  className?: string;
  testId?: string;
}

export function UPlotChart({ opts, data, redrawKey, className, testId }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  /** What the plot shows now: the data it was built or last set with, and the redraw key it drew. */
  const shown = useRef<{ data: uPlot.AlignedData; redrawKey: unknown } | null>(null);
  /** The legend height of the plot this box held last (plotSizing.legendHeightIn). */
  const legendHeight = useRef<number | undefined>(undefined);
  const latest = useRef({ data, redrawKey });
  latest.current = { data, redrawKey };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { data: d, redrawKey: key } = latest.current;
    const u = new uPlot({ ...opts, ...plotSize(el, 80, legendHeight.current) }, d, el);
    plot.current = u;
    shown.current = { data: d, redrawKey: key };
    const stopResizing = followBoxSize(u, el);
    return () => {
      legendHeight.current = legendHeightIn(el);
      stopResizing();
      u.destroy();
      plot.current = null;
    };
  }, [opts]);

  useEffect(() => {
    const u = plot.current;
    const now = shown.current;
    if (!u || !now) return;
    if (now.data !== data) u.setData(data);
    else if (now.redrawKey !== redrawKey) u.redraw(false);
    shown.current = { data, redrawKey };
  }, [data, redrawKey]);

  return <div ref={box} className={className} data-testid={testId} />;
}
