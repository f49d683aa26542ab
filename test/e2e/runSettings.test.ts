/**
 * A saved run carries its settings back into the form when opened, and the form and the
 * chart's indicators survive a reload of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';

let wa: WorkstationApp;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-settings-');
});

afterAll(async () => {
  await wa?.close();
});

describe('run settings', () => {
  it('loads an opened run\'s strategy, parameters, broker, data and range into the form', { timeout: 120_000 }, async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await ws.open(wa.url);
    await ws.chooseData('sample:BTCUSDT_1h');
    await ws.setRange('2024-01-01', '2024-03-31');
    await ws.setParam('period', 9);
    await ws.setBroker('Cash', '5000');
    await ws.setBroker('Fee %', '0.075');
    await ws.run();
    await ws.chooseStrategy('sma_cross');
    await ws.setRange('2024-04-01', '2024-04-30');
    await ws.setBroker('Cash', '20000');
    await ws.run();

    await ws.openRunFromHistory(1);
    await poll(() => page.getByTestId('strategy-select').inputValue()).toBe('rsi');
    expect(await page.getByTestId('param-period').inputValue()).toBe('9');
    expect(await page.getByTestId('data-select').inputValue()).toBe('sample:BTCUSDT_1h');
    expect(await ws.broker('Cash')).toBe('5000');
    expect(await ws.broker('Fee %')).toBe('0.075');
    expect(await ws.range()).toEqual(['2024-01-01', '2024-03-31']);
  });

  it('keeps the form and the chart\'s indicators over a reload', async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await ws.addIndicator('bollinger');
    await page.getByLabel('bollinger period', { exact: true }).waitFor();
    await ws.setParam('period', 11);
    await page.reload();
    await ws.open(wa.url);
    await poll(() => page.getByTestId('param-period').inputValue()).toBe('11');
    expect(await ws.broker('Cash')).toBe('5000');
    expect(await ws.range()).toEqual(['2024-01-01', '2024-03-31']);
    await page.getByLabel('bollinger period', { exact: true }).waitFor();
    expect(await page.getByLabel('ema period', { exact: true }).inputValue()).toBe('50');
    expect(wa.pageErrors).toEqual([]);
  });
});
