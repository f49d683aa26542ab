/**
 * Click Run → chart painted on the bundled 1m sample (130,708 bars), in Chromium through
 * the server `cryptota serve` starts: the first run (candles fetched) and the runs after
 * it on the same data set (candles already in the renderer). Also prints what the API
 * frames of those runs weighed, so a change of transport shows up in bytes as well.
 *
 *   node bin/run-ts.mjs bench/runToChart.bench.ts [--runs N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadless } from '../src/main/web/headless';
import { buildRenderer, openBrowserPage } from '../test/e2e/support/browserPage';
import { WorkstationPage } from '../test/e2e/pages/workstationPage';
import { timeRunToChart, watchBinaryFrames } from './support/runToChart';
import { log } from './support/report';
import type { ClientFrame } from '../src/shared/api';

const DATA = 'sample:BTCUSDT_1m';
const TARGET_MS = 150;

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 4;
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-to-chart-'));
  log('building the renderer...');
  const staticDir = await buildRenderer(join(dir, 'renderer'));
  const app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  const { browser, page } = await openBrowserPage();
  try {
    // Every server frame's size and the methods the page called, per run.
    let received = 0;
    let candleCalls = 0;
    page.on('websocket', (ws) => {
      ws.on('framereceived', (f) => (received += typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.length));
      ws.on('framesent', (f) => {
        if (typeof f.payload !== 'string') return;
        const call = JSON.parse(f.payload) as ClientFrame;
        if (call.type === 'call' && call.method === 'data.candles') candleCalls++;
      });
    });
    // The run's answer (its equity) is a binary frame: when it arrives splits the figure.
    await watchBinaryFrames(page);
    const ui = new WorkstationPage(page);
    await ui.open(app.server.url);
    await ui.chooseData(DATA);
    await ui.setRange('', '');
    const figures: { run: number; ms: number; serviceMs: number; candleCalls: number; mb: number }[] = [];
    for (let i = 1; i <= runs; i++) {
      received = 0;
      candleCalls = 0;
      const { paintedMs: ms, answeredMs: serviceMs } = await timeRunToChart(page);
      figures.push({ run: i, ms, serviceMs, candleCalls, mb: received / 1e6 });
      log(`run ${i}: ${ms.toFixed(0)} ms (answer arrived after ${serviceMs.toFixed(0)} ms), ${candleCalls} data.candles call(s), ${(received / 1e6).toFixed(2)} MB received`);
    }
    const median = medianOf(figures.slice(1).map((f) => f.ms));
    const pageMedian = medianOf(figures.slice(1).map((f) => f.ms - f.serviceMs));
    console.log(`${'measure'.padEnd(44)} ${'value'.padStart(10)}  target`);
    console.log(`${'Run to painted chart, first run (1m sample)'.padEnd(44)} ${`${figures[0].ms.toFixed(0)} ms`.padStart(10)}`);
    console.log(`${'Run to painted chart, data loaded (median)'.padEnd(44)} ${`${median.toFixed(0)} ms`.padStart(10)}  < ${TARGET_MS} ms ${median < TARGET_MS ? 'ok' : 'MISSED'}`);
    console.log(`${'  of which after the run\'s answer arrived'.padEnd(44)} ${`${pageMedian.toFixed(0)} ms`.padStart(10)}`);
    if (process.argv.includes('--json')) console.log(JSON.stringify({ data: DATA, runs: figures, loadedMedianMs: median, loadedPageMedianMs: pageMedian, targetMs: TARGET_MS }));
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
