/**
 * The desktop shell in a real Electron (Playwright's _electron). Runs only where the
 * Electron binary is installed; these machines cannot download it, so here it is
 * skipped with the reason printed.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../src/main/web/rendererBuild';

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const reason = 'Electron binary not installed (node_modules/electron has no dist; ELECTRON_SKIP_BINARY_DOWNLOAD)';
let app: ElectronApplication | undefined;

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!binary)(`Electron shell${binary ? '' : ` — skipped: ${reason}`}`, () => {
  it('opens a sandboxed window whose only bridge is window.api, and answers over IPC', async () => {
    ensureRendererBuilt(() => {});
    app = await _electron.launch({
      executablePath: binary!,
      args: [join(process.cwd(), 'out', 'main', 'index.js'), `--user-data-dir=${mkdtempSync(join(tmpdir(), 'cryptota-electron-'))}`],
    });
    const win = await app.firstWindow();
    await win.getByTestId('run-button').waitFor();
    const shape = await win.evaluate(() => ({
      api: Object.keys((window as unknown as { api: object }).api).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ api: ['call', 'on', 'transport'], require: 'undefined', process: 'undefined' });
    const info = await win.evaluate(() => (window as unknown as { api: { call(m: string, a: object): Promise<{ dbPath: string }> } }).api.call('app.info', {}));
    expect(info.dbPath).toMatch(/workstation\.sqlite$/);
    // Sandboxed preload: no Node globals reach the page (checked above); one window (single instance).
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // New windows are denied (links go to the system browser instead).
    expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(win.url()).toMatch(/^file:/);
  });
});

describe.skipIf(Boolean(binary))('Electron shell availability', () => {
  it(`is skipped: ${reason}`, () => {
    expect(binary).toBeNull();
  });
});
