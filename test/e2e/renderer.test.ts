/**
 * The served renderer in real Chromium: `cryptota serve`'s server, the built app, a
 * backtest run through the UI on the bundled sample, stats and charts on screen,
 * then a second run compared with the first. Screenshots go to test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Headless } from '../../src/main/web/headless';
import { SHOTS, startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { WorkstationPage } from './pages/workstationPage';

// The renderer is built from the current sources (support/workstationApp.ts), not read from a possibly stale out/.
let wa: WorkstationApp;
let app: Headless;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-');
  ({ app, page, pageErrors } = wa);
});

afterAll(async () => {
  await wa?.close();
});

describe('workstation in a browser', () => {
  it('runs an RSI backtest on the sample through the UI and shows stats, candles and equity', async () => {
    const ws = new WorkstationPage(page);
    await ws.open(app.server.url);
    expect(await page.evaluate(() => 'api' in window)).toBe(false); // browser path: the WebSocket client
    await ws.chooseData('sample:BTCUSDT_1h');
    await ws.chooseStrategy('rsi');
    await ws.setRange('2023-01-01', '2024-06-30');
    await ws.run();

    await expect.poll(() => page.locator('.run-name').textContent()).toMatch(/#1 rsi/);
    const trades = Number((await ws.stat('# Trades').textContent())?.replace(/,/g, ''));
    expect(trades).toBeGreaterThan(0);
    expect(await ws.stat('Return [%]').textContent()).toMatch(/^-?[\d,]+\.\d+$/);
    expect(await ws.stat('Sharpe Ratio').textContent()).not.toBe('');
    // The run in the UI is the run the service saved.
    const saved = await app.services.backtest.getRun(1);
    expect(saved?.trades.length).toBe(trades);
    expect(saved?.dataFrom).toBe(Date.UTC(2023, 0, 1));

    // Charts: the candle canvas has drawn pixels in both candle colours.
    const colours = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=price-chart] canvas') as HTMLCanvasElement | null;
      if (!canvas) return null;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let up = 0, down = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] === 0x26 && data[i + 1] === 0xa6 && data[i + 2] === 0x9a) up++;
        if (data[i] === 0xef && data[i + 1] === 0x53 && data[i + 2] === 0x50) down++;
      }
      return { up, down };
    });
    expect(colours?.up).toBeGreaterThan(100);
    expect(colours?.down).toBeGreaterThan(100);
    await page.getByTestId('equity-chart').locator('canvas').waitFor();
    await page.getByTestId('drawdown-chart').locator('canvas').waitFor();
    await page.screenshot({ path: join(SHOTS, 'workstation-backtest.png') });

    await page.getByRole('tab', { name: /Trades/ }).click();
    expect(await page.getByTestId('trade-list').locator('tbody tr').count()).toBe(trades);
    await page.screenshot({ path: join(SHOTS, 'workstation-trades.png') });
  });

  it('runs a second parameter set and compares the two runs side by side', async () => {
    const ws = new WorkstationPage(page);
    await ws.setParam('period', 21);
    await ws.run();
    await expect.poll(() => page.locator('.run-name').textContent()).toMatch(/#2 rsi/);
    await ws.selectRunsForCompare(2);
    const headers = await page.getByTestId('compare-panel').locator('thead th').allTextContents();
    expect(headers.join(' ')).toMatch(/#2 rsi.*period=21/);
    expect(headers.join(' ')).toMatch(/#1 rsi.*period=14/);
    await page.getByTestId('compare-chart').locator('canvas').waitFor();
    await page.getByTestId('compare-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'workstation-compare.png') });
    expect(pageErrors).toEqual([]);
  });
});
