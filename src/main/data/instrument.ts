/**
 * An instrument in the cache and the source: exchange, symbol and bar interval.
 * Names are validated here, once, so nothing a user types reaches SQL or a file name
 * unchecked: letters, digits and a few separators only.
 */
import { intervalMs } from './intervals';

export interface InstrumentKey {
  /** Lower case, e.g. `binance`. */
  readonly exchange: string;
  /** Upper case, e.g. `BTCUSDT`. */
  readonly symbol: string;
  /** e.g. `1m`, `15m`, `1h`. */
  readonly interval: string;
}

export class InstrumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstrumentError';
  }
}

const EXCHANGE_RE = /^[a-z][a-z0-9]{0,31}$/;
// No underscore: it separates the parts of `{exchange}_{symbol}_kline_{interval}`.
const SYMBOL_RE = /^[A-Z0-9][A-Z0-9.-]{0,39}$/;

/** Normalises case and validates; throws InstrumentError saying which part is wrong and why. */
export function instrument(exchange: string, symbol: string, interval: string): InstrumentKey {
  const ex = exchange.trim().toLowerCase();
  const sym = symbol.trim().toUpperCase();
  if (!EXCHANGE_RE.test(ex)) throw new InstrumentError(`exchange ${JSON.stringify(exchange)} is not valid: use letters and digits only, starting with a letter (e.g. binance)`);
  if (!SYMBOL_RE.test(sym)) throw new InstrumentError(`symbol ${JSON.stringify(symbol)} is not valid: use letters, digits, "." or "-" only (e.g. BTCUSDT)`);
  try {
    intervalMs(interval);
  } catch (e) {
    throw new InstrumentError((e as Error).message);
  }
  return { exchange: ex, symbol: sym, interval };
}

/** `binance:BTCUSDT:1m` */
export function instrumentLabel(k: InstrumentKey): string {
  return `${k.exchange}:${k.symbol}:${k.interval}`;
}

/** Parses `cache:EXCHANGE:SYMBOL:INTERVAL` (the `cache:` prefix optional). */
export function parseInstrumentSpec(spec: string): InstrumentKey {
  const parts = spec.replace(/^cache:/, '').split(':');
  if (parts.length !== 3) throw new InstrumentError(`"${spec}" is not EXCHANGE:SYMBOL:INTERVAL (e.g. cache:binance:BTCUSDT:15m)`);
  return instrument(parts[0], parts[1], parts[2]);
}
