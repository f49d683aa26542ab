/** --exchange/--symbol/--interval for the data commands, validated once (see data/instrument.ts). */
import type { InstrumentKey } from '../../shared/market/instrument';
import { instrument, InstrumentError } from '../../shared/market/instrument';
import { UsageError } from './command';

export const INSTRUMENT_OPTIONS = {
  exchange: { type: 'string', default: 'binance' },
  symbol: { type: 'string' },
  interval: { type: 'string', default: '1m' },
} as const;

export function instrumentFromFlags(v: { exchange?: string; symbol?: string; interval?: string }): InstrumentKey {
  if (!v.symbol) throw new UsageError('--symbol is required (e.g. --symbol BTCUSDT)');
  try {
    return instrument(v.exchange ?? 'binance', v.symbol, v.interval ?? '1m');
  } catch (e) {
    if (e instanceof InstrumentError) throw new UsageError(e.message);
    throw e;
  }
}

/** Aborts the returned signal on Ctrl-C, so a sync or import stops between pages and keeps what it stored. */
export function abortOnSigint(): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const onSig = () => ac.abort();
  process.once('SIGINT', onSig);
  return { signal: ac.signal, dispose: () => process.off('SIGINT', onSig) };
}
