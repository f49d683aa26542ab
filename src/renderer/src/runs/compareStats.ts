/**
 * What the comparison marks: the best value of each stat among the compared runs (in
 * the direction that is better for that stat), and the settings in which they differ.
 */
import type { RunSummary, StatsRecord } from '../../../shared/backtestTypes';
import { statCaveat } from '../stats/statCaveats';
import { dataText } from './runText';

/** The stats shown side by side; `better` says which way is best (none: no best, e.g. a count). */
export const COMPARE_STATS: readonly { key: string; better: 'high' | 'low' | null }[] = [
  { key: 'Return [%]', better: 'high' },
  { key: 'Buy & Hold Return [%]', better: null },
  { key: 'Return (Ann.) [%]', better: 'high' },
  { key: 'Sharpe Ratio', better: 'high' },
  { key: 'Sortino Ratio', better: 'high' },
  { key: 'Calmar Ratio', better: 'high' },
  // Drawdowns are negative percentages: the highest is the shallowest.
  { key: 'Max. Drawdown [%]', better: 'high' },
  { key: 'Avg. Drawdown Duration', better: null },
  { key: '# Trades', better: null },
  { key: 'Win Rate [%]', better: 'high' },
  { key: 'Profit Factor', better: 'high' },
  { key: 'Expectancy [%]', better: 'high' },
  { key: 'SQN', better: 'high' },
  { key: 'Exposure Time [%]', better: null },
  { key: 'Equity Final [$]', better: null },
];

/**
 * Ids of the runs holding the best value of `key` (ties all win). Values flagged as not
 * meaningful (a degenerate Sharpe) never win, and one run alone has no "best".
 */
export function bestRuns(runs: readonly Pick<RunSummary, 'id' | 'stats'>[], key: string, better: 'high' | 'low' | null): number[] {
  if (!better) return [];
  const scored = runs
    .map((r) => ({ id: r.id, v: r.stats[key] }))
    .filter((x): x is { id: number; v: number } => typeof x.v === 'number' && Number.isFinite(x.v) && statCaveat(runs.find((r) => r.id === x.id)?.stats ?? ({} as StatsRecord), key) === null);
  if (scored.length < 2) return [];
  const best = better === 'high' ? Math.max(...scored.map((x) => x.v)) : Math.min(...scored.map((x) => x.v));
  return scored.filter((x) => x.v === best).map((x) => x.id);
}

export interface SettingRow {
  name: string;
  /** The value of each run, in the runs' order ('—' where a run does not have it). */
  values: string[];
  differs: boolean;
}

/** Strategy, data, period, broker and every parameter, each marked when the runs disagree. */
export function settingsDiff(runs: readonly RunSummary[], fmtDay: (ms: number) => string): SettingRow[] {
  const row = (name: string, f: (r: RunSummary) => string | undefined): SettingRow => {
    const values = runs.map((r) => f(r) ?? '—');
    return { name, values, differs: new Set(values).size > 1 };
  };
  const paramNames = [...new Set(runs.flatMap((r) => Object.keys(r.params)))];
  const pct = (v: number | undefined) => (v === undefined ? undefined : `${Number((v * 100).toPrecision(12))}%`);
  return [
    row('strategy', (r) => r.strategy),
    ...paramNames.map((p) => row(p, (r) => (p in r.params ? String(r.params[p]) : undefined))),
    row('data', (r) => dataText(r.dataSource)),
    row('date range', (r) => `${fmtDay(r.dataFrom)} → ${fmtDay(r.dataTo)}`),
    row('bars', (r) => r.barCount.toLocaleString('en-US')),
    row('cash', (r) => (r.broker.cash === undefined ? undefined : String(r.broker.cash))),
    row('fee per side', (r) => pct(r.broker.commission)),
    row('slippage (bps)', (r) => (r.broker.slippageBps === undefined ? undefined : String(r.broker.slippageBps))),
  ];
}

/** Equity as percent return from its first value: runs with different cash compare. */
export function percentReturn(equity: ArrayLike<number>): number[] {
  const base = equity[0] || 1;
  return Array.from({ length: equity.length }, (_, i) => (equity[i] / base - 1) * 100);
}
