import type { OrderApi } from '../brokerTypes';
import type { BarView, StrategyDefinition, StrategyHandler } from '../strategy';
import { crossedAbove } from './crossover';

/**
 * backtesting.py's SmaCross: when the fast SMA crosses above the slow one, close any
 * position and buy; when it crosses below, close and sell short (or only close with
 * long_only). Always in the market after the first cross.
 */
export const smaCross: StrategyDefinition = {
  name: 'sma_cross',
  description: 'Fast/slow simple moving average crossover; reverses long/short on each cross (backtesting.py SmaCross).',
  params: [
    { name: 'n1', type: 'int', default: 10, min: 1, max: 1000, step: 1, description: 'Fast SMA period (bars)' },
    { name: 'n2', type: 'int', default: 20, min: 2, max: 5000, step: 1, description: 'Slow SMA period (bars)' },
    { name: 'long_only', type: 'bool', default: false, description: 'Close instead of going short on a downward cross' },
  ],
  indicators: (params) => ({
    fast: { indicator: 'sma', params: { period: params.n1 as number } },
    slow: { indicator: 'sma', params: { period: params.n2 as number } },
  }),
  create(params, ctx) {
    return new MaCross(ctx.broker, ctx.indicator('fast'), ctx.indicator('slow'), params.long_only as boolean);
  },
};

/** The crossover rule over any two moving averages with `update(x) => value` (shared with ema_cross). */
export class MaCross<F extends { update(x: number): number }> implements StrategyHandler {
  private prevFast = NaN;
  private prevSlow = NaN;

  constructor(
    private readonly broker: OrderApi,
    private readonly fast: F,
    private readonly slow: F,
    private readonly longOnly: boolean,
  ) {}

  onBar(bar: BarView): void {
    const x = bar.close;
    const f = this.fast.update(x);
    const s = this.slow.update(x);
    const pf = this.prevFast;
    const ps = this.prevSlow;
    this.prevFast = f;
    this.prevSlow = s;
    // The rare order path stays out of line so the per-bar path is small enough for
    // V8 to inline the two moving averages into the bar loop.
    if (crossedAbove(pf, ps, f, s)) this.enter(true);
    else if (crossedAbove(ps, pf, s, f)) this.enter(false);
  }

  private enter(long: boolean): void {
    this.broker.closePosition();
    if (long) this.broker.buy();
    else if (!this.longOnly) this.broker.sell();
  }

  plotValues(): Readonly<Record<string, number>> {
    return { fast: this.prevFast, slow: this.prevSlow };
  }
}
