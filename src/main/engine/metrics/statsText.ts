/**
 * Stats out of the engine: JSON as the oracle files store it (NaN and
 * infinities become null, key order kept) and a two-column table for the CLI.
 */
import { DURATION_KEYS, STAT_KEYS, type StatKey, type Stats } from './statsShape';

/** Stats as plain JSON-safe data: numbers, strings, and null where a value is not finite. */
export type StatsJson = Record<string, number | string | null>;

export function statsToJson(stats: Stats): StatsJson {
  const out: StatsJson = {};
  for (const key of STAT_KEYS) {
    const v = stats[key];
    if (v === undefined) continue; // a stat left out (compat 'backtesting.py')
    out[key] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
  }
  return out;
}

/**
 * A readable table: one stat a line, names left, values right-aligned.
 * Seconds twins are folded into their duration, shown as "12d 4h 30m".
 */
export function formatStatsTable(stats: Stats | StatsJson): string {
  const rows: [string, string][] = [];
  for (const key of STAT_KEYS) {
    if (key.endsWith(' (seconds)') || !(key in stats)) continue;
    rows.push([key, formatValue(key, stats)]);
  }
  const nameWidth = Math.max(...rows.map(([k]) => k.length));
  const valueWidth = Math.max(...rows.map(([, v]) => v.length));
  return rows.map(([k, v]) => `${k.padEnd(nameWidth)}  ${v.padStart(valueWidth)}`).join('\n');
}

/** Accepts live Stats and their JSON form (a saved run), where null stands for NaN. */
function formatValue(key: StatKey, stats: Stats | StatsJson): string {
  const raw = (k: string): number | string | null | undefined => (stats as StatsJson)[k];
  if (key === 'Start' || key === 'End') return String(raw(key) ?? 'n/a').replace('T', ' ');
  if (isDurationKey(key)) return humanDuration(raw(`${key} (seconds)`) as number | null ?? NaN);
  const v = raw(key);
  if (typeof v !== 'number') return v ?? 'n/a';
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (key === '# Trades') return String(v);
  if (key.endsWith('[$]')) return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (key.endsWith('[%]')) return v.toFixed(2);
  return v.toFixed(3);
}

/** 1 day 4 hours 30 minutes -> "1d 4h 30m"; whole-day spans stay "3116d". */
export function humanDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return 'n/a';
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const q = Math.floor(rest / size);
    rest -= q * size;
    if (q > 0) parts.push(`${q}${unit}`);
  }
  return parts.length ? parts.join(' ') : '0s';
}

type DurationKey = (typeof DURATION_KEYS)[number];

function isDurationKey(key: StatKey): key is DurationKey {
  return (DURATION_KEYS as readonly StatKey[]).includes(key);
}
