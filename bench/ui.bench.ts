/**
 * The chart in Chromium, each figure against a plain uPlot line of the same points
 * measured in the same run:
 *  1. First paint of 1,000,000 bars (ms): the workstation's PriceChart (candles, volume,
 *     block index, navigation) from columns in hand to drawn, vs a plain uPlot line of
 *     the same 1M closes.                                                target < 100 ms
 *  2. Wheel zoom frames (ms, median and p95): notches over the 1M-bar chart from all bars
 *     in and out again, each one synchronous redraw, vs the plain line redrawn at the same
 *     ranges.                                                             target < 16 ms
 *  3. Pan frames (ms, median and p95): a drag across the chart showing half the bars.
 *                                                                         target < 16 ms
 *  4. Click Run to chart painted (ms) on the 1m sample (130,708 bars) through `cryptota
 *     serve`, the data set already loaded, vs the plain line of those bars: from the click
 *     to the second animation frame after the new run is on screen (bench/support/
 *     runToChart.ts, the measure bench/runToChart.bench.ts uses too).  target < 150 ms
 *  5. Renderer memory (MB: JS heap + array buffers, after GC) with the 1M-bar chart
 *     shown, vs with the plain line of the same points shown.          target <= 2x
 *
 *   npm run bench:ui            table
 *   npm run bench:ui -- --json  table, then one JSON object on the last line
 *
 * Data: the bundled real BTCUSDT 1m sample, tiled to 1,000,000 bars (bench/support/tileBars.ts).
 * Frame times are the JS work of the event (handler, scale, canvas draw calls); Chromium
 * runs headless with --disable-gpu, as the browser tests do.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { loadSample } from '../src/main/data/candleFiles';
import { startHeadless } from '../src/main/web/headless';
import { launchChromium } from '../test/e2e/chromium';
import { figure, log, report, type Figure, type TableFormat } from './support/report';
import { tileBars } from './support/tileBars';
import { measureRunToChart } from './support/runToChart';

const BARS = 1_000_000;
const PAINT_RUNS = 5;
const RUN_CLICKS = 5;
const WARM_RUNS = 2;
const SAMPLE = 'BTCUSDT_1m';

type Unit = 'ms' | 'MB';
const TABLE: TableFormat<Unit> = { width: 12, fmt: (unit, v) => `${v.toFixed(1)} ${unit}` };

const median = (xs: readonly number[]) => quantile(xs, 0.5);
function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** The six columns back to back as raw little-endian float64: what the page fetches. */
function barsFile(cols: Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', Float64Array>): Buffer {
  const n = cols.time.length;
  const out = new Float64Array(n * 6);
  // x in epoch seconds, as the chart's columns hold it.
  for (let i = 0; i < n; i++) out[i] = cols.time[i] / 1000;
  [cols.open, cols.high, cols.low, cols.close, cols.volume].forEach((c, k) => out.set(c, (k + 1) * n));
  return Buffer.from(out.buffer);
}

async function buildPages(dir: string): Promise<string> {
  const staticDir = join(dir, 'renderer');
  await build({ configFile: false, root: join(process.cwd(), 'src/renderer'), plugins: [react()], logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  await build({ configFile: false, root: join(process.cwd(), 'bench/ui'), base: './', plugins: [react()], logLevel: 'warn', build: { outDir: join(staticDir, 'bench'), emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  return staticDir;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  // backingStorageSize: the typed arrays' bytes, which live outside the JS heap proper.
  const usage: { usedSize: number; backingStorageSize?: number } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return (usage.usedSize + (usage.backingStorageSize ?? 0)) / 1e6;
}

async function runToChart(page: Page): Promise<number> {
  // While a run is in flight the Run button gives way to Cancel: start from an idle form.
  await page.getByTestId('run-button').waitFor();
  return measureRunToChart(page);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-bench-ui-'));
  const figures: Figure<Unit>[] = [];
  const summary: Record<string, unknown> = { bars: BARS, sample: SAMPLE };
  log('building the renderer and the bench page...');
  const staticDir = await buildPages(dir);
  const sample = loadSample(SAMPLE);
  mkdirSync(join(staticDir, 'bench'), { recursive: true });
  writeFileSync(join(staticDir, 'bench', 'bars-1m.f64'), barsFile(tileBars(sample, BARS)));
  writeFileSync(join(staticDir, 'bench', 'bars-sample.f64'), barsFile(tileBars(sample, sample.length)));
  const app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // ---- 1. first paint of 1M bars ------------------------------------------------------------
    await page.goto(new URL("bench/index.html", app.server.url).href);
    // Console errors (a missing favicon among them) only explain a page that did not start.
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.waitForFunction(() => document.body.dataset.ready === '1', undefined, { timeout: 30_000 }).catch((e: unknown) => {
      throw new Error(`the bench page did not start: ${[...errors, ...consoleErrors].join('; ') || String(e)}`);
    });
    log(`loading ${BARS.toLocaleString('en-US')} bars into the page...`);
    await page.evaluate(() => window.uiBench.load('bars-1m.f64'));
    const candlePaint: number[] = [], plainPaint: number[] = [];
    for (let i = 0; i < PAINT_RUNS; i++) {
      plainPaint.push(await page.evaluate(() => window.uiBench.paintPlainLine()));
      candlePaint.push(await page.evaluate(() => window.uiBench.paintCandles()));
    }
    log(`first paint ms: candles ${candlePaint.map((v) => v.toFixed(1)).join(' ')}; plain line ${plainPaint.map((v) => v.toFixed(1)).join(' ')}`);
    figures.push(figure('first paint, 1M-bar candle chart (median)', 'ms', median(candlePaint), 'plain uPlot line of the same 1M points', median(plainPaint), '< 100 ms', (v) => v < 100));

    // ---- 5. heap (the candle chart is on screen now) --------------------------------------------
    const heapCandles = await heapMb(page);
    await page.evaluate(() => window.uiBench.paintPlainLine());
    const heapPlain = await heapMb(page);

    // ---- 2./3. zoom and pan frames ----------------------------------------------------------------
    await page.evaluate(() => window.uiBench.paintCandles());
    const zin = await page.evaluate(() => window.uiBench.zoomIn(40));
    const zout = await page.evaluate(() => window.uiBench.zoomOut(40));
    await page.evaluate(() => window.uiBench.showShare(0.5));
    const visibleForPan = await page.evaluate(() => window.uiBench.visibleBars());
    const pan = await page.evaluate(() => window.uiBench.pan(60));
    const zoomMs = [...zin.ms, ...zout.ms];
    await page.evaluate(() => window.uiBench.paintPlainLine());
    const plainZoom = await page.evaluate((r) => window.uiBench.plainFrames(r), [...zin.ranges, ...zout.ranges]);
    const plainPan = await page.evaluate((r) => window.uiBench.plainFrames(r), pan.ranges);
    figures.push(figure('wheel zoom frame, 1M bars (median)', 'ms', median(zoomMs), 'plain uPlot line redrawn at the same ranges', median(plainZoom), '< 16 ms', (v) => v < 16));
    figures.push(figure('wheel zoom frame, 1M bars (p95)', 'ms', quantile(zoomMs, 0.95), 'plain uPlot line redrawn at the same ranges', quantile(plainZoom, 0.95), '< 16 ms', (v) => v < 16));
    figures.push(figure(`pan frame, ${Math.round(visibleForPan / 1000)}k bars in view (median)`, 'ms', median(pan.ms), 'plain uPlot line redrawn at the same ranges', median(plainPan), '< 16 ms', (v) => v < 16));
    figures.push(figure(`pan frame, ${Math.round(visibleForPan / 1000)}k bars in view (p95)`, 'ms', quantile(pan.ms, 0.95), 'plain uPlot line redrawn at the same ranges', quantile(plainPan, 0.95), '< 16 ms', (v) => v < 16));

    // ---- 4. click Run to chart painted on the 1m sample ------------------------------------------
    await page.evaluate(() => window.uiBench.load('bars-sample.f64'));
    const samplePlain: number[] = [];
    for (let i = 0; i < PAINT_RUNS; i++) samplePlain.push(await page.evaluate(() => window.uiBench.paintPlainLine()));
    await page.evaluate(() => window.uiBench.clear());
    log('opening the workstation and loading the 1m sample...');
    await page.goto(app.server.url);
    await page.getByTestId('run-button').waitFor();
    await page.locator('[data-testid=strategy-select] option').first().waitFor({ state: 'attached' });
    await page.getByTestId('data-select').selectOption(`sample:${SAMPLE}`);
    // The first run loads the data set (candles to the renderer) and warms the backtest
    // workers; the figure is for the runs after.
    for (let i = 0; i < WARM_RUNS; i++) await runToChart(page);
    const runMs: number[] = [];
    for (let i = 0; i < RUN_CLICKS; i++) runMs.push(await runToChart(page));
    log(`click Run to chart painted ms: ${runMs.map((v) => v.toFixed(0)).join(' ')}`);
    figures.push(figure(`Run click to chart painted, 1m (median)`, 'ms', median(runMs), `plain uPlot line of the ${sample.length.toLocaleString('en-US')} bars`, median(samplePlain), '< 150 ms', (v) => v < 150));

    figures.push(figure('renderer heap + buffers, 1M-bar chart', 'MB', heapCandles, 'plain uPlot line of the same 1M points shown', heapPlain, '<= 2x baseline', (v) => v <= heapPlain * 2));
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    Object.assign(summary, {
      firstPaintMs: { candles: candlePaint, plainLine: plainPaint },
      zoomFrameMs: { median: median(zoomMs), p95: quantile(zoomMs, 0.95), baselineMedian: median(plainZoom), baselineP95: quantile(plainZoom, 0.95) },
      panFrameMs: { visibleBars: visibleForPan, median: median(pan.ms), p95: quantile(pan.ms, 0.95), baselineMedian: median(plainPan), baselineP95: quantile(plainPan, 0.95) },
      runToChartMs: runMs,
      heapMb: { candles: heapCandles, plainLine: heapPlain },
      figures,
    });
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report(figures, TABLE, summary);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
