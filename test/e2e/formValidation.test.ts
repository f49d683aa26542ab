/**
 * One validation for the backtest form, whichever way it is submitted (Run button or
 * Ctrl+Enter): the error shows next to the field at fault, in the form's own words (no
 * "request.broker.commission"), and nothing runs. A run whose orders the broker rejected
 * says which form fields to check, not CLI flags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';

let wa: WorkstationApp;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-validation-');
});

afterAll(async () => {
  await wa?.close();
});

const runCount = async () => (await wa.app.services.backtest.listRuns(100, 0)).length;

describe('backtest form validation', () => {
  it('shows the same error next to the field for the Run button and for Ctrl+Enter, without internal names', async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await ws.open(wa.url);
    await ws.setBroker('Fee %', '-1');
    for (const submit of [() => ws.runButton.click(), () => ws.pressRunShortcut()]) {
      await submit();
      await poll(() => ws.fieldError('Fee %')).toBe('must be at least 0 %');
      expect(await runCount()).toBe(0);
      expect(await page.locator('body').textContent()).not.toMatch(/request\.|broker\.|commission:/);
    }
    // Editing the field clears its error.
    await ws.setBroker('Fee %', '0.1');
    expect(await ws.fieldError('Fee %')).toBe('');

    await ws.chooseStrategy('sma_cross');
    await ws.setParam('n1', 0);
    await ws.pressRunShortcut();
    await poll(() => ws.fieldError('n1')).toMatch(/^must be >= \d+/);
    expect(await runCount()).toBe(0);
    await ws.setParam('n1', 10);
    await ws.setRange('2024-03-01', '2024-02-01');
    await ws.runButton.click();
    await poll(() => ws.fieldError('To (UTC)')).toBe('must be on or after From');
    expect(await runCount()).toBe(0);
  });

  it('names the form\'s fields, not CLI flags, when the broker rejected orders', async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await ws.setRange('2024-01-01', '2024-03-31');
    // Whole coins only, with 10,000 of cash at BTC's price: every order is rejected.
    await ws.setBroker('Quantity step', '1');
    await ws.run();
    const warning = (await page.locator('.run-warning').first().textContent()) ?? '';
    expect(warning).toMatch(/rejected/);
    expect(warning).toMatch(/cash, quantity step and minimum notional/i);
    expect(warning).not.toMatch(/--/);
    expect(wa.pageErrors).toEqual([]);
  });
});
