/**
 * Every pane of the backtest chart (price, indicator panes, equity, drawdown) shares one
 * time axis: the plot areas start and end at the same screen pixel, so the shared cursor
 * marks the same bar in each. Measured in pixels in real Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { WorkstationPage } from './pages/workstationPage';

let wa: WorkstationApp;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-panes-');
});

afterAll(async () => {
  await wa?.close();
});

describe('chart panes', () => {
  it('line up their plot areas to the pixel, indicator panes and equity included', async () => {
    const ws = new WorkstationPage(wa.page);
    await ws.open(wa.url);
    await ws.run();
    await ws.addIndicator('rsi');
    await wa.page.getByTestId('pane-rsi').locator('.u-over').waitFor();
    const boxes = await ws.plotAreas(['price-chart', 'pane-rsi', 'equity-chart', 'drawdown-chart']);
    const price = boxes['price-chart'];
    for (const [pane, box] of Object.entries(boxes)) {
      expect({ pane, left: Math.round(box.left), right: Math.round(box.right) }).toEqual({ pane, left: Math.round(price.left), right: Math.round(price.right) });
    }
    expect(wa.pageErrors).toEqual([]);
  });
});
