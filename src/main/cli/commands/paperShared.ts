/** Pieces the `cryptota paper ...` subcommands share: the store, session ids, number printing. */
import { UsageError } from '../command';
import { openDb, type Db } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { LiveStore } from '../../live/liveStore';
import { pricePrecision } from '../../live/pricePrecision';

/** Runs `f` on the local store and closes it afterwards. */
export async function withLiveStore<T>(f: (db: Db, store: LiveStore) => Promise<T> | T): Promise<T> {
  const db = openDb(defaultDbPath());
  try {
    return await f(db, new LiveStore(db));
  } finally {
    db.close();
  }
}

export function sessionId(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`session id must be a positive integer (got "${s}")`);
  return n;
}

/** Money amounts: thousands separators, at most 2 decimals. */
export function fmtMoney(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The price precision of an instrument from its recent stored candles (null when none are stored). */
export function instrumentPrecision(store: LiveStore, instrument: string): number | null {
  const bars = store.recentCandles(instrument, 200);
  return bars.length === 0 ? null : pricePrecision(bars);
}
