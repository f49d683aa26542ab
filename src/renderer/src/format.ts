/** Number and date formatting for tables and tiles. */
import { getSettings } from './store/settingsStore';
import { formatDay, formatTime, zoneLabel } from './time';

export function fmtNum(v: number | string | null | undefined, digits = 2): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '—';
  return v.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(v) ? 0 : Math.min(digits, 2), maximumFractionDigits: digits });
}

/**
 * A figure for a narrow tile: as fmtNum up to a million, then compact (1.23M, 4.5B) and
 * beyond a trillion in exponent form, so no value can widen its tile.
 */
export function fmtCompact(v: number | string | null | undefined, digits = 2): string {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) < 1e6) return fmtNum(v, digits);
  if (Math.abs(v) >= 1e15) return v.toExponential(2);
  return v.toLocaleString('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
}

/** A time in the zone of the settings (components that show times subscribe to it, so they redraw when it changes). */
export function fmtDate(ms: number): string {
  return formatTime(ms, getSettings().timeZone);
}

/** A time with its zone's label, for places without a labelled column header. */
export function fmtDateTz(ms: number): string {
  return `${fmtDate(ms)} ${zoneLabel(getSettings().timeZone)}`;
}

/** The label of the zone times are shown in ("UTC" by default). */
export function tzLabel(): string {
  return zoneLabel(getSettings().timeZone);
}

export function fmtDay(ms: number): string {
  return formatDay(ms, getSettings().timeZone);
}

export function fmtDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m ${s % 60}s`;
}

/** +/- class for a value whose sign is its meaning (returns, PnL). */
export function signClass(v: number | string | null | undefined): string {
  if (typeof v !== 'number' || !Number.isFinite(v) || v === 0) return '';
  return v > 0 ? 'pos' : 'neg';
}
