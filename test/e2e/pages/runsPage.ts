/** Page model of the Runs screen: the history table, its search and filters, the focused run's actions, the comparison. */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

export class RunsPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByTestId('run-history');
  }

  row(id: number): Locator {
    return this.page.getByTestId(`run-row-${id}`);
  }

  /** Run ids in the table, top first. */
  async ids(): Promise<number[]> {
    const rowIds = await this.table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.id));
    return rowIds.map((id) => Number(id.replace('run-row-', '')));
  }

  async name(id: number): Promise<string> {
    return (await this.row(id).locator('.run-name-cell').textContent()) ?? '';
  }

  async tags(id: number): Promise<string[]> {
    return this.row(id).locator('.tag-chip-name').allTextContents();
  }

  /** Clicks a row (it becomes the focused run) and gives the table the keyboard. */
  async focus(id: number): Promise<void> {
    await this.row(id).locator('td').nth(1).click();
    await this.table.focus();
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async addTag(id: number, tag: string): Promise<void> {
    await this.page.getByLabel(`add tag to run ${id}`, { exact: true }).click();
    await this.page.getByLabel(`new tag for run ${id}`, { exact: true }).fill(tag);
    await this.page.keyboard.press('Enter');
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('search runs').fill(text);
  }

  async filter(what: 'strategy' | 'tag' | 'kind', value: string): Promise<void> {
    await this.page.getByLabel(`filter by ${what}`).selectOption(value);
  }

  async sortBy(column: string): Promise<void> {
    await this.page.getByTestId(`sort-${column}`).click();
  }

  /** Clicks an export button and returns the downloaded file's name and bytes. */
  async download(testId: 'export-trades-csv' | 'export-run-json' | 'export-equity-png'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 30_000 }), this.page.getByTestId(testId).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  }

  /** "#id" of each compared run, in column order. */
  async comparedRuns(): Promise<string[]> {
    const heads = await this.page.getByTestId('compare-stats').locator('thead th').allTextContents();
    return heads.slice(1).map((h) => /#\d+/.exec(h)?.[0] ?? h);
  }

  /** The runs (by column, "#id") starred as best in a stat's row. */
  async bestIn(stat: string): Promise<string[]> {
    const heads = await this.comparedRuns();
    const row = this.page.getByTestId('compare-stats').locator('tbody tr').filter({ has: this.page.locator('td:first-child', { hasText: new RegExp(`^${stat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
    const cells = await row.locator('td').evaluateAll((tds) => tds.slice(1).map((td) => td.classList.contains('best')));
    return heads.filter((_, i) => cells[i]);
  }

  /** Names of the setting rows highlighted because the compared runs differ there. */
  async differingSettings(): Promise<string[]> {
    return this.page.getByTestId('compare-settings').locator('tbody tr.differs td:first-child').allTextContents();
  }
}
