/**
 * One visible time range shared by every pane of a chart stack (price, indicator panes,
 * equity, drawdown). uPlot's cursor sync moves the crosshair only, not the scales, so
 * every zoom and pan goes through here: set() clamps the range to the data and applies
 * it to each attached plot. Panes rebuilt later (a new overlay, the log toggle) attach
 * and take the current range, so zooming survives them.
 */
import type uPlot from 'uplot';

export interface XRange {
  min: number;
  max: number;
}

/** The narrowest range: this many bars of the densest pane. */
const MIN_BARS = 10;

export class XRangeLink {
  private readonly plots = new Set<uPlot>();
  /** null = all data. */
  private range: XRange | null = null;
  private readonly listeners = new Set<(r: XRange | null) => void>();

  /** The visible range, or null when every bar is shown. */
  get current(): XRange | null {
    return this.range;
  }

  /** First to last time over every attached plot (null when none has data). */
  extent(): XRange | null {
    let min = Infinity, max = -Infinity;
    for (const u of this.plots) {
      const xs = u.data[0];
      if (xs.length === 0) continue;
      min = Math.min(min, xs[0]);
      max = Math.max(max, xs[xs.length - 1]);
    }
    return min < max ? { min, max } : null;
  }

  /** Call once the plot has drawn (uPlot's ready hook): it takes the shared range. */
  attach(u: uPlot): void {
    this.plots.add(u);
    this.takeRange(u);
  }

  /**
   * Call when an attached plot was given new data (uPlot's setData hook, which is followed
   * by uPlot's own reset of the x scale): it takes the shared range again.
   */
  dataChanged(u: uPlot): void {
    if (this.plots.has(u)) this.takeRange(u);
  }

  private takeRange(u: uPlot): void {
    const xs = u.data[0];
    // A range outside this plot's data belongs to another data set: show all of the new one.
    if (this.range && (xs.length === 0 || this.range.max < xs[0] || this.range.min > xs[xs.length - 1])) this.range = null;
    // Applied right after the hook: inside uPlot's ready hook a setScale is only queued (uPlot's
    // commit is still running, so it does not start another) and would wait for the next
    // redraw; inside its setData hook, uPlot's reset of the x scale would undo it.
    const range = this.range;
    if (range) {
      queueMicrotask(() => {
        if (this.plots.has(u)) this.applyTo(u, range);
      });
    }
  }

  detach(u: uPlot): void {
    this.plots.delete(u);
  }

  /** Shows [min, max] in every pane, kept inside the data and no narrower than a few bars. */
  set(r: XRange): void {
    const ext = this.extent();
    if (!ext || !Number.isFinite(r.min) || !Number.isFinite(r.max) || r.max <= r.min) return;
    const full = ext.max - ext.min;
    let span = Math.min(full, Math.max(r.max - r.min, this.minSpan()));
    if (span >= full) {
      this.reset();
      return;
    }
    const mid = (r.min + r.max) / 2;
    let min = mid - span / 2;
    min = Math.max(ext.min, Math.min(min, ext.max - span));
    span = Math.min(span, ext.max - min);
    this.range = { min, max: min + span };
    this.applyAll();
  }

  /** Every bar again (double-click, 0). */
  reset(): void {
    this.range = null;
    this.applyAll();
  }

  /** Zooms by `factor` (< 1 in, > 1 out) keeping time `at` at the same screen spot. */
  zoom(factor: number, at: number): void {
    const r = this.visible();
    if (!r) return;
    this.set({ min: at - (at - r.min) * factor, max: at + (r.max - at) * factor });
  }

  /** Moves the range by `by` seconds (positive: later); set() keeps the width at the edges. */
  pan(by: number): void {
    const r = this.visible();
    if (r) this.set({ min: r.min + by, max: r.max + by });
  }

  /** Centres [from, to] with as much room again on each side (at least 40 bars in all). */
  focus(from: number, to: number): void {
    const span = Math.max(to - from, 0);
    const pad = Math.max(span, this.minSpan() * 2);
    this.set({ min: from - pad, max: to + pad });
  }

  /** The range shown now (the full extent when not zoomed). */
  visible(): XRange | null {
    return this.range ?? this.extent();
  }

  /** Called with the new range (null = all) after every change; returns the unsubscribe. */
  subscribe(fn: (r: XRange | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private minSpan(): number {
    let step = Infinity;
    for (const u of this.plots) {
      const xs = u.data[0];
      if (xs.length > 1) step = Math.min(step, (xs[xs.length - 1] - xs[0]) / (xs.length - 1));
    }
    return Number.isFinite(step) ? step * MIN_BARS : 0;
  }

  private applyAll(): void {
    const target = this.range ?? this.extent();
    if (target) for (const u of this.plots) this.applyTo(u, target);
    for (const fn of this.listeners) fn(this.range);
  }

  /** Batched: the plot redraws before this returns, so a zoom is one synchronous frame. */
  private applyTo(u: uPlot, r: XRange): void {
    u.batch(() => u.setScale('x', { min: r.min, max: r.max }));
  }
}

/** The Backtest screen's chart stack and its trade list share this one range. */
export const runXRange = new XRangeLink();
