/**
 * What a pool worker does with a task, as plain functions over an environment (the
 * worker's data sets, strategies and indicator cache): the worker thread calls them,
 * and so can a test in-process. Two kinds:
 *  - 'backtest': one full run (statistics, trades, equity) — single runs from the app
 *    and the CLI, the winners of a grid, walk-forward out-of-sample windows;
 *  - 'grid': many parameter combinations over one data set, each reduced to the summary
 *    an optimizer needs (and its per-period returns for PBO / Deflated Sharpe).
 */
import type { BrokerConfig } from '../../engine/brokerTypes';
import type { Candles } from '../../engine/candles';
import type { IndicatorCache } from '../../engine/indicators/indicatorCache';
import { runBacktest } from '../../engine/backtest';
import { RunBuffers } from '../../engine/runBuffers';
import { runBacktestSummary } from '../../engine/summary';
import { statsToJson } from '../../engine/metrics';
import type { CompatMode } from '../../engine/compat';
import type { MagnifierReport } from '../../engine/magnifier';
import type { EndOfDataMode } from '../../engine/runner';
import type { StrategyDefinition } from '../../engine/strategy';
import type { ParamValue, StatsRecord, TradeRecord } from '../../../shared/backtestTypes';
import { toSummaryRecord, type SameBarCounts, type SummaryRecord } from '../../../shared/researchTypes';
import { toTradeRecord } from '../backtestJob';

/** Bars [from, to) of the data set; the broker trades from `tradeFrom` (bars before only warm the strategy up). */
export interface BarRange {
  readonly from: number;
  readonly to: number;
  readonly tradeFrom?: number;
}

export interface BacktestTask {
  readonly kind: 'backtest';
  readonly dataId: number;
  readonly strategy: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly broker: BrokerConfig;
  readonly range?: BarRange;
  readonly endOfData?: EndOfDataMode;
  /** Reproduce another tool's numbers (engine compat.ts). */
  readonly compat?: CompatMode;
  /** Data set of 1m bars (loaded in the pool like the bars) for the bar magnifier (engine magnifier.ts). */
  readonly magnifierDataId?: number;
}

export interface GridTask {
  readonly kind: 'grid';
  readonly dataId: number;
  readonly strategy: string;
  readonly broker: BrokerConfig;
  /** Index of combos[0] in the whole grid (cells keep their grid index). */
  readonly firstIndex: number;
  readonly combos: readonly Readonly<Record<string, ParamValue>>[];
  readonly range?: BarRange;
  /** Also return each combination's per-period equity returns (for PBO / Deflated Sharpe). */
  readonly periodReturns?: boolean;
  /** Reproduce another tool's numbers (engine compat.ts). */
  readonly compat?: CompatMode;
  /** As BacktestTask.magnifierDataId; each cell then reports its same-bar counts. */
  readonly magnifierDataId?: number;
}

export type PoolTask = BacktestTask | GridTask;

export interface BacktestTaskResult {
  readonly kind: 'backtest';
  readonly stats: StatsRecord;
  readonly trades: TradeRecord[];
  /** One value per bar traded ([tradeFrom ?? from, to)); transferred, not copied. */
  readonly equity: Float64Array;
  /** Absolute index (in the data set) of equity[0]. */
  readonly firstBar: number;
  readonly rejectedOrders: number;
  readonly firstRejection: string | null;
}

export interface GridCellResult {
  readonly index: number;
  readonly summary: SummaryRecord | null;
  readonly periodReturns?: Float64Array;
  readonly rejectedOrders: number;
  /** The combination's own failure (e.g. a parameter out of range): the grid goes on. */
  readonly error?: string;
  /** With a magnifier: how the combination's same-bar stop-loss / take-profit cases were settled. */
  readonly magnifier?: SameBarCounts;
}

export interface GridTaskResult {
  readonly kind: 'grid';
  readonly cells: GridCellResult[];
}

export type PoolTaskResult = BacktestTaskResult | GridTaskResult;

/** What a worker provides to its tasks. */
export interface TaskEnv {
  candles(dataId: number): Candles;
  strategy(name: string): Promise<StrategyDefinition>;
  /**
   * The worker's indicator series, kept across tasks: each distinct indicator a strategy
   * declares is computed once per data set and range and read by every combination.
   */
  readonly indicatorCache?: IndicatorCache;
}

export interface TaskControl {
  readonly signal: { readonly aborted: boolean };
  /** Units of work done so far in this task (bars for a backtest, combinations for a grid). */
  progress(done: number, total: number): void;
}

export async function executeTask(task: PoolTask, env: TaskEnv, control: TaskControl): Promise<PoolTaskResult> {
  const candles = env.candles(task.dataId);
  const strategy = await env.strategy(task.strategy);
  return task.kind === 'backtest' ? runFull(task, candles, strategy, env, control) : runGrid(task, candles, strategy, env, control);
}

function runFull(task: BacktestTask, candles: Candles, strategy: StrategyDefinition, env: TaskEnv, control: TaskControl): BacktestTaskResult {
  const range = task.range ?? { from: 0, to: candles.length };
  const result = runBacktest(candles, strategy, task.params, task.broker, {
    from: range.from,
    to: range.to,
    ...tradeFromOption(range),
    endOfData: task.endOfData,
    compat: task.compat,
    magnifier: magnifierBars(task, env),
    signal: control.signal,
    indicatorCache: env.indicatorCache,
    onProgress: (done, total) => control.progress(done, total),
    buffers: taskBuffers,
  });
  // Everything is copied out of the lent memory here, before the next task reuses it.
  return {
    kind: 'backtest',
    stats: statsToJson(result.stats),
    trades: result.trades.map(toTradeRecord),
    equity: result.equity.slice(),
    firstBar: range.tradeFrom ?? range.from,
    rejectedOrders: result.rejectedOrders,
    firstRejection: result.firstRejection,
  };
}

/**
 * The equity and trade-log memory every run of this thread is made in: tasks and their grid
 * cells run one at a time, synchronously, and keep only what they copy out (summaries, trade
 * records, an equity copy), so one lender serves all. Fresh memory per run cost more than the
 * run on this kind of machine (each new page is a fault: about 4 ms per MB here).
 */
const taskBuffers = new RunBuffers();

function runGrid(task: GridTask, candles: Candles, strategy: StrategyDefinition, env: TaskEnv, control: TaskControl): GridTaskResult {
  const range = task.range ?? { from: 0, to: candles.length };
  const cells: GridCellResult[] = [];
  const total = task.combos.length;
  const fine = magnifierBars(task, env);
  for (let k = 0; k < total; k++) {
    if (control.signal.aborted) throw abortError();
    const index = task.firstIndex + k;
    try {
      const r = runBacktestSummary(candles, strategy, task.combos[k], task.broker, {
        from: range.from,
        to: range.to,
        ...tradeFromOption(range),
        signal: control.signal,
        buffers: taskBuffers,
        indicatorCache: env.indicatorCache,
        compat: task.compat,
        magnifier: fine,
      });
      cells.push({
        index,
        summary: toSummaryRecord(r.summary),
        rejectedOrders: r.rejectedOrders,
        ...(task.periodReturns ? { periodReturns: r.periodReturns } : {}),
        ...(fine === undefined ? {} : { magnifier: sameBarCounts(r.magnifier) }),
      });
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throw e;
      cells.push({ index, summary: null, rejectedOrders: 0, error: e instanceof Error ? e.message : String(e) });
    }
    control.progress(k + 1, total);
  }
  return { kind: 'grid', cells };
}

function magnifierBars(task: PoolTask, env: TaskEnv): Candles | undefined {
  return task.magnifierDataId === undefined ? undefined : env.candles(task.magnifierDataId);
}

function sameBarCounts(r: MagnifierReport): SameBarCounts {
  return { resolvedTakeProfitFirst: r.resolvedTakeProfitFirst, resolvedStopFirst: r.resolvedStopFirst, unresolvedAdverse: r.unresolvedAdverse };
}

function tradeFromOption(range: BarRange): { tradeFrom?: number } {
  return range.tradeFrom === undefined || range.tradeFrom === range.from ? {} : { tradeFrom: range.tradeFrom };
}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}
