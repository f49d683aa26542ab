/**
 * Walk-forward analysis: for each window, the parameter grid is optimized on the
 * in-sample bars (all windows' grids share the pool at once), then the winner trades
 * the out-of-sample bars with its indicators warmed up on the in-sample bars (the
 * broker accepts orders only from the first out-of-sample bar). Each window starts
 * with the equity the previous one ended with, so the out-of-sample segments stitch
 * into one curve whose statistics are what the strategy-plus-optimizer would have
 * earned. Trades still open at a window's end are closed at its last bar.
 */
import { setMaxListeners } from 'node:events';
import type { Trade } from '../../engine/brokerTypes';
import { computeStats, statsToJson } from '../../engine/metrics';
import { sliceCandles } from '../../engine/candles';
import type { TradeRecord } from '../../../shared/backtestTypes';
import { toSummaryRecord, type OptimizationCell, type ResearchProgress, type SummaryRecord, type WalkForwardRequest, type WalkForwardSummary, type WalkForwardWindowResult } from '../../../shared/researchTypes';
import { brokerConfigFrom, checkEnoughBars } from '../backtestJob';
import { fingerprint } from '../runStore';
import { estimateEtaMs } from '../eta';
import { abortError, type BacktestTaskResult, type GridCellResult } from '../pool/tasks';
import { storesOf, type JobOptions, type ResearchContext } from '../researchContext';
import { runGridOnPool } from '../optimize/gridRunner';
import { evaluateObjective, objectiveLabel } from '../optimize/objective';
import { planOptimization, type GridExecutor } from '../optimize/optimizer';
import { parseLength, planWindows } from './windows';
import { REQUEST_DEFAULTS } from '../optimize/requestDefaults';

export interface WalkForwardOutcome {
  readonly jobId: number;
  readonly summary: WalkForwardSummary;
  /** The stitched out-of-sample equity, one value per out-of-sample bar. */
  readonly equity: Float64Array;
  readonly trades: readonly TradeRecord[];
}

export async function runWalkForward(
  req: WalkForwardRequest,
  ctx: ResearchContext,
  opts: JobOptions<Omit<ResearchProgress, 'jobId'>> & { readonly executor?: GridExecutor } = {},
): Promise<WalkForwardOutcome> {
  const started = performance.now();
  const plan = await planOptimization({ ...req, topK: 0 }, ctx.strategiesDir);
  const mode = req.mode ?? REQUEST_DEFAULTS.mode;
  const inSample = parseLength('--in-sample', req.inSample);
  const outOfSample = parseLength('--out-of-sample', req.outOfSample);
  const minTrades = req.minTrades ?? REQUEST_DEFAULTS.minTrades;
  const broker = brokerConfigFrom(req.broker);
  const data = await ctx.dataSets.get({ data: req.data, fromMs: req.fromMs, toMs: req.toMs === undefined ? undefined : req.toMs + 1 });
  checkEnoughBars(req.data, data.candles);
  const candles = data.candles;
  const windows = planWindows(candles, mode, inSample, outOfSample);
  if (opts.signal?.aborted) throw abortError();

  const { research, runs } = storesOf(ctx);
  const jobId = research.createJob({ kind: 'walkforward', strategy: plan.strategy.name, dataSource: data.source, dataHash: data.fingerprint.hash, spec: req, label: req.label });
  const total = windows.length * plan.combos.length + windows.length;
  const done = new Array<number>(windows.length + 1).fill(0);
  const t0 = Date.now();
  const report = (phase: string): void => {
    const d = done.reduce((a, b) => a + b, 0);
    const elapsed = (Date.now() - t0) / 1000;
    opts.onProgress?.({ phase, done: d, total, rate: elapsed > 0.05 ? d / elapsed : null, etaMs: estimateEtaMs(t0, Date.now(), d, total), best: null });
  };
  const paramsByIndex = new Map(plan.combos.map((c) => [c.index, c.params]));
  const toCell = (r: GridCellResult): OptimizationCell => {
    const params = paramsByIndex.get(r.index) ?? {};
    if (!r.summary) return { index: r.index, params, objective: null, stats: null, note: r.error ?? 'failed', runId: null };
    const { value, note } = evaluateObjective(plan.objective, r.summary, minTrades);
    return { index: r.index, params, objective: value, stats: r.summary, note, runId: null };
  };

  // Every window's grid listens to the caller's signal: more listeners than Node's warning threshold, on purpose.
  if (opts.signal) setMaxListeners(100_000, opts.signal);
  try {
    // 1. Every window's in-sample grid, all queued on the pool (or handed to the cluster) together.
    const execute: GridExecutor = opts.executor ?? ((spec, hooks) => runGridOnPool(ctx.pool, spec, hooks));
    const winners = await Promise.all(
      windows.map(async (w) => {
        const results = await execute(
          { dataId: data.dataId, strategy: req.strategy, broker, combos: plan.combos, range: { from: w.isFrom, to: w.isTo }, compat: req.compat },
          {
            signal: opts.signal,
            onProgress: (d) => {
              done[w.index] = d;
              report(`optimizing ${windows.length} in-sample windows`);
            },
          },
        );
        const cells = results.map(toCell);
        research.addCells(jobId, w.index, cells);
        return cells
          .filter((c): c is OptimizationCell & { objective: number } => c.objective !== null)
          .sort((a, b) => b.objective - a.objective || a.index - b.index)[0] ?? null;
      }),
    );

    // 2. Out of sample, window after window: each starts with the equity the last one ended with.
    let cash = broker.cash;
    const equityParts: Float64Array[] = [];
    const trades: TradeRecord[] = [];
    const results: WalkForwardWindowResult[] = [];
    const oosStart = windows[0].isTo;
    for (const w of windows) {
      const winner = winners[w.index];
      const oosBars = w.oosTo - w.isTo;
      let equity: Float64Array;
      let oosStats: SummaryRecord;
      if (winner) {
        const r = (await ctx.pool.run(
          {
            kind: 'backtest', dataId: data.dataId, strategy: req.strategy, params: winner.params, broker: { ...broker, cash },
            range: { from: w.isFrom, tradeFrom: w.isTo, to: w.oosTo }, compat: req.compat,
          },
          { signal: opts.signal },
        )) as BacktestTaskResult;
        equity = r.equity;
        oosStats = toSummaryRecord(r.stats);
        const offset = w.isTo - oosStart;
        for (const t of r.trades) trades.push({ ...t, entryBar: t.entryBar + offset, exitBar: t.exitBar + offset });
      } else {
        // No winner in-sample: the window stays in cash.
        equity = new Float64Array(oosBars).fill(cash);
        oosStats = flatSummary(cash);
      }
      equityParts.push(equity);
      cash = equity[equity.length - 1];
      done[windows.length]++;
      report('trading the winners out of sample');
      results.push({
        index: w.index,
        isFrom: candles.time[w.isFrom], isTo: candles.time[w.isTo - 1], oosFrom: candles.time[w.isTo], oosTo: candles.time[w.oosTo - 1],
        isBars: w.isTo - w.isFrom, oosBars,
        params: winner?.params ?? null, isObjective: winner?.objective ?? null, isStats: winner?.stats ?? null, oosStats,
      });
    }

    // 3. The stitched out-of-sample curve and its statistics.
    const oosEnd = windows[windows.length - 1].oosTo;
    const stitchedEquity = concat(equityParts);
    const oosCandles = sliceCandles(candles, oosStart, oosEnd);
    const stitched = statsToJson(computeStats({ trades: trades as unknown as Trade[], equity: stitchedEquity, candles: oosCandles }));
    const lastParams = [...results].reverse().find((r) => r.params)?.params ?? plan.defaults;
    const saved = runs.save({
      kind: 'walkforward', strategy: plan.strategy.name, params: { ...plan.defaults, ...lastParams }, broker: req.broker,
      dataSource: data.source, data: fingerprint(oosCandles), stats: stitched, equity: stitchedEquity, trades, compat: req.compat,
      label: `walk-forward #${jobId} (${mode}, ${windows.length} windows, out of sample)${req.label ? ` · ${req.label}` : ''}`,
    });
    const isAnn = mean(results.map((r) => r.isStats?.['Return (Ann.) [%]'] ?? null));
    const oosAnn = typeof stitched['Return (Ann.) [%]'] === 'number' ? stitched['Return (Ann.) [%]'] : null;
    const warnings = [...data.warnings];
    const flat = results.filter((r) => r.params === null).length;
    if (flat) warnings.push(`${flat} window(s) had no in-sample combination with an objective and stayed in cash`);
    const summary: WalkForwardSummary = {
      objective: objectiveLabel(plan.objective),
      mode,
      windows: results,
      stitched,
      runId: saved.id,
      efficiency: isAnn !== null && isAnn > 0 && oosAnn !== null ? oosAnn / isAnn : null,
      isAnnualizedReturnPct: isAnn,
      oosAnnualizedReturnPct: oosAnn,
      combinationsPerWindow: plan.combos.length,
      workers: ctx.pool.size,
      elapsedMs: Math.round(performance.now() - started),
      warnings,
    };
    research.finishJob(jobId, 'done', summary);
    report('done');
    return { jobId, summary, equity: stitchedEquity, trades };
  } catch (e) {
    const cancelled = e instanceof Error && e.name === 'AbortError';
    research.finishJob(jobId, cancelled ? 'cancelled' : 'failed', undefined, cancelled ? 'cancelled' : (e as Error).message);
    throw e;
  }
}


function flatSummary(cash: number): SummaryRecord {
  const out = toSummaryRecord({});
  return { ...out, 'Return [%]': 0, '# Trades': 0, 'Equity Final [$]': cash, 'Exposure Time [%]': 0, 'Max. Drawdown [%]': 0 };
}

function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function mean(xs: readonly (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}
