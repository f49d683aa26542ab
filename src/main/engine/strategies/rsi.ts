import type { OrderApi } from '../brokerTypes';
import type { BarView, IndicatorReader, StrategyDefinition, StrategyHandler } from '../strategy';
import { crossedAbove } from './crossover';

/**
 * RSI mean reversion, long only: when flat, buy as Wilder's RSI crosses up through
 * `lower` (leaving oversold); when long, close as it crosses up through `upper`.
 */
export const rsiStrategy: StrategyDefinition = {
  name: 'rsi',
  description: 'Buy when RSI crosses up through the oversold level, sell when it crosses up through the overbought level (long only).',
  params: [
    { name: 'period', type: 'int', default: 14, min: 2, max: 1000, step: 1, description: 'RSI period (bars, Wilder smoothing)' },
    { name: 'lower', type: 'float', default: 30, min: 0, max: 100, step: 1, description: 'Oversold level: enter when RSI crosses above it' },
    { name: 'upper', type: 'float', default: 70, min: 0, max: 100, step: 1, description: 'Overbought level: exit when RSI crosses above it' },
  ],
  indicators: (params) => ({ rsi: { indicator: 'rsi', params: { period: params.period as number } } }),
  create(params, ctx) {
    return new RsiReversion(ctx.broker, ctx.indicator('rsi'), params.lower as number, params.upper as number);
  },
};

class RsiReversion implements StrategyHandler {
  private prev = NaN;

  constructor(
    private readonly broker: OrderApi,
    private readonly rsi: IndicatorReader,
    private readonly lower: number,
    private readonly upper: number,
  ) {}

  onBar(bar: BarView): void {
    const r = this.rsi.update(bar.close);
    const prev = this.prev;
    this.prev = r;
    const size = this.broker.position.size;
    if (size === 0) {
      if (crossedAbove(prev, this.lower, r, this.lower)) this.broker.buy();
    } else if (size > 0 && crossedAbove(prev, this.upper, r, this.upper)) {
      this.broker.closePosition();
    }
  }

  plotValues(): Readonly<Record<string, number>> {
    return { rsi: this.prev };
  }
}
