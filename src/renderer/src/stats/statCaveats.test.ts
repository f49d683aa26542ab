import { describe, expect, it } from 'vitest';
import { statCaveat } from './statCaveats';

describe('statCaveat', () => {
  it('flags a Sharpe ratio blown up by a collapsed annualized volatility and names the cause', () => {
    const stats = { 'Sharpe Ratio': -537786.179, 'Volatility (Ann.) [%]': 0.000186, 'Return (Ann.) [%]': -100 };
    expect(statCaveat(stats, 'Sharpe Ratio')).toMatch(/^Sharpe Ratio -537,786\.179 .*not meaningful.*volatility collapsed to 0\.00019 %/);
  });

  it('leaves ordinary ratios, non-ratio stats and missing values alone', () => {
    expect(statCaveat({ 'Sharpe Ratio': 1.4 }, 'Sharpe Ratio')).toBeNull();
    expect(statCaveat({ 'Return [%]': 5000 }, 'Return [%]')).toBeNull();
    expect(statCaveat({ 'Sharpe Ratio': null }, 'Sharpe Ratio')).toBeNull();
  });
});
