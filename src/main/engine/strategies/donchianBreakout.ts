import type { OrderApi } from '../brokerTypes';
import { Donchian } from '../indicators/donchian';
import type { BarView, StrategyDefinition, StrategyHandler } from '../strategy';

/**
 * Donchian (turtle-style) breakout, long only: buy when the close rises above the
 * highest high of the previous `entry` bars; exit when it falls below the lowest low
 * of the previous `exit` bars. "Previous" excludes the current bar, which is inside
 * its own channel and could never break it.
 */
export const donchianBreakout: StrategyDefinition = {
  name: 'donchian_breakout',
  description: 'Buy on a close above the previous N-bar high; exit on a close below the previous M-bar low (long only).',
  params: [
    { name: 'entry', type: 'int', default: 20, min: 1, max: 2000, step: 1, description: 'Entry channel length N (bars)' },
    { name: 'exit', type: 'int', default: 10, min: 1, max: 2000, step: 1, description: 'Exit channel length M (bars)' },
  ],
  create(params, ctx) {
    return new DonchianBreakout(ctx.broker, new Donchian(params.entry as number), new Donchian(params.exit as number));
  },
};

class DonchianBreakout implements StrategyHandler {
  constructor(
    private readonly broker: OrderApi,
    private readonly entryChannel: Donchian,
    private readonly exitChannel: Donchian,
  ) {}

  onBar(bar: BarView): void {
    // The channels as of the previous bar, before this bar joins them.
    const prevHigh = this.entryChannel.upper;
    const prevLow = this.exitChannel.lower;
    this.entryChannel.update(bar.high, bar.low);
    this.exitChannel.update(bar.high, bar.low);
    const size = this.broker.position.size;
    if (size === 0) {
      if (bar.close > prevHigh) this.broker.buy();
    } else if (size > 0 && bar.close < prevLow) {
      this.broker.closePosition();
    }
  }

  plotValues(): Readonly<Record<string, number>> {
    return { upper: this.entryChannel.upper, lower: this.exitChannel.lower };
  }
}
