import type { StrategyDefinition } from '../strategy';
import { MaCross } from './smaCross';

/** sma_cross's reversal rule on exponential moving averages (TA-Lib seeding). */
export const emaCross: StrategyDefinition = {
  name: 'ema_cross',
  description: 'Fast/slow exponential moving average crossover; reverses long/short on each cross.',
  params: [
    { name: 'n1', type: 'int', default: 12, min: 1, max: 1000, step: 1, description: 'Fast EMA period (bars)' },
    { name: 'n2', type: 'int', default: 26, min: 2, max: 5000, step: 1, description: 'Slow EMA period (bars)' },
    { name: 'long_only', type: 'bool', default: false, description: 'Close instead of going short on a downward cross' },
  ],
  indicators: (params) => ({
    fast: { indicator: 'ema', params: { period: params.n1 as number } },
    slow: { indicator: 'ema', params: { period: params.n2 as number } },
  }),
  create(params, ctx) {
    return new MaCross(ctx.broker, ctx.indicator('fast'), ctx.indicator('slow'), params.long_only as boolean);
  },
};
