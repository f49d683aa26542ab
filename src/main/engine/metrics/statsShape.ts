/**
 * The shape of a backtest's summary statistics: backtesting.py 0.6.6's stat names,
 * in its order. Each duration appears twice, as pandas prints a Timedelta
 * ("3116 days 00:00:00", null where pandas has NaT) and as a "(seconds)" twin
 * (NaN where pandas has NaT), exactly as the oracle files under
 * test/fixtures/oracles store them.
 */

/** A pandas-style duration string, or null where backtesting.py has NaT. */
export type DurationText = string | null;

// A type alias (not an interface) so a Stats value is assignable to
// Record<string, number | string | null>, the shape the API and the store carry.
export type Stats = {
  readonly Start: string;
  readonly End: string;
  readonly Duration: DurationText;
  readonly 'Duration (seconds)': number;
  readonly 'Exposure Time [%]': number;
  readonly 'Equity Final [$]': number;
  readonly 'Equity Peak [$]': number;
  /** Absent only under compat 'backtesting.py' when nothing was paid (compat.ts). */
  readonly 'Commissions [$]'?: number;
  readonly 'Return [%]': number;
  readonly 'Buy & Hold Return [%]': number;
  readonly 'Return (Ann.) [%]': number;
  readonly 'Volatility (Ann.) [%]': number;
  readonly 'CAGR [%]': number;
  readonly 'Sharpe Ratio': number;
  readonly 'Sortino Ratio': number;
  readonly 'Calmar Ratio': number;
  readonly 'Alpha [%]': number;
  readonly Beta: number;
  readonly 'Max. Drawdown [%]': number;
  readonly 'Avg. Drawdown [%]': number;
  readonly 'Max. Drawdown Duration': DurationText;
  readonly 'Max. Drawdown Duration (seconds)': number;
  readonly 'Avg. Drawdown Duration': DurationText;
  readonly 'Avg. Drawdown Duration (seconds)': number;
  readonly '# Trades': number;
  readonly 'Win Rate [%]': number;
  readonly 'Best Trade [%]': number;
  readonly 'Worst Trade [%]': number;
  readonly 'Avg. Trade [%]': number;
  readonly 'Max. Trade Duration': DurationText;
  readonly 'Max. Trade Duration (seconds)': number;
  readonly 'Avg. Trade Duration': DurationText;
  readonly 'Avg. Trade Duration (seconds)': number;
  readonly 'Profit Factor': number;
  readonly 'Expectancy [%]': number;
  readonly SQN: number;
  readonly 'Kelly Criterion': number;
};

export type StatKey = keyof Stats;

/** Every key of Stats in backtesting.py's order (durations followed by their seconds twin). */
export const STAT_KEYS: readonly StatKey[] = [
  'Start', 'End', 'Duration', 'Duration (seconds)',
  'Exposure Time [%]', 'Equity Final [$]', 'Equity Peak [$]', 'Commissions [$]',
  'Return [%]', 'Buy & Hold Return [%]', 'Return (Ann.) [%]', 'Volatility (Ann.) [%]', 'CAGR [%]',
  'Sharpe Ratio', 'Sortino Ratio', 'Calmar Ratio', 'Alpha [%]', 'Beta',
  'Max. Drawdown [%]', 'Avg. Drawdown [%]',
  'Max. Drawdown Duration', 'Max. Drawdown Duration (seconds)',
  'Avg. Drawdown Duration', 'Avg. Drawdown Duration (seconds)',
  '# Trades', 'Win Rate [%]', 'Best Trade [%]', 'Worst Trade [%]', 'Avg. Trade [%]',
  'Max. Trade Duration', 'Max. Trade Duration (seconds)',
  'Avg. Trade Duration', 'Avg. Trade Duration (seconds)',
  'Profit Factor', 'Expectancy [%]', 'SQN', 'Kelly Criterion',
];

/** Stats whose value is a duration string (each has a numeric "<key> (seconds)" twin). */
export const DURATION_KEYS = [
  'Duration', 'Max. Drawdown Duration', 'Avg. Drawdown Duration', 'Max. Trade Duration', 'Avg. Trade Duration',
] as const satisfies readonly StatKey[];

/** Stats that are counts or exact durations rather than floating-point results. */
export const EXACT_KEYS: readonly StatKey[] = [
  'Start', 'End', '# Trades',
  ...DURATION_KEYS,
  ...DURATION_KEYS.map((k) => `${k} (seconds)` as StatKey),
];
