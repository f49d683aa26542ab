import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { XRangeLink } from './xRangeLink';

/** The part of a uPlot the link uses: its x data and setScale (committed at once, as batch does). */
function plot(xs: number[]): uPlot & { shown: { min: number; max: number } | null } {
  const p = {
    data: [Float64Array.from(xs)],
    shown: null as { min: number; max: number } | null,
    setScale(_k: string, r: { min: number; max: number }) {
      p.shown = { ...r };
    },
    batch(fn: () => void) {
      fn();
    },
  };
  return p as unknown as uPlot & { shown: { min: number; max: number } | null };
}

/** 1,000 bars one second apart. */
const bars = (from = 0, n = 1000) => Array.from({ length: n }, (_, i) => from + i);

describe('shared time range', () => {
  it('applies a zoom to every attached pane', () => {
    const link = new XRangeLink();
    const a = plot(bars()), b = plot(bars());
    link.attach(a);
    link.attach(b);
    link.set({ min: 100, max: 300 });
    expect(a.shown).toEqual({ min: 100, max: 300 });
    expect(b.shown).toEqual({ min: 100, max: 300 });
  });

  it('keeps the range inside the data and no narrower than ten bars', () => {
    const link = new XRangeLink();
    link.attach(plot(bars()));
    link.set({ min: -50, max: 50 });
    expect(link.current).toEqual({ min: 0, max: 100 });
    link.set({ min: 500, max: 501 });
    expect(link.current!.max - link.current!.min).toBeCloseTo(10, 6);
    link.pan(10_000);
    expect(link.current!.max).toBe(999);
  });

  it('zooms around a time that stays where it was', () => {
    const link = new XRangeLink();
    link.attach(plot(bars()));
    link.set({ min: 200, max: 600 });
    link.zoom(0.5, 300);
    expect(link.current).toEqual({ min: 250, max: 450 });
  });

  it('centres a trade with room either side, and shows all again on reset', () => {
    const link = new XRangeLink();
    const p = plot(bars());
    link.attach(p);
    link.focus(400, 460);
    expect(link.current).toEqual({ min: 340, max: 520 });
    link.reset();
    expect(link.current).toBeNull();
    expect(p.shown).toEqual({ min: 0, max: 999 });
  });

  it('gives a pane rebuilt later the current range once uPlot has committed, unless it holds other data', async () => {
    const link = new XRangeLink();
    link.attach(plot(bars()));
    link.set({ min: 100, max: 200 });
    const rebuilt = plot(bars());
    link.attach(rebuilt);
    // Not inside uPlot's ready hook, where a setScale is only queued: right after it.
    expect(rebuilt.shown).toBeNull();
    await Promise.resolve();
    expect(rebuilt.shown).toEqual({ min: 100, max: 200 });
    const other = plot(bars(50_000));
    link.attach(other);
    expect(link.current).toBeNull();
  });

  it('gives a pane its range again after it was given new data, which uPlot shows whole', async () => {
    const link = new XRangeLink();
    const pane = plot(bars());
    link.attach(pane);
    link.set({ min: 100, max: 200 });
    pane.shown = null;
    link.dataChanged(pane);
    await Promise.resolve();
    expect(pane.shown).toEqual({ min: 100, max: 200 });
    // A pane the link does not hold (still being built) is left to attach.
    const building = plot(bars());
    link.dataChanged(building);
    await Promise.resolve();
    expect(building.shown).toBeNull();
  });
});
