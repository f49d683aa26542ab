/** Everything the research views ask of the services, and how the answers land in ./researchStore.ts. */
import { ApiError } from '../../../shared/api';
import type { StrategyInfo } from '../../../shared/apiTypes';
import type { OptimizationSummary, OptimizeRequest, ResearchJobSummary, ResearchKind, WalkForwardRequest, WalkForwardSummary } from '../../../shared/researchTypes';
import { api } from '../api/client';
import { runCandleSet } from '../api/candleSets';
import { message } from '../store/actions';
import type { ParamValue } from '../../../shared/backtestTypes';
import { comboAt, parseParamSpace } from '../../../main/research/optimize/paramSpace';
import { getState } from '../store/appStore';
import { backtestCombination, openRunInBacktest, sharedRunInputs, loadInputsIntoForm } from './backtestBridge';
import { axisOf, checkDraft, constraintList, draftFromRequest, initialDraft, spaceOf, type AxisDraft, type GridDraft } from './gridDraft';
import { getResearch, setResearch, type HeatmapState } from './researchStore';

/** The draft of a strategy, created from its schema the first time it is asked for. */
export function draftFor(strategy: StrategyInfo): GridDraft {
  return getResearch().drafts[strategy.name] ?? initialDraft(strategy.params);
}

export function updateDraft(strategy: StrategyInfo, patch: Partial<GridDraft>): void {
  setResearch({ drafts: { ...getResearch().drafts, [strategy.name]: { ...draftFor(strategy), ...patch } } });
}

export function updateAxis(strategy: StrategyInfo, name: string, patch: Partial<AxisDraft>): void {
  const draft = draftFor(strategy);
  const spec = strategy.params.find((p) => p.name === name);
  if (!spec) return;
  updateDraft(strategy, { axes: { ...draft.axes, [name]: { ...axisOf(draft, spec), ...patch } } });
}

/** The request the editor describes, or the first problem with it (named by its field). */
export function optimizeRequest(strategy: StrategyInfo, kind: ResearchKind): { request: OptimizeRequest } | { error: string } {
  const draft = draftFor(strategy);
  const check = checkDraft(strategy.name, strategy.params, draft, kind === 'walkforward');
  const first = Object.entries(check.errors)[0];
  if (first) return { error: first[1] };
  const request: OptimizeRequest = {
    ...sharedRunInputs(),
    strategy: strategy.name,
    space: spaceOf(strategy.params, draft),
    constraints: constraintList(draft.constraints),
    objective: draft.objective,
    method: draft.method,
    ...(draft.method === 'random' ? { samples: draft.samples, seed: draft.seed } : {}),
    minTrades: draft.minTrades,
    topK: draft.topK,
  };
  return { request };
}

export async function runOptimize(strategy: StrategyInfo): Promise<void> {
  const built = optimizeRequest(strategy, 'optimize');
  if ('error' in built) return fail('optimize', built.error);
  await track('optimize', async (jobId) => {
    const out = await api.call('research.optimize', { jobId, request: built.request, ...executorArg() });
    setResearch({ optimization: { ...out, request: built.request }, heatmap: null });
    const axes = out.summary.axes;
    if (axes.length >= 2) await loadHeatmap({ x: axes[0].name, y: axes[1].name, fold: 'best' });
  });
}

/** The most recent saved jobs of one kind, newest first (the views' "Saved" lists). */
export async function listSavedResearch(kind: ResearchKind, limit: number): Promise<ResearchJobSummary[]> {
  return api.call('research.list', { kind, limit });
}

/**
 * Opens a saved optimization or walk-forward in its view as if it had just run: its
 * summary, heatmap or stitched equity, from the store (research.get). A job stopped
 * before its summary (cancelled, failed) has none to show, which is said in the view.
 */
export async function openSavedResearch(job: Pick<ResearchJobSummary, 'id' | 'kind'>): Promise<void> {
  if (job.kind !== 'optimize' && job.kind !== 'walkforward') return;
  const kind: ResearchKind = job.kind;
  const s = getResearch();
  setResearch({ errors: { ...s.errors, [kind]: undefined }, notices: { ...s.notices, [kind]: undefined } });
  try {
    const saved = await api.call('research.get', { id: job.id });
    if (saved.result === null) return fail(kind, `#${job.id} was ${saved.job.status} before its summary: its finished combinations are in \`cryptota research show ${job.id}\``);
    // research.get answers by the job's kind: an optimize job holds an OptimizeRequest and its summary.
    const request = saved.request as OptimizeRequest | WalkForwardRequest;
    // The editor shows the grid that made the result: Enter runs it again, or a change of it.
    const strategy = loadInputsIntoForm(request);
    if (strategy) updateDraft(strategy, draftFromRequest(strategy.params, request, draftFor(strategy)));
    if (kind === 'optimize') {
      const summary = saved.result as OptimizationSummary;
      setResearch({ optimization: { researchId: job.id, summary, request: saved.request as OptimizeRequest }, heatmap: null });
      if (summary.axes.length >= 2) await loadHeatmap({ x: summary.axes[0].name, y: summary.axes[1].name, fold: 'best' });
    } else {
      const summary = saved.result as WalkForwardSummary;
      setResearch({ walkForward: { researchId: job.id, summary, request: saved.request as WalkForwardRequest }, stitched: null });
      await loadStitched(summary.runId);
    }
  } catch (e) {
    fail(kind, message(e));
  }
}

/** Deletes a saved job (its cells with it); the view showing it is cleared. */
export async function deleteSavedResearch(job: Pick<ResearchJobSummary, 'id' | 'kind'>): Promise<void> {
  try {
    await api.call('research.delete', { id: job.id });
    const s = getResearch();
    if (s.optimization?.researchId === job.id) setResearch({ optimization: null, heatmap: null });
    if (s.walkForward?.researchId === job.id) setResearch({ walkForward: null, stitched: null });
  } catch (e) {
    if (job.kind === 'optimize' || job.kind === 'walkforward') fail(job.kind, message(e));
  }
}

export async function runWalkForward(strategy: StrategyInfo): Promise<void> {
  const built = optimizeRequest(strategy, 'walkforward');
  if ('error' in built) return fail('walkforward', built.error);
  const draft = draftFor(strategy);
  const { topK: _topK, ...rest } = built.request;
  const request: WalkForwardRequest = { ...rest, mode: draft.wfMode, inSample: draft.inSample.trim(), outOfSample: draft.outOfSample.trim() };
  await track('walkforward', async (jobId) => {
    const out = await api.call('research.walkforward', { jobId, request, ...executorArg() });
    setResearch({ walkForward: { ...out, request }, stitched: null });
    await loadStitched(out.summary.runId);
  });
}

/** Only a cluster run names its executor: the API's default is this machine. */
function executorArg(): { executor?: 'kafka' } {
  return getResearch().executor === 'kafka' ? { executor: 'kafka' } : {};
}

export async function cancelResearch(): Promise<void> {
  const job = getResearch().job;
  if (!job || job.cancelling) return;
  setResearch({ job: { ...job, cancelling: true } });
  await api.call('research.cancel', { jobId: job.jobId });
}

/** The heatmap of the open optimization over two parameters, the others folded by best or mean. */
export async function loadHeatmap(axes: Pick<HeatmapState, 'x' | 'y' | 'fold'>): Promise<void> {
  const opt = getResearch().optimization;
  if (!opt) return;
  setResearch({ heatmap: { ...axes, data: null, error: null } });
  try {
    const data = await api.call('research.heatmap', { id: opt.researchId, ...axes });
    if (getResearch().heatmap?.x === axes.x && getResearch().heatmap?.y === axes.y && getResearch().heatmap?.fold === axes.fold) {
      setResearch({ heatmap: { ...axes, data, error: null } });
    }
  } catch (e) {
    setResearch({ heatmap: { ...axes, data: null, error: message(e) } });
  }
}

/** The stitched out-of-sample equity, with the open times of its bars (the saved run's data range). */
async function loadStitched(runId: number): Promise<void> {
  const run = await api.call('runs.get', { id: runId });
  const candles = await runCandleSet(run);
  const n = Math.min(candles.x.length, run.equity.length);
  // The shared candle set holds seconds (the chart's unit); the stitched run keeps open times in ms.
  setResearch({ stitched: { runId, time: Float64Array.from(candles.x.subarray(0, n), (s) => Math.round(s * 1000)), equity: run.equity.slice(0, n) } });
}

/**
 * Opens one combination in the Backtest view: its saved run when it is one of the top k
 * re-run in full, else a fresh backtest of its parameters on the shared inputs.
 */
export async function openCombination(strategy: string, params: Record<string, ParamValue>, runId: number | null): Promise<void> {
  if (runId !== null) await openRunInBacktest(runId);
  else await backtestCombination(strategy, params);
}

/** The parameters of a grid index of the open optimization (the optimizer's own grid order) and its saved run if any. */
export function combinationAt(index: number): { strategy: string; params: Record<string, ParamValue>; runId: number | null } | null {
  const opt = getResearch().optimization;
  const spec = getState().strategies.find((s) => s.name === opt?.request.strategy);
  if (!opt || !spec) return null;
  const space = parseParamSpace(spec.name, spec.params, opt.request.space);
  const runId = opt.summary.top.find((t) => t.index === index)?.runId ?? null;
  return { strategy: spec.name, params: comboAt(space, index), runId };
}

/** Monte Carlo over a saved run's trades; an error (e.g. not available yet) is shown as it is. */
export async function runMonteCarlo(runId: number, runs = 1000, seed = 1): Promise<void> {
  setResearch({ monteCarlo: { runId, busy: true, result: null, error: null } });
  try {
    const result = await api.call('research.montecarlo', { runId, runs, seed });
    setResearch({ monteCarlo: { runId, busy: false, result, error: null } });
  } catch (e) {
    setResearch({ monteCarlo: { runId, busy: false, result: null, error: message(e) } });
  }
}

async function track(kind: ResearchKind, body: (jobId: string) => Promise<void>): Promise<void> {
  if (getResearch().job) return;
  const jobId = `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const s = getResearch();
  setResearch({ job: { jobId, kind, progress: null, cancelling: false }, errors: { ...s.errors, [kind]: undefined }, notices: { ...s.notices, [kind]: undefined } });
  const off = api.on('research.progress', (p) => {
    const job = getResearch().job;
    if (job && p.jobId === job.jobId) setResearch({ job: { ...job, progress: p } });
  });
  try {
    await body(jobId);
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'cancelled') setResearch({ notices: { ...getResearch().notices, [kind]: 'Cancelled: the workers stopped and stay warm for the next run.' } });
    else fail(kind, message(e));
  } finally {
    off();
    setResearch({ job: null });
  }
}

function fail(kind: ResearchKind, text: string): void {
  setResearch({ errors: { ...getResearch().errors, [kind]: text } });
}
