/**
 * Indicator chips over the price chart in real Chromium: every parameter of an indicator
 * is editable (Bollinger's k, MACD's three periods), a box can be emptied while typing,
 * typing is debounced into one computation of the edited indicator only, and a bad value
 * marks its own chip without stopping the other overlays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';

let wa: WorkstationApp;
/** Indicator names of the indicators.compute calls the page sent, in order. */
const computeCalls: string[] = [];

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-chips-');
  wa.page.on('websocket', (socket) =>
    socket.on('framesent', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString();
      const m = /"method":"indicators\.compute".*?"name":"(\w+)"/.exec(text);
      if (m) computeCalls.push(m[1]);
    }),
  );
});

afterAll(async () => {
  await wa?.close();
});

describe('indicator chips', () => {
  it('edit every parameter, debounce typing, and keep a bad value to its own chip', { timeout: 120_000 }, async () => {
    const { page } = wa;
    const ws = new WorkstationPage(page);
    await ws.open(wa.url);
    await ws.run();
    await ws.addIndicator('bollinger');
    await ws.addIndicator('macd');
    for (const label of ['ema period', 'bollinger period', 'bollinger k', 'macd fast', 'macd slow', 'macd signal']) {
      await page.getByLabel(label, { exact: true }).waitFor();
    }
    await poll(() => ws.legendLabels('price-chart')).toContain('bollinger(20,2).upper');

    // The box empties, the chip says what is wrong, nothing is recomputed for it.
    const emaPeriod = page.getByLabel('ema period', { exact: true });
    await emaPeriod.fill('');
    expect(await emaPeriod.inputValue()).toBe('');
    await poll(() => ws.chipError('ema')).toMatch(/period/);

    // Another chip still works while ema's value is bad.
    await page.getByLabel('bollinger k', { exact: true }).fill('3');
    await poll(() => ws.legendLabels('price-chart')).toContain('bollinger(20,3).upper');

    // Typing "35" is two keystrokes and one computation, of ema only.
    computeCalls.length = 0;
    await emaPeriod.pressSequentially('35');
    await poll(() => ws.legendLabels('price-chart')).toContain('ema(35)');
    expect(computeCalls).toEqual(['ema']);
    expect(await ws.chipError('ema')).toBe('');
    expect(wa.pageErrors).toEqual([]);
  });
});
