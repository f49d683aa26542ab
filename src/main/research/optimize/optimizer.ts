/**
 * An optimization end to end: the parameter space and constraints checked against the
 * strategy's schema, the data set loaded once into the pool, every combination run as
 * a summary (no trade objects, no full statistics), each cell stored as it arrives,
 * the top k re-run in full and saved as runs, and the grid judged for overfitting
 * (PBO over the combinations' daily returns, Deflated Sharpe of the winner).
 */
import type { ParamValue } from '../../engine/strategy';
import type { OptimizationCell, OptimizationSummary, OptimizeRequest, RankedCombination, ResearchProgress } from '../../../shared/researchTypes';
import { brokerConfigFrom, checkEnoughBars, rejectionWarning } from '../backtestJob';
import { estimateEtaMs } from '../eta';
import { abortError, type GridCellResult } from '../pool/tasks';
import { storesOf, type JobOptions, type ResearchContext } from '../researchContext';
import { resolveStrategy } from '../strategyLoader';
import type { LoadedDataSet } from '../dataSetCache';
import { magnifierRequestFor, usableFineBars } from '../magnifierData';
import { planGrid, planRandom } from './combinations';
import { parseConstraint } from './constraint';
import { evaluateObjective, objectiveLabel, parseObjective } from './objective';
import { parseParamSpace, variedAxes } from './paramSpace';
import { runGridOnPool, type GridRunHooks, type GridRunSpec } from './gridRunner';
import { gridRobustness } from './gridRobustness';
import { REQUEST_DEFAULTS } from './requestDefaults';

/**
 * Runs the combinations of a grid somewhere and hands back their cells: the local pool
 * (runGridOnPool, the default) or a cluster of workers (research/cluster). Whatever runs
 * them, the cells must be the ones the local pool computes.
 */
export type GridExecutor = (spec: GridRunSpec, hooks: GridRunHooks) => Promise<GridCellResult[]>;

export interface OptimizationOutcome {
  readonly jobId: number;
  readonly summary: OptimizationSummary;
  /** Every combination run, in grid order. */
  readonly cells: readonly OptimizationCell[];
}


export async function runOptimization(
  req: OptimizeRequest,
  ctx: ResearchContext,
  opts: JobOptions<Omit<ResearchProgress, 'jobId'>> & { readonly executor?: GridExecutor } = {},
): Promise<OptimizationOutcome> {
  const started = performance.now();
  const plan = await planOptimization(req, ctx.strategiesDir);
  const { strategy, objective, combos } = plan;
  const minTrades = req.minTrades ?? REQUEST_DEFAULTS.minTrades;
  const broker = brokerConfigFrom(req.broker);
  const toMs = req.toMs === undefined ? undefined : req.toMs + 1;
  opts.onProgress?.({ phase: 'loading data', done: 0, total: combos.length, rate: null, etaMs: null, best: null });
  const data = await ctx.dataSets.get({ data: req.data, fromMs: req.fromMs, toMs });
  checkEnoughBars(req.data, data.candles);
  if (req.magnifier && opts.executor) throw new Error('--magnifier runs on the local worker pool only (not on a cluster yet)');
  const fine = req.magnifier ? await magnifierDataSet(ctx, data) : null;
  if (opts.signal?.aborted) throw abortError();

  const { research, runs } = storesOf(ctx);
  const jobId = research.createJob({ kind: 'optimize', strategy: strategy.name, dataSource: data.source, dataHash: data.fingerprint.hash, spec: req, label: req.label });
  const paramsByIndex = new Map(combos.map((c) => [c.index, c.params]));
  let best: { objective: number; index: number } | null = null;
  const gridStart = Date.now();
  const report = (done: number, phase = 'optimizing'): void => {
    const elapsed = (Date.now() - gridStart) / 1000;
    opts.onProgress?.({
      phase, done, total: combos.length,
      rate: elapsed > 0.05 ? done / elapsed : null,
      etaMs: estimateEtaMs(gridStart, Date.now(), done, combos.length),
      best: best ? { objective: best.objective, params: paramsByIndex.get(best.index) ?? {} } : null,
    });
  };
  const toCell = (r: GridCellResult): OptimizationCell => {
    const params = paramsByIndex.get(r.index) ?? {};
    if (!r.summary) return { index: r.index, params, objective: null, stats: null, note: r.error ?? 'failed', runId: null };
    const { value, note } = evaluateObjective(objective, r.summary, minTrades);
    return { index: r.index, params, objective: value, stats: r.summary, note, runId: null, ...(r.magnifier ? { magnifier: r.magnifier } : {}) };
  };

  let cellResults: GridCellResult[];
  try {
    const execute: GridExecutor = opts.executor ?? ((spec, hooks) => runGridOnPool(ctx.pool, spec, hooks));
    cellResults = await execute(
      { dataId: data.dataId, strategy: req.strategy, broker, combos, periodReturns: true, compat: req.compat, magnifierDataId: fine?.dataId },
      {
        signal: opts.signal,
        onProgress: (done) => report(done),
        onCells: (chunk) => {
          const cells = chunk.map(toCell);
          research.addCells(jobId, 0, cells);
          for (const c of cells) {
            if (c.objective !== null && (best === null || c.objective > best.objective || (c.objective === best.objective && c.index < best.index))) {
              best = { objective: c.objective, index: c.index };
            }
          }
        },
      },
    );
  } catch (e) {
    const cancelled = e instanceof Error && e.name === 'AbortError';
    research.finishJob(jobId, cancelled ? 'cancelled' : 'failed', undefined, cancelled ? 'cancelled' : (e as Error).message);
    throw e;
  }

  const cells = cellResults.map(toCell);
  const ranked = cells
    .filter((c): c is OptimizationCell & { objective: number } => c.objective !== null)
    .sort((a, b) => b.objective - a.objective || a.index - b.index);
  const topK = Math.min(req.topK ?? REQUEST_DEFAULTS.topK, ranked.length);

  // The winners in full: statistics, trades and equity, saved as runs the app can open.
  report(combos.length, 'saving the best runs');
  const top: RankedCombination[] = [];
  let bestStats: Record<string, number | string | null> | null = null;
  const warnings: string[] = [...data.warnings];
  if (req.magnifier && fine === null) {
    warnings.push(`--magnifier: no 1m bars of ${data.source}'s instrument inside the range; same-bar stop-loss/take-profit cases used the adverse rule`);
  }
  const fullRuns = await Promise.all(
    ranked.slice(0, topK).map((c) =>
      ctx.pool.run(
        { kind: 'backtest', dataId: data.dataId, strategy: req.strategy, params: c.params, broker, compat: req.compat, magnifierDataId: fine?.dataId },
        { signal: opts.signal },
      ),
    ),
  );
  fullRuns.forEach((r, rank) => {
    if (r.kind !== 'backtest') throw new Error('research worker answered a backtest with a grid result');
    const c = ranked[rank];
    const saved = runs.save({
      kind: 'optimize', strategy: strategy.name, params: { ...plan.defaults, ...c.params }, broker: req.broker,
      dataSource: data.source, data: data.fingerprint, stats: r.stats, equity: r.equity, trades: r.trades, compat: req.compat,
      label: `optimize #${jobId} rank ${rank + 1}${req.label ? ` · ${req.label}` : ''}`,
    });
    research.setCellRun(jobId, 0, c.index, saved.id);
    const cellPos = cells.findIndex((x) => x.index === c.index);
    cells[cellPos] = { ...cells[cellPos], runId: saved.id };
    top.push({ index: c.index, params: c.params, objective: c.objective, runId: saved.id });
    if (rank === 0) {
      bestStats = r.stats;
      warnings.push(...rejectionWarning(r.rejectedOrders, r.firstRejection));
    }
  });

  const robustness = gridRobustness(cellResults, cells);
  const failed = cells.filter((c) => c.stats === null).length;
  const summary: OptimizationSummary = {
    objective: objectiveLabel(objective),
    method: req.method ?? REQUEST_DEFAULTS.method,
    evaluated: cells.length,
    skippedByConstraint: plan.skippedByConstraint,
    failed,
    withoutObjective: cells.length - failed - ranked.length,
    best: top.length && bestStats ? { ...top[0], stats: bestStats } : null,
    top,
    axes: plan.axes,
    pbo: robustness.pbo,
    deflatedSharpe: robustness.deflatedSharpe,
    workers: ctx.pool.size,
    elapsedMs: Math.round(performance.now() - started),
    warnings: [...warnings, ...robustness.warnings],
    ...(req.magnifier ? { magnifier: { source: fine?.source ?? null } } : {}),
  };
  research.finishJob(jobId, 'done', summary);
  report(combos.length, 'done');
  return { jobId, summary, cells };
}

/**
 * The 1m bars behind an optimization's bars, loaded once into the pool (through the
 * data set cache, so a later job on the same range reuses them); null when none fall
 * inside the range.
 */
async function magnifierDataSet(ctx: ResearchContext, data: LoadedDataSet): Promise<LoadedDataSet | null> {
  const fine = await ctx.dataSets.get(magnifierRequestFor(data.source, data.candles));
  return usableFineBars(fine.candles) === null ? null : fine;
}

/** Everything that can be checked before data is loaded: strategy, space, constraints, objective. */
export async function planOptimization(req: OptimizeRequest, strategiesDir?: string) {
  const strategy = await resolveStrategy(req.strategy, strategiesDir);
  const space = parseParamSpace(strategy.name, strategy.params, req.space);
  const names = strategy.params.map((p) => p.name);
  const constraints = (req.constraints ?? []).map((c) => parseConstraint(c, names));
  const objective = parseObjective(req.objective);
  const method = req.method ?? REQUEST_DEFAULTS.method;
  const plan = method === 'random' ? planRandom(space, constraints, req.samples ?? REQUEST_DEFAULTS.samples, req.seed ?? REQUEST_DEFAULTS.seed) : planGrid(space, constraints);
  if (plan.combos.length === 0) throw new Error(`no combination satisfies the constraints (${(req.constraints ?? []).join('; ')})`);
  const defaults: Record<string, ParamValue> = Object.fromEntries(strategy.params.map((p) => [p.name, p.default]));
  return {
    strategy, space, objective, combos: plan.combos, gridSize: plan.gridSize, skippedByConstraint: plan.skippedByConstraint, defaults,
    axes: variedAxes(space).map((a) => ({ name: a.name, values: [...a.values] })),
  };
}

