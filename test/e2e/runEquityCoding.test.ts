/**
 * In Chromium through the serve server: the run just made comes with its equity coded
 * against the candles the page holds (backtest.runForChart), decoded in the page. Its
 * chart is the one the stored, plain curve draws (the run reopened from the history),
 * pixel for pixel; and when the candles changed on the server after the page loaded
 * them, the page charts the stored curve instead of decoding against stale closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientFrame } from '../../src/shared/api';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { WorkstationPage } from './pages/workstationPage';
import { WsTestClient } from '../web/wsTestClient';

const INSTRUMENT = 'binance:TESTUSDT:1h';
const SPEC = `cache:${INSTRUMENT}`;

let wa: WorkstationApp;
/** The methods the page called, in order, with their arguments. */
const calls: { method: string; arg: unknown }[] = [];

/** 2,000 hourly bars of a seeded random walk; `drift` changes every close after the first bar. */
function csv(drift: number): string {
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const rows = ['open_time_ms,open,high,low,close,volume'];
  let close = 100;
  for (let i = 0; i < 2000; i++) {
    const open = close;
    close = Math.max(1, open * (1 + (rnd() - 0.5) * 0.04) + (i > 0 ? drift : 0));
    rows.push(`${Date.UTC(2024, 0, 1) + i * 3_600_000},${open},${Math.max(open, close) * 1.01},${Math.min(open, close) * 0.99},${close},${1 + rnd()}`);
  }
  return rows.join('\n');
}

async function importCsv(text: string): Promise<void> {
  const client = await WsTestClient.open(`ws://127.0.0.1:${wa.app.server.port}/api`);
  try {
    await client.call('data.import', { instrument: INSTRUMENT, fileName: 'walk.csv', text });
  } finally {
    client.close();
  }
}

const equityPixels = () => wa.page.getByTestId('equity-chart').locator('canvas').first().screenshot();

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-equity-coding-');
  wa.page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      if (typeof f.payload !== 'string') return;
      const call = JSON.parse(f.payload) as ClientFrame;
      if (call.type === 'call') calls.push({ method: call.method, arg: call.arg });
    }),
  );
  await importCsv(csv(0));
});

afterAll(async () => {
  await wa?.close();
});

describe('a run’s equity coded against the page’s candles', () => {
  it('charts the run just made exactly as its stored curve', { timeout: 120_000 }, async () => {
    const ui = new WorkstationPage(wa.page);
    await ui.open(wa.url);
    await ui.chooseData(SPEC);
    await ui.setRange('', '');
    await ui.chooseStrategy('sma_cross');
    await ui.run();
    expect(calls.map((c) => c.method)).toContain('backtest.runForChart');
    expect(calls.map((c) => c.method)).not.toContain('runs.get');
    const made = await equityPixels();

    const [id] = await ui.runIds();
    await ui.openRunFromHistory(id);
    expect(calls.filter((c) => c.method === 'runs.get')).toHaveLength(1);
    expect((await equityPixels()).equals(made)).toBe(true);
    expect(wa.pageErrors).toEqual([]);
  });

  it('charts the stored curve when the data changed after the page loaded its candles', { timeout: 120_000 }, async () => {
    const ui = new WorkstationPage(wa.page);
    // The same bars with other closes: the server runs on these, the page still holds the old ones.
    await importCsv(csv(0.5));
    const before = calls.length;
    await ui.run();
    const [id] = await ui.runIds();
    const after = calls.slice(before);
    expect(after.filter((c) => c.method === 'data.candles')).toHaveLength(0);
    expect(after.filter((c) => c.method === 'runs.get').map((c) => c.arg)).toEqual([{ id }]);
    expect(await wa.page.getByTestId('error').count()).toBe(0);
    expect(wa.pageErrors).toEqual([]);
  });
});
