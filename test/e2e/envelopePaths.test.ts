/**
 * The equity and drawdown panes draw long curves through envelopePaths (points merged per
 * pixel column from a block index) instead of uPlot's own line builder. In real Chromium,
 * the same 130,000-point curves drawn both ways must cover the same pixels: per pixel
 * column, the topmost and bottommost painted pixel of the line agree within a pixel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import type {} from './support/envelopeTestPage';

let dir: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cryptota-e2e-envelope-'));
  const entry = join(process.cwd(), 'test/e2e/support/envelopeTestPage.ts');
  const outDir = join(dir, 'out');
  await build({
    configFile: false, logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: false, lib: { entry, formats: ['iife'], name: 'envelopeTest', fileName: () => 'page.js' } },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.setContent('<!doctype html><html><body style="margin:0;background:transparent"></body></html>');
  await page.addScriptTag({ path: join(outDir, 'page.js') });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('envelopePaths', () => {
  for (const kind of ['steps', 'walk', 'spike']) {
    it(`covers the same pixels as uPlot's own line for a 130,000-point curve (${kind})`, async () => {
      const { envelope, linear } = await page.evaluate((k) => window.drawBoth(k), kind);
      expect(envelope.width).toBe(linear.width);
      let painted = 0;
      const off: string[] = [];
      for (let c = 0; c < linear.width; c++) {
        if (linear.top[c] < 0 && envelope.top[c] < 0) continue;
        painted++;
        if (Math.abs(envelope.top[c] - linear.top[c]) > 1 || Math.abs(envelope.bottom[c] - linear.bottom[c]) > 1) {
          off.push(`column ${c}: envelope ${envelope.top[c]}..${envelope.bottom[c]}, uPlot ${linear.top[c]}..${linear.bottom[c]}`);
        }
      }
      // The line spans the plot: nearly every column is painted by both.
      expect(painted).toBeGreaterThan(linear.width * 0.95);
      expect(off.slice(0, 10)).toEqual([]);
    });
  }
});
