/** The sync and import forms' instrument and dates, checked by the app's one instrument rule. */
import { instrument, instrumentLabel, InstrumentError } from '../../../shared/market/instrument';
import { dayEnd, dayStart } from '../time';
import type { TimeZoneSetting } from '../store/settingsStore';

export type FieldErrors = Partial<Record<'exchange' | 'symbol' | 'interval' | 'from' | 'to', string>>;

/** "exchange:SYMBOL:interval", or the fields at fault with what is wrong. */
export function checkInstrument(exchange: string, symbol: string, interval: string): { instrument: string } | { errors: FieldErrors } {
  if (symbol.trim() === '') return { errors: { symbol: 'give a symbol, e.g. BTCUSDT' } };
  try {
    return { instrument: instrumentLabel(instrument(exchange, symbol, interval)) };
  } catch (e) {
    if (!(e instanceof InstrumentError)) throw e;
    const field = /^exchange/.test(e.message) ? 'exchange' : /^symbol/.test(e.message) ? 'symbol' : 'interval';
    return { errors: { [field]: e.message } };
  }
}

/** A yyyy-mm-dd range in the zone as [fromMs, toMs) (empty ends are open); errors name the field. */
export function checkRange(from: string, to: string, tz: TimeZoneSetting): { fromMs?: number; toMs?: number } | { errors: FieldErrors } {
  const fromMs = from === '' ? undefined : dayStart(from, tz);
  const toMs = to === '' ? undefined : dayEnd(to, tz) + 1;
  if (fromMs !== undefined && !Number.isFinite(fromMs)) return { errors: { from: `"${from}" is not a date (yyyy-mm-dd)` } };
  if (toMs !== undefined && !Number.isFinite(toMs)) return { errors: { to: `"${to}" is not a date (yyyy-mm-dd)` } };
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) return { errors: { to: 'must be on or after From' } };
  return { ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }) };
}
