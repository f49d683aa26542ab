/** What the Runs screen does with one saved run: open, re-run, clone, export, delete. */
import type { BacktestRequest, RunDetail } from '../../../shared/backtestTypes';
import { api } from '../api/client';
import { deleteRun, formFromRun, message, openRun, runRequest } from '../store/actions';
import { getState, setState } from '../store/appStore';
import { showView } from '../store/liveViewStore';
import { downloadBlob, downloadText, exportName, runJson, tradesCsv } from './runExports';
import { equityPng } from './equityPng';
import { refreshHistory, useHistory } from './historyStore';
import { runTitle } from './runText';

/** Shows the run in the Backtest view with its settings in the form. */
export async function openInBacktest(id: number): Promise<void> {
  showView('backtest');
  await openRun(id, true);
}

/** The saved run's exact request again (same data, bars, strategy, parameters, broker): a new run. */
export function requestOf(run: RunDetail): BacktestRequest {
  return {
    data: run.dataSource, strategy: run.strategy, params: run.params, broker: run.broker,
    fromMs: run.dataFrom, toMs: run.dataTo,
    ...(run.compat ? { compat: run.compat } : {}),
  };
}

export async function rerun(id: number): Promise<void> {
  const run = await fetchRun(id);
  if (!run) return;
  const made = await runRequest(requestOf(run));
  if (made) {
    useHistory.setState({ focused: made.id });
    await refreshHistory();
  }
}

/** Puts the run's settings into the Backtest form without running it. */
export async function cloneIntoForm(id: number): Promise<void> {
  const run = await fetchRun(id);
  if (!run) return;
  setState({ form: formFromRun(run, getState().form), formErrors: {} });
  showView('backtest');
}

export type ExportKind = 'trades-csv' | 'run-json' | 'equity-png';

export async function exportRun(id: number, kind: ExportKind): Promise<void> {
  const run = await fetchRun(id);
  if (!run) return;
  try {
    if (kind === 'trades-csv') downloadText(exportName(run, 'trades', 'csv'), tradesCsv(run.trades), 'text/csv');
    else if (kind === 'run-json') downloadText(exportName(run, 'run', 'json'), runJson(run), 'application/json');
    else downloadBlob(exportName(run, 'equity', 'png'), await equityPng(run, runTitle(run)));
  } catch (e) {
    useHistory.setState({ error: message(e) });
  }
}

export async function deleteFromHistory(id: number): Promise<void> {
  try {
    await deleteRun(id);
    await refreshHistory();
  } catch (e) {
    useHistory.setState({ error: message(e) });
  }
}

async function fetchRun(id: number): Promise<RunDetail | null> {
  try {
    return await api.call('runs.get', { id });
  } catch (e) {
    useHistory.setState({ error: message(e) });
    return null;
  }
}
