/**
 * The simulated broker's settings as users give them, with ONE set of defaults for
 * every door (CLI flags, API requests, the app's form, paper sessions): a run asked for
 * without costs is charged Binance spot's taker fee in all of them, never free in one
 * and 0.1% in another.
 */
import type { BrokerSettings } from './backtestTypes';

export const DEFAULT_BROKER_SETTINGS: Required<BrokerSettings> = {
  cash: 10_000,
  /** Fraction of notional per fill: 0.001 = 0.1%, Binance spot taker. */
  commission: 0.001,
  slippageBps: 0,
  /** Quantity increment: 1e-8 = one satoshi. */
  qtyStep: 1e-8,
  minNotional: 0,
  tradeOnClose: false,
};

/** `settings` with every missing field taken from the defaults. */
export function withBrokerDefaults(settings: BrokerSettings): Required<BrokerSettings> {
  const out = { ...DEFAULT_BROKER_SETTINGS };
  for (const [k, v] of Object.entries(settings) as [keyof BrokerSettings, BrokerSettings[keyof BrokerSettings]][]) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
