/** Shared readers for CLI option values, each with an error that names the option. */
import { parseUtcDate } from '../data/csvCandles';
import { UsageError } from './command';

export function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const v = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a number (got "${value}")`);
  return v;
}

/** A date/time option: ISO date ("2024-01-31"), ISO datetime (UTC unless zoned) or epoch ms. */
export function timeOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d{10,}$/.test(value.trim()) ? Number(value) : parseUtcDate(value);
  if (!Number.isFinite(t)) throw new UsageError(`--${name} must be a date like 2024-01-31, 2024-01-31T12:00 or epoch ms (got "${value}")`);
  return t;
}

export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
