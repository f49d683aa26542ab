/**
 * Monte Carlo over a saved run: its closed trades as returns on the equity they were
 * entered with (tradeReturnsOnEquity over the run's stored equity curve), started from
 * the run's cash. What `cryptota montecarlo` and the research API's Monte Carlo share,
 * and both save what they computed (saveMonteCarlo).
 */
import { withBrokerDefaults } from '../../../shared/brokerDefaults';
import type { RunDetail } from '../../../shared/backtestTypes';
import type { MonteCarloRequest, MonteCarloSummary } from '../../../shared/researchTypes';
import type { ResearchStore } from '../researchStore';
import { monteCarloTrades, tradeReturnsOnEquity, type MonteCarloMode, type MonteCarloResult } from './monteCarlo';

export interface RunMonteCarloOptions {
  readonly runs: number;
  readonly seed: number;
  readonly mode: MonteCarloMode;
  readonly percentiles?: readonly number[];
  readonly onProgress?: (done: number, total: number) => void;
}

export type RunMonteCarlo = MonteCarloSummary & Pick<MonteCarloResult, 'probabilityOfLoss' | 'actual'>;

export function monteCarloOfRun(run: Pick<RunDetail, 'id' | 'broker' | 'equity' | 'trades'>, opts: RunMonteCarloOptions): RunMonteCarlo {
  if (run.trades.length === 0) throw new Error(`run #${run.id} has no closed trades: there is no sequence to resample or shuffle`);
  const initialEquity = withBrokerDefaults(run.broker).cash;
  let r: MonteCarloResult;
  try {
    r = monteCarloTrades({ tradeReturns: tradeReturnsOnEquity(run.trades, run.equity, initialEquity), initialEquity, ...opts });
  } catch (e) {
    // The checks throw RangeError (a caller's mistake in the pure functions); here the
    // input is a stored run and the user's options, so it is the user's to fix (errorKinds.ts).
    throw new Error(`run #${run.id}: ${(e as Error).message}`);
  }
  return {
    runId: run.id, runs: r.runs, mode: r.mode, seed: r.seed, trades: r.trades,
    finalReturnPct: r.finalReturnPct, maxDrawdownPct: r.maxDrawdownPct, probabilityOfLoss: r.probabilityOfLoss,
    actual: r.actual, bands: r.bands, meaning: r.meaning,
  };
}

/** Keeps a Monte Carlo of `run` in the research store (kind 'montecarlo'); returns its research id. */
export function saveMonteCarlo(
  store: ResearchStore,
  run: Pick<RunDetail, 'strategy' | 'dataSource' | 'dataHash'>,
  request: MonteCarloRequest,
  result: RunMonteCarlo,
): number {
  return store.saveFinished({ kind: 'montecarlo', strategy: run.strategy, dataSource: run.dataSource, dataHash: run.dataHash, spec: request }, result);
}
