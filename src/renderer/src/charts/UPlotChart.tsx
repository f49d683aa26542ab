/** React host for one uPlot instance: created on mount, resized with its box, rebuilt when opts or data change. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { followBoxSize, legendHeightIn, plotSize } from './plotSizing';

export interface UPlotChartProps {
  /** Options without width/height: the chart fills its container. */
  opts: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  className?: string;
  testId?: string;
}

export function UPlotChart({ opts, data, className, testId }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  /** The legend height of the plot this box held last (plotSizing.legendHeightIn). */
  const legendHeight = useRef<number | undefined>(undefined);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot({ ...opts, ...plotSize(el, 80, legendHeight.current) }, data, el);
    const stopResizing = followBoxSize(plot, el);
    return () => {
      legendHeight.current = legendHeightIn(el);
      stopResizing();
      plot.destroy();
    };
  }, [opts, data]);
  return <div ref={box} className={className} data-testid={testId} />;
}
