/**
 * Times on screen and times typed, in the one zone the user chose (UTC by default):
 * formatting, the zone's label, and reading a yyyy-mm-dd date as that zone's midnight.
 */
import type { TimeZoneSetting } from './store/settingsStore';

/** The zone's label as shown next to times: "UTC" or the browser's IANA zone. */
export function zoneLabel(tz: TimeZoneSetting): string {
  return tz === 'utc' ? 'UTC' : (Intl.DateTimeFormat().resolvedOptions().timeZone || 'local');
}

/** Offset of the zone from UTC at `ms`, in ms (local time = UTC + offset). */
function offsetMs(ms: number, tz: TimeZoneSetting): number {
  return tz === 'utc' ? 0 : -new Date(ms).getTimezoneOffset() * 60_000;
}

/** "yyyy-mm-dd hh:mm" (24-hour) in the zone. */
export function formatTime(ms: number, tz: TimeZoneSetting): string {
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms + offsetMs(ms, tz)).toISOString().slice(0, 16).replace('T', ' ');
}

/** "yyyy-mm-dd" in the zone. */
export function formatDay(ms: number, tz: TimeZoneSetting): string {
  return formatTime(ms, tz).slice(0, 10);
}

/** Epoch ms of the zone's midnight starting the day "yyyy-mm-dd"; NaN when the text is not a date. */
export function dayStart(day: string, tz: TimeZoneSetting): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return NaN;
  return tz === 'utc' ? Date.parse(`${day}T00:00:00Z`) : new Date(`${day}T00:00:00`).getTime();
}

/** Epoch ms of the last millisecond of the day "yyyy-mm-dd" in the zone. */
export function dayEnd(day: string, tz: TimeZoneSetting): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return NaN;
  return tz === 'utc' ? Date.parse(`${day}T23:59:59.999Z`) : new Date(`${day}T23:59:59.999`).getTime();
}
