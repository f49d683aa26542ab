/**
 * The research views' one door into the backtest workspace: the form they share (data,
 * range, broker, strategy) and opening a combination there. Kept in one file so a change
 * of the app's navigation touches the research views in one place.
 */
import type { ParamValue } from '../../../shared/backtestTypes';
import type { BrokerSettings } from '../../../shared/backtestTypes';
import { getState, setState } from '../store/appStore';
import { openRun, requestFromForm, runBacktest, updateForm } from '../store/actions';
import { showView } from '../store/liveViewStore';

/** Data spec, bar range and broker as the backtest form would send them. */
export function sharedRunInputs(): { data: string; fromMs?: number; toMs?: number; broker: BrokerSettings } {
  const { data, fromMs, toMs, broker } = requestFromForm(getState().form);
  return { data, fromMs, toMs, broker };
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
