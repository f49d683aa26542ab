/**
 * Research shapes shared by the CLI, the API, the worker pool and the renderer:
 * optimization cells, objectives, walk-forward windows. Plain data (JSON and
 * structured-clone safe); numbers that may be NaN travel as null.
 */
import type { BacktestRequest, BrokerSettings, CompatMode, ParamValue, StatsRecord } from './backtestTypes';

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
  /** With OptimizeRequest.magnifier: how this combination's same-bar stop-loss / take-profit cases were settled. */
  readonly magnifier?: SameBarCounts;
}

/**
 * Bars where a trade's stop-loss and take-profit both lay inside, by how they were settled:
 * from the 1m bars (take-profit or stop-loss first) or by the adverse rule (no 1m bars
 * for the bar, or both levels inside one 1m bar). The engine's MagnifierReport, minus `used`.
 */
export interface SameBarCounts {
  readonly resolvedTakeProfitFirst: number;
  readonly resolvedStopFirst: number;
  readonly unresolvedAdverse: number;
}

/** An optimization as asked for (CLI flags, API argument). */
export interface OptimizeRequest {
  /** Data spec, as for a backtest. */
  readonly data: string;
  /** Inclusive bar open time bounds, epoch ms. */
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly strategy: string;
  /** Per parameter: "min:max[:step]", "a,b,c", "*" or one value; others keep their default. */
  readonly space: Readonly<Record<string, string>>;
  /** e.g. ["n1 < n2"]: combinations failing one are not run. */
  readonly constraints?: readonly string[];
  /** A statistic or a weighted sum ("0.7*sharpe + 0.3*calmar"); default "Return [%]". */
  readonly objective?: string;
  /** 'grid' (default) runs every combination; 'random' samples `samples` of them with `seed`. */
  readonly method?: 'grid' | 'random';
  readonly samples?: number;
  readonly seed?: number;
  /** Combinations with fewer trades get no objective (default 1). */
  readonly minTrades?: number;
  /** How many of the best are re-run in full and saved as runs (default 3). */
  readonly topK?: number;
  /** Read the order of same-bar stop-loss / take-profit hits from 1m bars of the same instrument, in every combination. */
  readonly magnifier?: boolean;
  readonly broker: BrokerSettings;
  readonly label?: string;
  /** Reproduce another tool's numbers in every run of the search (default: our own rules). */
  readonly compat?: CompatMode;
}

export interface ResearchProgress {
  readonly jobId: string;
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  /** Combinations (or windows) per second so far. */
  readonly rate: number | null;
  readonly etaMs: number | null;
  /** Best objective so far and its parameters. */
  readonly best: { readonly objective: number; readonly params: Record<string, ParamValue> } | null;
}

export interface ProbabilityOfOverfitting {
  readonly pbo: number;
  readonly splits: number;
  readonly blocks: number;
  readonly meaning: string;
}

export interface DeflatedSharpe {
  readonly dsr: number;
  readonly psr: number;
  readonly expectedMaxSharpe: number;
  readonly meaning: string;
}

export interface RankedCombination {
  readonly index: number;
  readonly params: Record<string, ParamValue>;
  readonly objective: number;
  readonly runId: number | null;
}

export interface OptimizationSummary {
  readonly objective: string;
  readonly method: 'grid' | 'random';
  /** Combinations run; skipped by a constraint; with an error; without an objective. */
  readonly evaluated: number;
  readonly skippedByConstraint: number;
  readonly failed: number;
  readonly withoutObjective: number;
  /** The winner, with its full statistics (null when no combination has an objective). */
  readonly best: (RankedCombination & { readonly stats: StatsRecord }) | null;
  readonly top: readonly RankedCombination[];
  /** Parameters that vary across the grid (heatmap axes), with their values. */
  readonly axes: readonly { readonly name: string; readonly values: readonly ParamValue[] }[];
  readonly pbo: ProbabilityOfOverfitting | null;
  readonly deflatedSharpe: DeflatedSharpe | null;
  readonly workers: number;
  readonly elapsedMs: number;
  readonly warnings: readonly string[];
  /** With OptimizeRequest.magnifier: where the 1m bars came from (null: none inside the range, the adverse rule throughout). */
  readonly magnifier?: { readonly source: string | null };
}

/** The grid searches the research views run: an optimization or a walk-forward analysis. */
export type ResearchKind = 'optimize' | 'walkforward';
/**
 * What the research store keeps: the grid searches, and the Monte Carlo simulations and
 * look-ahead checks made on the command line or in the app (their results, to read again).
 */
export const SAVED_RESEARCH_KINDS = ['optimize', 'walkforward', 'montecarlo', 'lookahead'] as const satisfies readonly (ResearchKind | 'montecarlo' | 'lookahead')[];
export type SavedResearchKind = (typeof SAVED_RESEARCH_KINDS)[number];
export type ResearchStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface ResearchJobSummary {
  readonly id: number;
  readonly kind: SavedResearchKind;
  readonly status: ResearchStatus;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly strategy: string;
  readonly dataSource: string;
  readonly dataHash: string;
  readonly label: string | null;
  readonly error: string | null;
}

/** A heatmap of the objective over two parameters; the others folded by their best or mean cell. */
export interface Heatmap {
  readonly x: { readonly name: string; readonly values: readonly ParamValue[] };
  readonly y: { readonly name: string; readonly values: readonly ParamValue[] };
  readonly fold: 'best' | 'mean';
  /** z[yi][xi]; null where no combination has an objective. */
  readonly z: readonly (readonly (number | null)[])[];
  /** The grid index of the cell behind each z (its best combination), for click-to-run. */
  readonly index: readonly (readonly (number | null)[])[];
}

/** A walk-forward analysis as asked for: an optimization per window, its winner traded out of sample. */
export interface WalkForwardRequest extends Omit<OptimizeRequest, 'topK'> {
  /** 'rolling' (default): fixed-length in-sample; 'anchored': in-sample grows from the first bar. */
  readonly mode?: 'rolling' | 'anchored';
  /** Bar count ("5000") or duration ("30d", "12h", "2w"). */
  readonly inSample: string;
  readonly outOfSample: string;
}

export interface WalkForwardWindowResult {
  readonly index: number;
  /** Open times of the first and last bar of each segment, epoch ms. */
  readonly isFrom: number;
  readonly isTo: number;
  readonly oosFrom: number;
  readonly oosTo: number;
  readonly isBars: number;
  readonly oosBars: number;
  /** The in-sample winner (null when no combination had an objective: the window stays flat). */
  readonly params: Record<string, ParamValue> | null;
  readonly isObjective: number | null;
  readonly isStats: SummaryRecord | null;
  readonly oosStats: SummaryRecord;
}

export interface WalkForwardSummary {
  readonly objective: string;
  readonly mode: 'rolling' | 'anchored';
  readonly windows: readonly WalkForwardWindowResult[];
  /** Statistics of the stitched out-of-sample equity and trades. */
  readonly stitched: StatsRecord;
  /** The stitched out-of-sample run, saved (its equity and trades open in the app). */
  readonly runId: number;
  /**
   * Walk-forward efficiency: out-of-sample annualized return over the mean in-sample
   * annualized return of the windows' winners (null when that mean is not positive).
   */
  readonly efficiency: number | null;
  readonly isAnnualizedReturnPct: number | null;
  readonly oosAnnualizedReturnPct: number | null;
  readonly combinationsPerWindow: number;
  readonly workers: number;
  readonly elapsedMs: number;
  readonly warnings: readonly string[];
}

/** The summary statistics out of a full statistics record (undefined values as null). */
export function toSummaryRecord(stats: Readonly<Record<string, number | string | null>>): SummaryRecord {
  const out = {} as Record<SummaryKey, number | null>;
  for (const k of SUMMARY_STAT_KEYS) {
    const v = stats[k];
    out[k] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}

/** Monte Carlo over a run's trade sequence: percentiles of outcomes and the equity fan. */
export interface MonteCarloSummary {
  readonly runId: number;
  readonly runs: number;
  readonly mode: 'resample' | 'shuffle';
  readonly seed: number;
  readonly trades: number;
  /** Keyed 'p5', 'p25', 'p50', 'p75', 'p95'. */
  readonly finalReturnPct: Readonly<Record<string, number>>;
  readonly maxDrawdownPct: Readonly<Record<string, number>>;
  /** Equity percentile bands after each trade step: { step: [...], p5: [...], ... }. */
  readonly bands: Readonly<Record<string, readonly number[]>>;
  readonly meaning: string;
}

/** A Monte Carlo as asked for: the saved run, how many sequences, which seed and mode, which percentiles. */
export interface MonteCarloRequest {
  readonly runId: number;
  readonly runs: number;
  readonly seed: number;
  readonly mode: 'resample' | 'shuffle';
  readonly percentiles: readonly number[];
}

/** A Monte Carlo's summary and the research job it was saved as. */
export interface SavedMonteCarlo extends MonteCarloSummary {
  readonly researchId: number;
}

/**
 * A run of the look-ahead check in which the strategy threw on the last bar it was given
 * (a cut short run, or the full run with cutBar = the bar count): it reached for a bar
 * that was not there.
 */
export interface CutFailure {
  readonly cutBar: number;
  readonly cutTime: number;
  /** The bar it was deciding on when it threw. */
  readonly bar: number;
  readonly time: number;
  readonly message: string;
}

/** One bar whose decisions differ between the full run and a run cut short. */
export interface SignalChange {
  /** The first bar removed by the cut that exposed the change. */
  readonly cutBar: number;
  readonly cutTime: number;
  readonly bar: number;
  readonly time: number;
  /** The decisions at that bar in the full run and in the truncated run ([] = none). */
  readonly full: readonly string[];
  readonly truncated: readonly string[];
}

/** What the look-ahead check finds (research/lookahead.ts). */
export interface LookaheadReport {
  readonly bars: number;
  /** Decisions of the full run. */
  readonly signals: number;
  /** Where the data was cut: the first bar removed, ascending. */
  readonly cuts: readonly number[];
  /** False when two full runs on the same data decided differently. */
  readonly deterministic: boolean;
  /** Bars with changed decisions, at most maxChanges of them; `changedBars` counts all. */
  readonly changes: readonly SignalChange[];
  readonly changedBars: number;
  /** Runs in which the strategy threw for want of a later bar (see CutFailure). */
  readonly failures: readonly CutFailure[];
  readonly clean: boolean;
  readonly meaning: string;
}

/**
 * A look-ahead check as `cryptota lookahead --json` prints it and the research store keeps
 * it: the report with the strategy, its data, and the time of every cut (JSON: a cut time
 * that is not a number, the full run's, is null).
 */
export interface LookaheadRecord extends Omit<LookaheadReport, 'cuts' | 'changes'> {
  readonly strategy: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly data: { readonly source: string; readonly bars: number; readonly from: number; readonly to: number };
  readonly cuts: readonly { readonly bar: number; readonly time: number }[];
  readonly changes: readonly (Omit<SignalChange, 'cutTime'> & { readonly cutTime: number | null })[];
  readonly elapsedMs: number;
}

/** A saved research job with what was asked and what came out (research.get), by its `job.kind`. */
export interface SavedResearchDetail {
  readonly job: ResearchJobSummary;
  readonly request: OptimizeRequest | WalkForwardRequest | MonteCarloRequest | LookaheadRequest;
  readonly result: OptimizationSummary | WalkForwardSummary | MonteCarloSummary | LookaheadRecord | null;
}

/** A look-ahead check as asked for: the strategy, its parameters, data and broker, and the number of cuts. */
export interface LookaheadRequest {
  readonly request: BacktestRequest;
  readonly cuts: number;
}
