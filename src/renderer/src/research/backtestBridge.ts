/**
 * The research views' one door into the backtest workspace: the form they share (data,
 * range, broker, strategy) and opening a combination there. Kept in one file so a change
 * of the app's navigation touches the research views in one place.
 */
import type { ParamValue } from '../../../shared/backtestTypes';
import type { BrokerSettings } from '../../../shared/backtestTypes';
import { getState, setState } from '../store/appStore';
import { formFromInputs, openRun, requestFromForm, runBacktest, updateForm } from '../store/actions';
import type { OptimizeRequest, WalkForwardRequest } from '../../../shared/researchTypes';
import type { StrategyInfo } from '../../../shared/apiTypes';
import { showView } from '../store/liveViewStore';

/** Data spec, bar range and broker as the backtest form would send them. */
export function sharedRunInputs(): { data: string; fromMs?: number; toMs?: number; broker: BrokerSettings } {
  const { data, fromMs, toMs, broker } = requestFromForm(getState().form);
  return { data, fromMs, toMs, broker };
}

/**
 * Puts a saved optimization's or walk-forward's inputs back in the shared form (data,
 * range, broker, strategy), so the editor beside its result is the one that made it.
 * Returns the strategy, or null when it is not loaded here (a user strategy file): the
 * form then stays as it is.
 */
export function loadInputsIntoForm(request: OptimizeRequest | WalkForwardRequest): StrategyInfo | null {
  const strategy = getState().strategies.find((s) => s.name === request.strategy);
  if (!strategy) return null;
  const form = formFromInputs({ data: request.data, strategy: request.strategy, params: {}, broker: request.broker, fromMs: request.fromMs, toMs: request.toMs }, getState().form);
  setState({ form, formErrors: {} });
  return strategy;
}

/** Opens a saved run (a winner re-run in full, a stitched walk-forward) in the Backtest view. */
export async function openRunInBacktest(runId: number): Promise<void> {
  showView('backtest');
  await openRun(runId);
}

/** Runs one combination as a backtest on the shared inputs and shows it in the Backtest view. */
export async function backtestCombination(strategy: string, params: Record<string, ParamValue>): Promise<void> {
  if (getState().form.strategy !== strategy) updateForm({ strategy });
  const form = getState().form;
  setState({ form: { ...form, params: { ...form.params, ...params } } });
  showView('backtest');
  await runBacktest();
}
