/** The Data and Settings screens as a user drives them: by labels, buttons and keys. */
import type { Locator, Page } from 'playwright-core';

export class DataPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('nav').waitFor();
  }

  async goTo(screen: 'data' | 'settings'): Promise<void> {
    await this.page.getByTestId(`view-${screen}`).click();
    await this.page.getByTestId(screen === 'data' ? 'data-manager' : 'connection-settings').waitFor();
  }

  /** Fills the TimescaleDB connection form; the password is typed last, Enter saves. */
  async saveTimescale(v: { host: string; port: number; database: string; user: string; password?: string }): Promise<void> {
    const p = this.page;
    await p.getByTestId('pg-host').fill(v.host);
    await p.getByTestId('pg-port').fill(String(v.port));
    await p.getByTestId('pg-database').fill(v.database);
    await p.getByTestId('pg-user').fill(v.user);
    await p.getByTestId('timescale-password').fill(v.password ?? '');
    await p.getByTestId(v.password ? 'timescale-password' : 'pg-user').press('Enter');
    await p.getByTestId('timescale-notice').waitFor();
  }

  get syncForm(): Locator {
    return this.page.getByTestId('data-sync');
  }

  coverageRow(instrument: string): Locator {
    return this.page.getByTestId(`coverage-${instrument}`);
  }

  gapMarks(instrument: string, kind: 'outage' | 'not_synced'): Locator {
    return this.page.getByTestId(`timeline-${instrument}`).locator(`[data-kind=${kind}]`);
  }

  /** Opens a coverage row's range form and fills From/To (yyyy-mm-dd). */
  async openRange(instrument: string, from: string, to: string): Promise<void> {
    await this.page.getByTestId(`range-${instrument}`).click();
    await this.page.getByTestId('range-from').fill(from);
    await this.page.getByTestId('range-to').fill(to);
  }

  async importCsv(symbol: string, interval: string, name: string, text: string): Promise<void> {
    const panel = this.page.getByTestId('data-import');
    await panel.getByTestId('import-symbol').fill(symbol);
    await panel.getByTestId('import-interval').selectOption(interval);
    await panel.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  }
}
