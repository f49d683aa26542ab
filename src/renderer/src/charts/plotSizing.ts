/** Sizing a uPlot chart to the box that hosts it, and keeping it sized as the box changes. */
import type uPlot from 'uplot';

/** The box's width, and its height less uPlot's legend, with floors so a collapsed box still draws. */
export function plotSize(el: HTMLElement, minHeight = 80): { width: number; height: number } {
  const legend = el.querySelector('.u-legend') as HTMLElement | null;
  return { width: Math.max(100, el.clientWidth), height: Math.max(minHeight, el.clientHeight - (legend?.offsetHeight ?? 0)) };
}

/** Resizes `plot` with its box, at most once per animation frame; returns the cleanup. */
export function followBoxSize(plot: uPlot, el: HTMLElement, minHeight = 80): () => void {
  let frame = 0;
  const ro = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => plot.setSize(plotSize(el, minHeight)));
  });
  ro.observe(el);
  return () => {
    cancelAnimationFrame(frame);
    ro.disconnect();
  };
}
