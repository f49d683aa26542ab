/**
 * The user's display settings, kept in the browser's localStorage (the server-side
 * settings come later): the time zone every time is shown and read in, and the theme.
 */
import { create } from 'zustand';

export type TimeZoneSetting = 'utc' | 'local';
export type ThemeSetting = 'dark' | 'light';

export interface Settings {
  timeZone: TimeZoneSetting;
  theme: ThemeSetting;
}

export const SETTINGS_KEY = 'cryptota.settings.v1';
export const defaultSettings: Settings = { timeZone: 'utc', theme: 'dark' };

export const useSettings = create<Settings>(() => loadSettings());
export const getSettings = useSettings.getState;

export function updateSettings(patch: Partial<Settings>): void {
  useSettings.setState(patch);
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(useSettings.getState()));
  } catch {
    // Storage full or blocked (private mode): the setting holds for this visit.
  }
}

/** Reads stored settings, keeping only values this version knows (a stale or edited entry falls back to defaults). */
function loadSettings(): Settings {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}');
    const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    return {
      timeZone: o.timeZone === 'local' ? 'local' : defaultSettings.timeZone,
      theme: o.theme === 'light' ? 'light' : defaultSettings.theme,
    };
  } catch {
    return { ...defaultSettings };
  }
}
