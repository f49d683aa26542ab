/**
 * The backtest workstation as the browser tests of the backtest views use it: the
 * renderer built from the current sources (the shared out/ may be stale), `cryptota
 * serve`'s server over a fresh store, and one Chromium page that records its errors.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHeadless, type Headless } from '../../../src/main/web/headless';
import { buildRenderer, openBrowserPage, type BrowserPage } from './browserPage';

/** Where every browser test writes its screenshots. */
export const SHOTS = join(process.cwd(), 'test-results');

export interface WorkstationApp extends BrowserPage {
  readonly app: Headless;
  readonly url: string;
  close(): Promise<void>;
}

export async function startWorkstationApp(prefix: string): Promise<WorkstationApp> {
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const staticDir = await buildRenderer(join(dir, 'renderer'));
  const app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  const bp = await openBrowserPage();
  return {
    ...bp,
    app,
    url: app.server.url,
    close: async () => {
      await bp.browser.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
