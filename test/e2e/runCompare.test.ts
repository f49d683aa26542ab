/**
 * Comparing saved runs in real Chromium: the comparison follows the ticked runs (untick
 * or delete one and it leaves the comparison), each run keeps its colour whatever its
 * position, and deleting a run asks for confirmation first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';

let wa: WorkstationApp;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-compare-');
});

afterAll(async () => {
  await wa?.close();
});

describe('run comparison', () => {
  it('follows the ticked runs, keeps each run\'s colour, and deletes only after confirmation', { timeout: 180_000 }, async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await ws.open(wa.url);
    await ws.setRange('2024-01-01', '2024-06-30');
    for (const period of [10, 14, 21]) {
      await ws.setParam('period', period);
      await ws.run();
    }
    await ws.selectRunsForCompare(3);
    expect(await ws.comparedRuns()).toEqual(['#3', '#2', '#1']);
    const colourOf3 = await ws.compareColour('#3');

    await ws.tickRun(2, false);
    await poll(() => ws.comparedRuns()).toEqual(['#3', '#1']);
    expect(await ws.compareColour('#3')).toBe(colourOf3);

    // Delete asks first; the run stays until confirmed.
    await ws.deleteRunButton(1).click();
    expect(await wa.app.services.backtest.getRun(1)).not.toBeNull();
    await ws.confirmDeleteButton(1).click();
    await poll(() => wa.app.services.backtest.getRun(1)).toBeNull();
    // One ticked run left: nothing to compare any more, and no stale columns.
    await poll(() => page.getByTestId('compare-panel').count()).toBe(0);
    expect(await ws.runIds()).toEqual([3, 2]);
    expect(wa.pageErrors).toEqual([]);
  });
});
