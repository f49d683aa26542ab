/** Everything the UI asks of the services, and how the answers land in the store. */
import type { BacktestRequest, BrokerSettings, ChartRunDetail, ParamValue, RunDetail } from '../../../shared/backtestTypes';
import { ApiError } from '../../../shared/api';
import type { StrategyInfo } from '../../../shared/apiTypes';
import { api } from '../api/client';
import { prefetchCandleSet, runCandleSet } from '../api/candleSets';
import { withEquity } from '../api/chartRun';
import { getState, setState, type AppState, type FormState } from './appStore';
import { overlaysForRun } from './overlayActions';
import { getSettings } from './settingsStore';
import { showView } from './liveViewStore';
import { fieldErrorsFromIssues, validateForm, type FormField } from './formValidation';
import { dayEnd, dayStart, formatDay } from '../time';
import { onLivePortfolio, onLiveSignal, refreshLive } from './liveActions';

export async function bootstrap(): Promise<void> {
  try {
    const [info, strategies, sources, indicatorCatalog, runs, live] = await Promise.all([
      api.call('app.info', {}),
      api.call('strategies.list', {}),
      api.call('data.sources', {}),
      api.call('indicators.catalog', {}),
      api.call('runs.list', { limit: 200 }),
      api.call('live.status', {}),
    ]);
    const form = getState().form;
    const strategy = strategies.find((s) => s.name === form.strategy) ?? strategies[0];
    const data = sources.some((s) => s.spec === form.data) ? form.data : (sources[0]?.spec ?? form.data);
    setState({
      info, strategies, sources, indicatorCatalog, runs, live,
      // The form as the user left it (persisted), its parameters completed by the strategy's defaults.
      form: { ...form, data, strategy: strategy?.name ?? form.strategy, params: strategy ? { ...defaultsOf(strategy), ...knownParams(strategy, strategy.name === form.strategy ? form.params : {}) } : {} },
    });
    subscribeLive();
    void refreshLive();
    if (runs[0]) await openRun(runs[0].id);
  } catch (e) {
    setState({ error: message(e) });
  }
}

export function defaultsOf(s: StrategyInfo): Record<string, ParamValue> {
  return Object.fromEntries(s.params.map((p) => [p.name, p.default]));
}

export function updateForm(patch: Partial<FormState>): void {
  clearErrors(Object.keys(patch) as FormField[]);
  const form = { ...getState().form, ...patch };
  if (patch.strategy !== undefined && patch.strategy !== getState().form.strategy) {
    const s = getState().strategies.find((x) => x.name === patch.strategy);
    form.params = s ? defaultsOf(s) : {};
  }
  setState({ form });
}

export function setParam(name: string, value: ParamValue): void {
  clearErrors([`param:${name}`]);
  const form = getState().form;
  setState({ form: { ...form, params: { ...form.params, [name]: value } } });
}

/** An edited field's error goes away (it is checked again at the next run). */
function clearErrors(fields: readonly FormField[]): void {
  const { formErrors } = getState();
  if (!fields.some((f) => f in formErrors)) return;
  const next = { ...formErrors };
  for (const f of fields) delete next[f];
  if (fields.includes('from')) delete next.to;
  setState({ formErrors: next });
}

export function requestFromForm(f: FormState): BacktestRequest {
  const req: BacktestRequest = {
    data: f.data,
    strategy: f.strategy,
    params: f.params,
    broker: { cash: f.cash, commission: f.commissionPct / 100, slippageBps: f.slippageBps },
  };
  // Optional exchange filters: an empty box leaves the engine's default.
  if (Number.isFinite(f.qtyStep)) req.broker.qtyStep = f.qtyStep;
  if (Number.isFinite(f.minNotional)) req.broker.minNotional = f.minNotional;
  // From/To are days in the zone of the settings (labelled next to the fields).
  const tz = getSettings().timeZone;
  if (f.from) req.fromMs = dayStart(f.from, tz);
  if (f.to) req.toMs = dayEnd(f.to, tz);
  return req;
}

export async function runBacktest(): Promise<void> {
  if (getState().job) return;
  const { form, strategies } = getState();
  const request = requestFromForm(form);
  const formErrors = validateForm(form, request, strategies.find((s) => s.name === form.strategy));
  setState({ formErrors });
  if (Object.keys(formErrors).length > 0) return;
  await runRequest(request);
}

/**
 * Runs a backtest request (the form's, or a saved run's again from the Runs screen),
 * saves it, lists it first and shows it. Resolves with the new run, or null when it
 * failed or was cancelled (the reason is in the store).
 */
/** How long a backtest runs before its progress is shown. */
const PROGRESS_AFTER_MS = 250;

export async function runRequest(request: BacktestRequest): Promise<RunDetail | null> {
  if (getState().job) return null;
  const jobId = `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  setState({ job: { jobId, progress: null }, error: null });
  const startedAt = performance.now();
  const off = api.on('backtest.progress', (p) => {
    const job = getState().job;
    // A run that ends within a blink shows no progress: each update re-renders the form
    // and the status bar, work the renderer then does while the run's answer arrives.
    if (job && p.jobId === job.jobId && performance.now() - startedAt >= PROGRESS_AFTER_MS) setState({ job: { ...job, progress: p } });
  });
  // The chart's candles load while the backtest runs, the first time this data is used.
  prefetchCandleSet(request.data, request.fromMs, request.toMs);
  try {
    const answer = await api.call('backtest.runForChart', { jobId, request });
    // Listed first, shown and the job ended in one store update: one render of the screen,
    // not three (each re-rendered the form and the status bar after the charts' work).
    return await showRun(answer, (s, run) => ({ runs: [run, ...s.runs.filter((r) => r.id !== run.id)], job: null }));
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'invalid-argument' && e.issues?.length) {
      // The service refused a field: show it next to that field, in the form's words.
      const { errors, rest } = fieldErrorsFromIssues(e.issues);
      setState({ formErrors: errors, error: rest.length ? rest.join('\n') : null });
    } else setState({ error: e instanceof ApiError && e.kind === 'cancelled' ? null : message(e) });
    return null;
  } finally {
    off();
    if (getState().job?.jobId === jobId) setState({ job: null });
  }
}

export async function cancelBacktest(): Promise<void> {
  const job = getState().job;
  if (job) await api.call('backtest.cancel', { jobId: job.jobId });
}

/** Opens a saved run; `loadSettings` also puts its settings into the form (a run the user picked). */
export async function openRun(id: number, loadSettings = false): Promise<void> {
  try {
    const run = await api.call('runs.get', { id });
    if (loadSettings) setState({ form: formFromRun(run, getState().form), formErrors: {} });
    await showRun(run);
  } catch (e) {
    setState({ error: message(e) });
  }
}

export async function deleteRun(id: number): Promise<void> {
  await api.call('runs.delete', { id });
  const s = getState();
  setState({
    runs: s.runs.filter((r) => r.id !== id),
    selected: s.selected.filter((x) => x !== id),
    compareCache: Object.fromEntries(Object.entries(s.compareCache).filter(([k]) => Number(k) !== id)),
    ...(s.run?.id === id ? { run: null, candles: null, overlaySeries: {} } : {}),
  });
}

/**
 * Puts a run on screen with its candles and overlays, and whatever `also` changes, in one
 * update; a run answered for the chart gets its equity from those candles first.
 */
async function showRun(
  answer: RunDetail | ChartRunDetail,
  also: (s: AppState, run: RunDetail) => Partial<AppState> = () => ({}),
): Promise<RunDetail> {
  const [candles, overlays] = await Promise.all([runCandleSet(answer), overlaysForRun(answer)]);
  const run = 'equityCoded' in answer ? await withEquity(answer, candles) : answer;
  setState({ run, candles, error: null, ...overlays, ...also(getState(), run) });
  return run;
}

export function toggleSelected(id: number): void {
  const sel = getState().selected;
  setState({ selected: sel.includes(id) ? sel.filter((x) => x !== id) : [...sel, id] });
  // The comparison follows the ticks: load what is newly ticked.
  void loadCompared();
}

export async function compareSelected(): Promise<void> {
  showView('runs');
  await loadCompared();
}

async function loadCompared(): Promise<void> {
  const { selected, compareCache } = getState();
  const missing = selected.filter((id) => !(id in compareCache));
  try {
    const loaded = await Promise.all(
      missing.map(async (id) => {
        const run = await api.call('runs.get', { id });
        return { run, time: (await runCandleSet(run)).x };
      }),
    );
    if (loaded.length) setState({ compareCache: { ...getState().compareCache, ...Object.fromEntries(loaded.map((c) => [c.run.id, c])) } });
  } catch (e) {
    setState({ error: message(e) });
  }
}

/** The form as it was for a saved run: its data and range, strategy, parameters and broker. */
export function formFromRun(run: RunDetail, current: FormState): FormState {
  return formFromInputs(
    { data: run.dataSource, strategy: run.strategy, params: run.params, broker: run.broker, fromMs: run.dataFrom, toMs: run.dataTo },
    current,
  );
}

/**
 * The form for a saved run's or a saved optimization's inputs: data and range (none: the
 * whole data set), strategy, parameters over its defaults, and broker.
 */
export function formFromInputs(
  inputs: { data: string; strategy: string; params: Record<string, ParamValue>; broker: BrokerSettings; fromMs?: number; toMs?: number },
  current: FormState,
): FormState {
  const tz = getSettings().timeZone;
  const strategy = getState().strategies.find((s) => s.name === inputs.strategy);
  const b = inputs.broker;
  // Percent typed from a fraction: 0.00075 * 100 is 0.07500000000000001 in floating point.
  const pct = (fraction: number) => Number((fraction * 100).toPrecision(12));
  return {
    ...current,
    data: inputs.data,
    strategy: inputs.strategy,
    params: { ...(strategy ? defaultsOf(strategy) : {}), ...inputs.params },
    cash: b.cash ?? current.cash,
    commissionPct: b.commission === undefined ? current.commissionPct : pct(b.commission),
    slippageBps: b.slippageBps ?? 0,
    qtyStep: b.qtyStep ?? NaN,
    minNotional: b.minNotional ?? NaN,
    from: inputs.fromMs === undefined ? '' : formatDay(inputs.fromMs, tz),
    to: inputs.toMs === undefined ? '' : formatDay(inputs.toMs, tz),
  };
}

function knownParams(s: StrategyInfo, params: Record<string, ParamValue>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => s.params.some((p) => p.name === k)));
}

let liveSubscribed = false;
function subscribeLive(): void {
  if (liveSubscribed) return;
  liveSubscribed = true;
  api.on('live.signal', (s) => {
    setState({ signals: [s, ...getState().signals].slice(0, 200) });
    onLiveSignal();
  });
  api.on('live.alert', (a) => setState({ alerts: [a, ...getState().alerts].slice(0, 200) }));
  api.on('live.feedStatus', (feed) => {
    const live = getState().live;
    if (live) setState({ live: { ...live, feed } });
  });
  api.on('live.portfolio', (p) => {
    const live = getState().live;
    if (live) setState({ live: { ...live, portfolios: [p, ...live.portfolios.filter((x) => x.sessionId !== p.sessionId)] } });
    onLivePortfolio(p);
  });
}

export function message(e: unknown): string {
  if (e instanceof ApiError && e.issues?.length) return `${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
