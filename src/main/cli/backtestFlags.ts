/**
 * The flags that name one backtest (data, strategy, parameters, range, broker), read
 * into a BacktestRequest the same way by `backtest` and `lookahead`; `--param` pairs are
 * read by paramFlags for the research commands too.
 */
import type { BacktestRequest } from '../../shared/backtestTypes';
import { parseKeyValues } from '../research/paramCoercion';
import { brokerSettingsFromFlags, type BrokerFlagValues } from './brokerOptions';
import { UsageError } from './command';
import { timeOption } from './options';

export interface BacktestFlagValues extends BrokerFlagValues {
  data?: string;
  strategy?: string;
  param?: string[];
  from?: string;
  to?: string;
}

/** Repeated `--param key=value` into a map; a malformed pair is a usage error. */
export function paramFlags(pairs: readonly string[] | undefined): Record<string, string> {
  try {
    return parseKeyValues(pairs ?? []);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function backtestRequestFromFlags(v: BacktestFlagValues): BacktestRequest {
  return {
    data: v.data ?? 'sample',
    strategy: v.strategy ?? 'rsi',
    params: paramFlags(v.param),
    broker: brokerSettingsFromFlags(v),
    fromMs: timeOption('from', v.from),
    toMs: timeOption('to', v.to),
  };
}
