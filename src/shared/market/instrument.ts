/**
 * Instruments, written once for every door: an exchange, a symbol and a bar interval.
 * Names are validated here so nothing a user types reaches SQL, a topic or a file name
 * unchecked. Two spellings:
 *  - `exchange:SYMBOL:interval` (the cache and the upstream tables; `cache:` prefix allowed);
 *  - `SYMBOL:interval` (the live feed, which carries one exchange's candles).
 */
import { barGrid } from './interval';

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

/** Upper-cases and validates a symbol; throws InstrumentError saying what is allowed. */
export function symbolOf(symbol: string): string {
  const sym = symbol.trim().toUpperCase();
  if (!SYMBOL_RE.test(sym)) throw new InstrumentError(`symbol ${JSON.stringify(symbol)} is not valid: use letters, digits, "." or "-" only (e.g. BTCUSDT)`);
  return sym;
}

function checkInterval(interval: string): string {
  try {
    barGrid(interval);
  } catch (e) {
    throw new InstrumentError((e as Error).message);
  }
  return interval;
}

/** Normalises case and validates; throws InstrumentError saying which part is wrong and why. */
export function instrument(exchange: string, symbol: string, interval: string): InstrumentKey {
  const ex = exchange.trim().toLowerCase();
  if (!EXCHANGE_RE.test(ex)) throw new InstrumentError(`exchange ${JSON.stringify(exchange)} is not valid: use letters and digits only, starting with a letter (e.g. binance)`);
  return { exchange: ex, symbol: symbolOf(symbol), interval: checkInterval(interval) };
}

/** `binance:BTCUSDT:1m` */
export function instrumentLabel(k: InstrumentKey): string {
  return `${k.exchange}:${k.symbol}:${k.interval}`;
}

/** Parses `cache:EXCHANGE:SYMBOL:INTERVAL` (the `cache:` prefix optional). */
export function parseInstrumentSpec(spec: string): InstrumentKey {
  const parts = spec.trim().replace(/^cache:/, '').split(':');
  if (parts.length !== 3) throw new InstrumentError(`"${spec}" is not EXCHANGE:SYMBOL:INTERVAL (e.g. cache:binance:BTCUSDT:15m)`);
  return instrument(parts[0], parts[1], parts[2]);
}

/** A live instrument: symbol and interval, no exchange. */
export interface SymbolInterval {
  readonly symbol: string;
  readonly interval: string;
}

/** Parses `SYMBOL:interval` (e.g. `ethusdt:1m` → ETHUSDT, 1m); throws InstrumentError. */
export function parseSymbolInterval(text: string): SymbolInterval {
  const parts = text.trim().split(':');
  if (parts.length === 3) throw new InstrumentError(`instrument "${text}" must look like BTCUSDT:1m (SYMBOL:interval): drop the exchange prefix "${parts[0]}:"`);
  if (parts.length !== 2) throw new InstrumentError(`instrument "${text}" must look like BTCUSDT:1m (SYMBOL:interval)`);
  return { symbol: symbolOf(parts[0]), interval: checkInterval(parts[1]) };
}

/** `BTCUSDT:1m` */
export function symbolIntervalLabel(i: SymbolInterval): string {
  return `${i.symbol}:${i.interval}`;
}
