/**
 * Monte Carlo over a saved run: its trades' returns on equity (each trade's PnL over the
 * equity before its entry) resampled or shuffled, as the CLI and the API show it.
 */
import type { RunDetail } from '../../shared/backtestTypes';
import type { MonteCarloSummary } from '../../shared/researchTypes';
import { monteCarloTrades, tradeReturnsOnEquity, type MonteCarloMode } from './robustness/monteCarlo';

export interface MonteCarloOptions {
  readonly runs: number;
  readonly seed: number;
  readonly mode: MonteCarloMode;
}

export function monteCarloOfRun(run: RunDetail, opts: MonteCarloOptions): MonteCarloSummary {
  if (run.trades.length === 0) throw new Error(`run #${run.id} has no closed trades: nothing to resample`);
  const initialEquity = typeof run.broker.cash === 'number' ? run.broker.cash : run.equity[0];
  const tradeReturns = tradeReturnsOnEquity(run.trades, run.equity, initialEquity);
  const r = monteCarloTrades({ tradeReturns, initialEquity, runs: opts.runs, seed: opts.seed, mode: opts.mode });
  return {
    runId: run.id, runs: r.runs, mode: r.mode, seed: r.seed, trades: r.trades,
    finalReturnPct: r.finalReturnPct, maxDrawdownPct: r.maxDrawdownPct, bands: r.bands, meaning: r.meaning,
  };
}
