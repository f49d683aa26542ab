/**
 * The broker flags shared by `backtest`, `optimize`, `walkforward` and `paper start`:
 * one parseArgs spec, one help block and one reader, defaults from the shared broker
 * defaults (src/shared/brokerDefaults.ts).
 */
import type { BrokerSettings } from '../../shared/backtestTypes';
import { DEFAULT_BROKER_SETTINGS as D } from '../../shared/brokerDefaults';
import { numberOption } from './options';

export const brokerOptionSpec = {
  cash: { type: 'string' },
  commission: { type: 'string' },
  'slippage-bps': { type: 'string' },
  'qty-step': { type: 'string' },
  'min-notional': { type: 'string' },
  'trade-on-close': { type: 'boolean', default: false },
} as const;

export const BROKER_HELP = `  --cash <n>             starting cash (default ${D.cash})
  --commission <f>       fraction of notional per fill (default ${D.commission} = ${D.commission * 100}%, Binance spot taker)
  --slippage-bps <n>     adverse slippage on market and stop fills, basis points (default ${D.slippageBps})
  --qty-step <n>         quantity increment: 1 = whole units, 1e-8 = satoshis (default ${D.qtyStep})
  --min-notional <n>     reject orders smaller than this notional (default ${D.minNotional})
  --trade-on-close       fill market orders at the signal bar's close instead of the next open`;

export interface BrokerFlagValues {
  cash?: string;
  commission?: string;
  'slippage-bps'?: string;
  'qty-step'?: string;
  'min-notional'?: string;
  'trade-on-close'?: boolean;
}

export function brokerSettingsFromFlags(v: BrokerFlagValues): Required<BrokerSettings> {
  return {
    cash: numberOption('cash', v.cash, D.cash),
    commission: numberOption('commission', v.commission, D.commission),
    slippageBps: numberOption('slippage-bps', v['slippage-bps'], D.slippageBps),
    qtyStep: numberOption('qty-step', v['qty-step'], D.qtyStep),
    minNotional: numberOption('min-notional', v['min-notional'], D.minNotional),
    tradeOnClose: v['trade-on-close'] ?? D.tradeOnClose,
  };
}
