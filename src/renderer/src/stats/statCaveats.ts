/**
 * When a statistic is computed by backtesting.py's definition but means nothing for this
 * run, the screen says so instead of printing it as a headline. The ratios annualize
 * per-period figures: when the annualized return reaches -100 % (or the equity barely
 * moves) the annualized volatility collapses towards zero and Sharpe explodes to values
 * like -537,786. No real strategy has a ratio beyond ±100, so such a value is an artefact.
 */
import type { StatsRecord } from '../../../shared/backtestTypes';
import { fmtNum } from '../format';

/** Ratios whose denominator can collapse to ~0. */
const RATIOS = new Set(['Sharpe Ratio', 'Sortino Ratio', 'Calmar Ratio', 'Profit Factor', 'SQN']);
/** Beyond this magnitude a ratio is an artefact of its denominator, not a result. */
export const MEANINGFUL_RATIO_LIMIT = 100;

/** Why `stats[key]` is not meaningful for this run, or null when it can be shown as is. */
export function statCaveat(stats: StatsRecord, key: string): string | null {
  const v = stats[key];
  if (!RATIOS.has(key) || typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) <= MEANINGFUL_RATIO_LIMIT) return null;
  const vol = stats['Volatility (Ann.) [%]'];
  const ret = stats['Return (Ann.) [%]'];
  const cause =
    key === 'Sharpe Ratio' && typeof vol === 'number' && typeof ret === 'number'
      ? `the annualized volatility collapsed to ${vol.toPrecision(2)} % (annualized return ${fmtNum(ret)} %), so the ratio divides by almost nothing`
      : `its denominator is close to zero for this run (a short range, or an equity curve that barely moves or is wiped out)`;
  return `${key} ${fmtNum(v, 3)} by backtesting.py's definition: not meaningful here, ${cause}.`;
}
