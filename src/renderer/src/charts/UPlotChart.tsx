/** React host for one uPlot instance: created on mount, resized with its box, rebuilt when opts or data change. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UPlotChartProps {
  /** Options without width/height: the chart fills its container. */
  opts: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  className?: string;
  testId?: string;
}

export function UPlotChart({ opts, data, className, testId }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const size = () => ({ width: Math.max(100, el.clientWidth), height: Math.max(80, el.clientHeight - legendHeight(el)) });
    const plot = new uPlot({ ...opts, ...size() }, data, el);
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => plot.setSize(size()));
    });
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      plot.destroy();
    };
  }, [opts, data]);
  return <div ref={box} className={className} data-testid={testId} />;
}

function legendHeight(el: HTMLElement): number {
  const legend = el.querySelector('.u-legend');
  return legend ? (legend as HTMLElement).offsetHeight : 0;
}
