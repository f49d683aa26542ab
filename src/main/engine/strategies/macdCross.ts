import type { OrderApi } from '../brokerTypes';
import { Macd } from '../indicators/macd';
import type { BarView, StrategyDefinition, StrategyHandler } from '../strategy';
import { crossedAbove } from './crossover';

/**
 * MACD signal-line cross: when the MACD line crosses above its signal line, close and
 * buy; when it crosses below, close and sell short (or only close with long_only).
 */
export const macdCross: StrategyDefinition = {
  name: 'macd_cross',
  description: 'MACD line crossing its signal line; reverses long/short on each cross.',
  params: [
    { name: 'fast', type: 'int', default: 12, min: 1, max: 1000, step: 1, description: 'Fast EMA period (bars)' },
    { name: 'slow', type: 'int', default: 26, min: 2, max: 2000, step: 1, description: 'Slow EMA period (bars)' },
    { name: 'signal', type: 'int', default: 9, min: 1, max: 1000, step: 1, description: 'Signal EMA period (bars)' },
    { name: 'long_only', type: 'bool', default: false, description: 'Close instead of going short on a downward cross' },
  ],
  create(params, ctx) {
    const macd = new Macd(params.fast as number, params.slow as number, params.signal as number);
    return new MacdCross(ctx.broker, macd, params.long_only as boolean);
  },
};

class MacdCross implements StrategyHandler {
  private prevLine = NaN;
  private prevSignal = NaN;

  constructor(
    private readonly broker: OrderApi,
    private readonly macd: Macd,
    private readonly longOnly: boolean,
  ) {}

  onBar(bar: BarView): void {
    const line = this.macd.update(bar.close);
    const signal = this.macd.signal;
    const pl = this.prevLine;
    const ps = this.prevSignal;
    this.prevLine = line;
    this.prevSignal = signal;
    if (crossedAbove(pl, ps, line, signal)) {
      this.broker.closePosition();
      this.broker.buy();
    } else if (crossedAbove(ps, pl, signal, line)) {
      this.broker.closePosition();
      if (!this.longOnly) this.broker.sell();
    }
  }

  plotValues(): Readonly<Record<string, number>> {
    return { macd: this.prevLine, signal: this.prevSignal };
  }
}
