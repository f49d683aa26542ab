/**
 * Research shapes shared by the CLI, the API, the worker pool and the renderer:
 * optimization cells, objectives, walk-forward windows. Plain data (JSON and
 * structured-clone safe); numbers that may be NaN travel as null.
 */
import type { ParamValue } from './backtestTypes';

/**
 * The statistics an optimization keeps for every combination (its table, heatmap and
 * objective): the backtesting.py names, values identical to a full run's.
 */
export const SUMMARY_STAT_KEYS = [
  'Return [%]',
  'Return (Ann.) [%]',
  'Volatility (Ann.) [%]',
  'Sharpe Ratio',
  'Sortino Ratio',
  'Calmar Ratio',
  'Max. Drawdown [%]',
  '# Trades',
  'Win Rate [%]',
  'Profit Factor',
  'Expectancy [%]',
  'SQN',
  'Equity Final [$]',
  'Exposure Time [%]',
  'Buy & Hold Return [%]',
] as const;

export type SummaryKey = (typeof SUMMARY_STAT_KEYS)[number];
export type SummaryRecord = Record<SummaryKey, number | null>;

/** Stats an objective may maximize (each higher-is-better). */
export const OBJECTIVE_KEYS = [
  'Return [%]',
  'Sharpe Ratio',
  'Sortino Ratio',
  'Calmar Ratio',
  'SQN',
  'Profit Factor',
  'Equity Final [$]',
] as const satisfies readonly SummaryKey[];

export type ObjectiveKey = (typeof OBJECTIVE_KEYS)[number];

/** A weighted sum of stats; one term with weight 1 is a plain objective. */
export interface ObjectiveSpec {
  readonly terms: readonly { readonly key: ObjectiveKey; readonly weight: number }[];
}

/** One combination of an optimization. */
export interface OptimizationCell {
  readonly index: number;
  readonly params: Record<string, ParamValue>;
  /** null when the combination failed, has too few trades, or a stat it needs is undefined. */
  readonly objective: number | null;
  readonly stats: SummaryRecord | null;
  /** Why the combination has no objective (its error, or "3 trades < --min-trades 10"). */
  readonly note: string | null;
  /** Saved full run of this combination (the top k are re-run and saved). */
  readonly runId: number | null;
}
