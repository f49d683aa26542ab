/**
 * The figures of a run as a user reads them in real Chromium: each trade's return in
 * percent, and headline tiles that say when a figure is not meaningful instead of
 * printing it, without any figure overflowing its tile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmtNum } from '../../src/renderer/src/format';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { WorkstationPage } from './pages/workstationPage';

let wa: WorkstationApp;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-figures-');
});

afterAll(async () => {
  await wa?.close();
});

describe('run figures', () => {
  it('prints each trade\'s return in percent, as the stats do', async () => {
    const ws = new WorkstationPage(wa.page);
    await ws.open(wa.url);
    await ws.chooseData('sample:BTCUSDT_1h');
    await ws.run();
    const saved = (await wa.app.services.backtest.getRun(1))!;
    await ws.openTab('Trades');
    const cells = await ws.tradeColumn('Return %');
    expect(cells.length).toBe(saved.trades.length);
    expect(cells.slice(0, 5)).toEqual(saved.trades.slice(0, 5).map((t) => fmtNum(t.returnPct * 100)));
    // At least one trade moved by more than 0.5 %: a fraction would print as 0.00 / -0.01.
    expect(cells.some((c) => Math.abs(Number(c.replace(/,/g, ''))) > 0.5)).toBe(true);
  });

  it('shows a degenerate Sharpe as n/a with its reason on hover, and no figure overflows its tile', async () => {
    const ws = new WorkstationPage(wa.page);
    await ws.chooseData('sample:BTCUSDT_1m');
    await ws.chooseStrategy('sma_cross');
    await ws.setParam('n1', 30);
    await ws.setParam('n2', 120);
    await ws.run();
    const saved = (await wa.app.services.backtest.getRun(2))!;
    expect(saved.stats['Sharpe Ratio']).toBeLessThan(-100_000); // backtesting.py's definition, kept
    const tile = ws.kpi('Sharpe');
    expect(await tile.locator('.kpi-value').textContent()).toBe('n/a');
    expect(await tile.getAttribute('title')).toMatch(/Sharpe Ratio -537,786\.\d+.*not meaningful/);
    // The caveat's mark is drawn (a letter in a circle), not a symbol the fonts may lack.
    const mark = tile.locator('.info-mark');
    expect(await mark.textContent()).toBe('i');
    const drawn = await mark.evaluate((el) => ({ w: el.getBoundingClientRect().width, radius: getComputedStyle(el).borderTopLeftRadius }));
    expect(drawn.w).toBeGreaterThan(6);
    expect(drawn.radius).toBe('50%');
    for (const width of [1024, 1600]) {
      await wa.page.setViewportSize({ width, height: 800 });
      expect(await ws.overflowingTiles()).toEqual([]);
    }
  });
});
