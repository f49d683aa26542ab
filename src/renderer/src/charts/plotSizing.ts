/** Sizing a uPlot chart to the box that hosts it, and keeping it sized as the box changes. */
import type uPlot from 'uplot';

/**
 * The box's width, and its height less uPlot's legend, with floors so a collapsed box still
 * draws. `legendHeight`: the legend's height when known from a plot this box held before
 * (legendHeight below); otherwise the legend in the box is measured, none counting 0.
 */
export function plotSize(el: HTMLElement, minHeight = 80, legendHeight?: number): { width: number; height: number } {
  const legend = legendHeight ?? legendHeightIn(el);
  return { width: Math.max(100, el.clientWidth), height: Math.max(minHeight, el.clientHeight - legend) };
}

/**
 * The height of the legend of the plot in `el` (0 when none). A host that rebuilds its
 * plot (new data, new options) reads it before destroying the old one and sizes the new
 * one with it: measured in the new plot before its first draw, the legend is not laid out
 * yet, and sized without it the new plot drew twice (once too tall, then resized).
 */
export function legendHeightIn(el: HTMLElement): number {
  const legend = el.querySelector('.u-legend') as HTMLElement | null;
  return legend?.offsetHeight ?? 0;
}

/** Resizes `plot` with its box, at most once per animation frame; returns the cleanup. */
export function followBoxSize(plot: uPlot, el: HTMLElement, minHeight = 80): () => void {
  let frame = 0;
  const ro = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      // The observer also reports the box once when observing starts; a size the plot has
      // already is no reason to draw it again.
      const size = plotSize(el, minHeight);
      if (size.width !== plot.width || size.height !== plot.height) plot.setSize(size);
    });
  });
  ro.observe(el);
  return () => {
    cancelAnimationFrame(frame);
    ro.disconnect();
  };
}
