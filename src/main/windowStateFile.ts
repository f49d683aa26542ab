/**
 * Window size and position remembered between sessions (JSON in the user-data folder).
 * No Electron import: the shell passes the displays' work areas in, so this is testable.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1480, height: 920 };
const MIN = { width: 900, height: 600 };

export function loadWindowState(file: string): WindowState | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = v.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return { bounds: b, maximized: v.maximized === true };
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state));
}

/**
 * Keeps a remembered window usable: at least the minimum size, and with its title bar
 * on one of the current displays (a monitor may have been unplugged since).
 */
export function fitToDisplays(saved: Bounds | null, workAreas: readonly Bounds[]): Partial<Bounds> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN.width, saved.width);
  const height = Math.max(MIN.height, saved.height);
  const visible = workAreas.some((a) => saved.x + 100 > a.x && saved.x < a.x + a.width - 100 && saved.y >= a.y && saved.y < a.y + a.height - 50);
  return visible ? { x: saved.x, y: saved.y, width, height } : { width, height };
}
