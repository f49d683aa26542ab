/**
 * The page `npm run bench:ui` drives in Chromium: the workstation's real PriceChart
 * (candles, block index, navigation) and, as the baseline, a plain uPlot line of the
 * same points, both fed from columns fetched as raw Float64 bytes ("data in hand").
 * Exposes window.uiBench; every figure is measured here, with the page's own clock.
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import '../../src/renderer/src/styles.css';
import { PriceChart } from '../../src/renderer/src/charts/PriceChart';
import type { ChartCandles } from '../../src/renderer/src/charts/chartData';
import { runXRange } from '../../src/renderer/src/charts/xRangeLink';

const stage = document.getElementById('stage') as HTMLDivElement;
stage.style.cssText = 'width:1400px;height:700px;display:flex;flex-direction:column;';

let candles: ChartCandles | null = null;
let root: Root | null = null;
let plain: uPlot | null = null;

/** After the microtasks that follow a render (uPlot commits its first draw in one). */
const afterMicrotasks = () => new Promise<void>((r) => setTimeout(r, 0));

function clear(): void {
  root?.unmount();
  root = null;
  plain?.destroy();
  plain = null;
  stage.replaceChildren();
}

async function load(url: string): Promise<number> {
  const buf = await (await fetch(url)).arrayBuffer();
  const n = buf.byteLength / 8 / 6;
  const col = (k: number) => new Float64Array(buf, k * n * 8, n);
  candles = { source: 'bench', x: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
  return n;
}

function need(): ChartCandles {
  if (!candles) throw new Error('bench page: load() the bars first');
  return candles;
}

/** Data in hand to the candle chart drawn: React render, the index, uPlot's first draw. */
async function paintCandles(): Promise<number> {
  clear();
  runXRange.reset();
  const c = need();
  const host = document.createElement('div');
  host.style.cssText = 'flex:1 1 0;display:flex;flex-direction:column;min-height:0;';
  stage.appendChild(host);
  const t0 = performance.now();
  root = createRoot(host);
  flushSync(() => root?.render(<PriceChart candles={c} trades={[]} overlays={[]} />));
  await afterMicrotasks();
  const t = performance.now() - t0;
  if (!host.querySelector('.uplot')?.getAttribute('data-x-max')) throw new Error('bench page: the candle chart did not draw');
  return t;
}

/** The baseline: a plain uPlot line of the same closes, same size, same wait. */
async function paintPlainLine(): Promise<number> {
  clear();
  const c = need();
  const el = document.createElement('div');
  stage.appendChild(el);
  const t0 = performance.now();
  plain = new uPlot({ width: 1400, height: 600, scales: { x: { time: true } }, series: [{}, { stroke: '#4c9aff', width: 1 }] }, [c.x, c.close], el);
  await afterMicrotasks();
  return performance.now() - t0;
}

function over(): HTMLElement {
  const o = stage.querySelector<HTMLElement>('[data-testid=price-chart] .u-over');
  if (!o) throw new Error('bench page: no candle chart on the page');
  return o;
}

/** Wheel notches over the candle chart, each a synchronous redraw (the link batches it): ms per frame. */
function wheelFrames(steps: number, deltaY: number): number[] {
  const o = over();
  const r = o.getBoundingClientRect();
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const ev = new WheelEvent('wheel', { deltaY, clientX: r.left + r.width * 0.6, clientY: r.top + r.height / 2, bubbles: true, cancelable: true });
    const t0 = performance.now();
    o.dispatchEvent(ev);
    out.push(performance.now() - t0);
  }
  return out;
}

/** A drag across the candle chart: ms per mouse move (each pans and redraws). */
function panFrames(moves: number): number[] {
  const o = over();
  const r = o.getBoundingClientRect();
  const y = r.top + r.height / 2;
  o.dispatchEvent(new MouseEvent('mousedown', { button: 0, clientX: r.left + r.width * 0.9, clientY: y, bubbles: true }));
  const out: number[] = [];
  for (let i = 1; i <= moves; i++) {
    const ev = new MouseEvent('mousemove', { clientX: r.left + r.width * (0.9 - (0.8 * i) / moves), clientY: y, bubbles: true });
    const t0 = performance.now();
    window.dispatchEvent(ev);
    out.push(performance.now() - t0);
  }
  window.dispatchEvent(new MouseEvent('mouseup', { button: 0, bubbles: true }));
  return out;
}

/** The baseline's frames: the plain line redrawn at the same visible ranges the candle chart went through. */
function plainFrames(ranges: readonly [number, number][]): number[] {
  const u = plain;
  if (!u) throw new Error('bench page: paint the plain line first');
  return ranges.map(([min, max]) => {
    const t0 = performance.now();
    u.batch(() => u.setScale('x', { min, max }));
    return performance.now() - t0;
  });
}

/** The candle chart's range now. */
function candleRange(): [number, number] {
  const root = over().closest('.uplot') as HTMLElement;
  return [Number(root.dataset.xMin), Number(root.dataset.xMax)];
}

/** Frames of one gesture with the ranges it went through, so the baseline can replay them. */
function recorded(gesture: () => number[]): { ms: number[]; ranges: [number, number][] } {
  const ranges: [number, number][] = [];
  const off = runXRange.subscribe(() => ranges.push(candleRange()));
  const ms = gesture();
  off();
  return { ms, ranges };
}

const api = {
  load,
  paintCandles,
  paintPlainLine,
  clear,
  zoomIn: (steps: number) => recorded(() => wheelFrames(steps, -100)),
  zoomOut: (steps: number) => recorded(() => wheelFrames(steps, 100)),
  pan: (moves: number) => recorded(() => panFrames(moves)),
  plainFrames,
  /** Zoom so `share` of the bars is visible, centred (pans need room to move). */
  showShare: (share: number) => {
    const c = need();
    const a = c.x[0], b = c.x[c.x.length - 1];
    const mid = (a + b) / 2, half = ((b - a) * share) / 2;
    runXRange.set({ min: mid - half, max: mid + half });
  },
  visibleBars: () => {
    const c = need();
    const [min, max] = candleRange();
    let n = 0;
    for (let i = 0; i < c.x.length; i++) if (c.x[i] >= min && c.x[i] <= max) n++;
    return n;
  },
};

declare global {
  interface Window {
    uiBench: typeof api;
  }
}
window.uiBench = api;
document.body.dataset.ready = '1';
