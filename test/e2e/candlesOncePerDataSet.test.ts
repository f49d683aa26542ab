/**
 * In Chromium through the serve server: the candles of a data set cross the WebSocket
 * once. The first run loads them while the backtest runs (one data.candles call, one
 * binary frame), a second run on the same data asks for none (nor recomputes its
 * overlays), another range asks again. A run on the data on screen is drawn in the charts
 * already there (new data and trade markers for the same plots, the zoom kept).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientFrame } from '../../src/shared/api';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { WorkstationPage } from './pages/workstationPage';
import { poll } from './support/browserPage';
import { ChartPage } from './pages/chartPage';

let wa: WorkstationApp;
/** The data.candles calls the page sent, in order. */
const candleCalls: { data: string; fromMs?: number; toMs?: number }[] = [];
let binaryFrames = 0;
/** indicators.compute calls (the chart's overlays depend on the candles only). */
let indicatorCalls = 0;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-candles-once-');
  wa.page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      if (typeof f.payload !== 'string') return;
      const call = JSON.parse(f.payload) as ClientFrame;
      if (call.type === 'call' && call.method === 'data.candles') candleCalls.push(call.arg as { data: string });
      if (call.type === 'call' && call.method === 'indicators.compute') indicatorCalls++;
    });
    ws.on('framereceived', (f) => {
      if (typeof f.payload !== 'string') binaryFrames++;
    });
  });
});

afterAll(async () => {
  await wa?.close();
});

describe('candles once per data set', () => {
  it('a second run on the same data makes no second data.candles (or indicators.compute) call', { timeout: 120_000 }, async () => {
    const ui = new WorkstationPage(wa.page);
    await ui.open(wa.url);
    await ui.chooseData('sample:BTCUSDT_1h');
    await ui.setRange('2024-01-01', '2024-06-30');
    await ui.run();
    await wa.page.getByTestId('equity-chart').locator('canvas').first().waitFor();
    // Fetched while the backtest ran, then found by the run's own range: one call, not two.
    expect(candleCalls).toHaveLength(1);
    expect(candleCalls[0].data).toBe('sample:BTCUSDT_1h');
    // The candles and the run's equity came as binary frames.
    expect(binaryFrames).toBeGreaterThanOrEqual(2);

    // The overlay call leaves after the run is on screen: wait for the driver to see it.
    await poll(() => indicatorCalls).toBeGreaterThan(0);
    const overlaysOfFirstRun = indicatorCalls;

    await ui.setParam('period', 9);
    await ui.run();
    await ui.chooseStrategy('sma_cross');
    await ui.run();
    expect(candleCalls).toHaveLength(1);
    // The same overlays on the same data are not computed again either.
    expect(indicatorCalls).toBe(overlaysOfFirstRun);

    // Another range of the same data is another set.
    await ui.setRange('2024-02-01', '2024-06-30');
    await ui.run();
    expect(candleCalls).toHaveLength(2);
    expect(wa.pageErrors).toEqual([]);
  });

  it('draws another run on the data on screen in the charts already there, keeping the zoom', { timeout: 120_000 }, async () => {
    const ui = new WorkstationPage(wa.page);
    const chart = new ChartPage(wa.page);
    await ui.chooseStrategy('sma_cross');
    await ui.setParam('n1', 10);
    await ui.run();
    const all = await chart.range('price-chart');
    await chart.wheel('price-chart', 0.5, -300);
    await poll(() => chart.range('price-chart').then((r) => r.max - r.min)).toBeLessThan((all.max - all.min) * 0.8);
    const zoomed = await chart.ranges(PANES);
    const roots = () => Promise.all(PANES.map((id) => wa.page.getByTestId(id).locator('.uplot').elementHandle()));
    const before = await roots();
    const firstRun = await wa.page.locator('.run-name').textContent();

    await ui.setParam('n1', 5);
    await ui.run();
    expect(await wa.page.locator('.run-name').textContent()).not.toBe(firstRun);
    const after = await roots();
    // The same plot elements (redrawn with the new run), each still showing the zoomed range.
    for (let k = 0; k < PANES.length; k++) expect(await wa.page.evaluate(([a, b]) => a === b, [before[k], after[k]])).toBe(true);
    await poll(() => chart.ranges(PANES)).toEqual(zoomed);
    expect(wa.pageErrors).toEqual([]);
  });
});

const PANES = ['price-chart', 'equity-chart', 'drawdown-chart'] as const;
