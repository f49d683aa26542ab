/**
 * What the browser tests of the live views share: the renderer built from the current
 * sources into a folder of the test's own (the shared out/ may be stale), one Chromium page
 * that records its uncaught errors, and the UI wait they all use.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { expect } from 'vitest';
import { launchChromium } from '../chromium';

/** Builds the renderer into `outDir` and returns it. */
export async function buildRenderer(outDir: string): Promise<string> {
  await build({ configFile: false, root: join(process.cwd(), 'src/renderer'), plugins: [react()], logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  return outDir;
}

export interface BrowserPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Messages of the page's uncaught errors, oldest first. */
  readonly pageErrors: string[];
}

/** Launches Chromium with one 1600×1000 page. */
export async function openBrowserPage(): Promise<BrowserPage> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { browser, page, pageErrors };
}

/** UI waits: events and the once-a-second list refresh take more than vitest's 1 s default on a busy machine. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
