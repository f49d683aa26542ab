/**
 * The flags `optimize` and `walkforward` share (data, strategy, the parameter space,
 * constraints, objective, sampling, broker), read into one OptimizeRequest.
 */
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './command';
import { timeOption } from './options';
import { compatOption } from './compatOption';
import { brokerOptionSpec, brokerSettingsFromFlags, type BrokerFlagValues } from './brokerOptions';
import { paramFlags } from './backtestFlags';
import type { OptimizeRequest } from '../../shared/researchTypes';
import { REQUEST_DEFAULTS } from '../research/optimize/requestDefaults';

export const gridOptionSpec = {
  data: { type: 'string', default: 'sample' },
  strategy: { type: 'string', default: 'sma_cross' },
  param: { type: 'string', multiple: true, default: [] as string[] },
  constraint: { type: 'string', multiple: true, default: [] as string[] },
  objective: { type: 'string' },
  method: { type: 'string', default: REQUEST_DEFAULTS.method },
  samples: { type: 'string' },
  seed: { type: 'string' },
  'min-trades': { type: 'string' },
  workers: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  ...brokerOptionSpec,
  label: { type: 'string' },
  compat: { type: 'string' },
  json: { type: 'boolean', default: false },
} satisfies NonNullable<ParseArgsConfig['options']>;

export interface GridFlagValues extends BrokerFlagValues {
  data?: string;
  strategy?: string;
  param?: string[];
  constraint?: string[];
  objective?: string;
  method?: string;
  samples?: string;
  seed?: string;
  'min-trades'?: string;
  from?: string;
  to?: string;
  label?: string;
  compat?: string;
}

export function gridRequestFromFlags(v: GridFlagValues): Omit<OptimizeRequest, 'topK'> {
  const method = v.method ?? 'grid';
  if (method !== 'grid' && method !== 'random') throw new UsageError(`--method must be grid or random (got "${method}")`);
  const space = paramFlags(v.param);
  return {
    data: v.data ?? 'sample',
    strategy: v.strategy ?? 'sma_cross',
    space,
    constraints: v.constraint ?? [],
    objective: v.objective,
    method,
    samples: wholeNumberOption('samples', v.samples),
    seed: wholeNumberOption('seed', v.seed),
    minTrades: wholeNumberOption('min-trades', v['min-trades']),
    broker: brokerSettingsFromFlags(v),
    fromMs: timeOption('from', v.from),
    toMs: timeOption('to', v.to),
    label: v.label,
    compat: compatOption(v.compat),
  };
}

export function wholeNumberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number >= 0 (got "${value}")`);
  return n;
}
