import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, fitToDisplays, loadWindowState, saveWindowState } from './windowStateFile';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('round-trips bounds and the maximized flag through its file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ws-')), 'sub', 'window.json');
    saveWindowState(file, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    expect(loadWindowState(file)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
  });

  it('ignores a missing or corrupt file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    expect(loadWindowState(join(dir, 'none.json'))).toBeNull();
    writeFileSync(join(dir, 'bad.json'), '{"bounds":{"x":"a"}}');
    expect(loadWindowState(join(dir, 'bad.json'))).toBeNull();
  });

  it('keeps a position that is on a display and drops one on an unplugged monitor', () => {
    expect(fitToDisplays({ x: 100, y: 50, width: 1200, height: 800 }, screen)).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(fitToDisplays({ x: 2500, y: 50, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800 });
  });

  it('enforces a minimum size and defaults when nothing was saved', () => {
    expect(fitToDisplays({ x: 0, y: 0, width: 200, height: 100 }, screen)).toMatchObject({ width: 900, height: 600 });
    expect(fitToDisplays(null, screen)).toEqual(DEFAULT_SIZE);
  });
});
