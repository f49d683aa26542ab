/**
 * The workstation's layout in real Chromium at the smallest and the largest screen it
 * supports (1024x700, 2560x1440): every screen reachable from the left navigation
 * (the Live panel included on a narrow window), nothing wider than the window, charts
 * taking the height they are given, the trade list's header kept in its one scroll
 * area, the status bar, the shortcuts overlay (`?`) and the light theme. A screenshot of
 * each screen at both sizes goes to test-results/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';

const SCREENS = ['data', 'backtest', 'optimize', 'walkforward', 'runs', 'live', 'settings'] as const;
const SIZES = [
  { width: 1024, height: 700 },
  { width: 2560, height: 1440 },
] as const;

let wa: WorkstationApp;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-layout-');
});

afterAll(async () => {
  await wa?.close();
});

describe('layout', () => {
  it('reaches every screen from the navigation at 1024x700 and 2560x1440, within the window, with charts filling their height', { timeout: 240_000 }, async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await page.setViewportSize(SIZES[0]);
    await ws.open(wa.url);
    await ws.chooseData('sample:BTCUSDT_1h');
    await ws.setRange('2024-01-01', '2024-06-30');
    await ws.run();
    await ws.setParam('period', 21);
    await ws.run();
    await ws.tickRun(1, true);
    await ws.tickRun(2, true);
    const priceHeights: number[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const screen of SCREENS) {
        await ws.goTo(screen);
        expect(await ws.horizontalOverflow(), `${screen} at ${size.width}x${size.height}`).toBe(0);
        if (screen === 'backtest') {
          await page.getByTestId('price-chart').locator('canvas').waitFor();
          const price = await ws.chartHeight('price-chart');
          priceHeights.push(price);
          // The chart area ends inside the window: nothing to scroll to reach the drawdown.
          const dd = await page.getByTestId('drawdown-chart').boundingBox();
          expect(dd!.y + dd!.height).toBeLessThanOrEqual(size.height);
        }
        if (screen === 'live') await page.getByTestId('live-panel').waitFor();
        if (screen === 'runs') await page.getByTestId('compare-chart').locator('canvas').waitFor();
        await page.screenshot({ path: join(SHOTS, `screen-${screen}-${size.width}x${size.height}.png`) });
      }
    }
    // Charts take the height they are given.
    expect(priceHeights[1]).toBeGreaterThan(priceHeights[0] * 2);
    expect(await page.getByTestId('status-bar').textContent()).toMatch(/Data: BTCUSDT.*Feed: off.*No job running/);
    expect(wa.pageErrors).toEqual([]);
  });

  it('keeps the trade list\'s header in view while its one scroll area scrolls', async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await page.setViewportSize(SIZES[0]);
    await ws.goTo('backtest');
    await ws.openTab('Trades');
    const body = page.getByTestId('details-body');
    await body.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const scrolled = await body.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
    const head = await page.getByTestId('trade-list').locator('thead th').first().boundingBox();
    const box = await body.boundingBox();
    expect(Math.round(head!.y)).toBeGreaterThanOrEqual(Math.round(box!.y));
    expect(head!.y + head!.height).toBeLessThanOrEqual(box!.y + box!.height);
    // Nothing around it scrolls: the screen's main area fits the window.
    expect(await page.locator('.screen-backtest .main').evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'screen-trades-1024x700.png') });
  });

  it('lists the shortcuts on ?, moves between screens with Alt+digit and switches to the light theme', async () => {
    const { page } = wa;
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.textContent()).toMatch(/Alt\+2.*Go to Backtest.*Ctrl\+Enter/);
    await page.screenshot({ path: join(SHOTS, 'screen-help-1600x1000.png') });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+Digit5');
    await page.getByTestId('runs-screen').waitFor();
    await page.keyboard.press('Alt+Digit2');
    await page.keyboard.press('Alt+KeyT');
    await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByTestId('price-chart').locator('canvas').waitFor();
    await page.screenshot({ path: join(SHOTS, 'screen-backtest-light-1600x1000.png') });
    await page.keyboard.press('Alt+KeyT');
    await poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(wa.pageErrors).toEqual([]);
  });
});
