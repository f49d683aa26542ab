import type { OrderApi } from '../brokerTypes';
import { Bollinger } from '../indicators/bollinger';
import type { BarView, StrategyDefinition, StrategyHandler } from '../strategy';
import { crossedAbove } from './crossover';

/**
 * Bollinger mean reversion, long only: when flat, buy as the close crosses back above
 * the lower band (the stretch is ending); exit when the close reaches the middle band
 * (or the upper one). An optional stop-loss protects the entry.
 */
export const bollingerReversion: StrategyDefinition = {
  name: 'bollinger_reversion',
  description: 'Buy when the close crosses back above the lower Bollinger band; exit at the middle (or upper) band (long only).',
  params: [
    { name: 'period', type: 'int', default: 20, min: 2, max: 1000, step: 1, description: 'Band period (bars)' },
    { name: 'k', type: 'float', default: 2, min: 0.5, max: 5, step: 0.1, description: 'Band width in population standard deviations' },
    { name: 'exit', type: 'enum', default: 'middle', options: ['middle', 'upper'], description: 'Band whose touch by the close ends the trade' },
    { name: 'stop_loss_pct', type: 'float', default: 0, min: 0, max: 50, step: 0.5, description: 'Stop-loss distance below the entry fill in percent (0 = none)' },
  ],
  create(params, ctx) {
    const bands = new Bollinger(params.period as number, params.k as number);
    return new BollingerReversion(ctx.broker, bands, params.exit === 'upper', params.stop_loss_pct as number);
  },
};

class BollingerReversion implements StrategyHandler {
  private prevClose = NaN;
  private prevLower = NaN;

  constructor(
    private readonly broker: OrderApi,
    private readonly bands: Bollinger,
    private readonly exitAtUpper: boolean,
    private readonly stopLossPct: number,
  ) {}

  onBar(bar: BarView): void {
    const close = bar.close;
    const bands = this.bands;
    bands.update(close);
    const lower = bands.lower;
    const pc = this.prevClose;
    const pl = this.prevLower;
    this.prevClose = close;
    this.prevLower = lower;
    const size = this.broker.position.size;
    if (size === 0) {
      if (crossedAbove(pc, pl, close, lower)) {
        if (this.stopLossPct > 0) this.broker.buy({ stopLoss: { percent: this.stopLossPct } });
        else this.broker.buy();
      }
    } else if (size > 0 && close >= (this.exitAtUpper ? bands.upper : bands.middle)) {
      this.broker.closePosition();
    }
  }

  plotValues(): Readonly<Record<string, number>> {
    return { upper: this.bands.upper, middle: this.bands.middle, lower: this.bands.lower };
  }
}
