/**
 * What an optimization maximizes: one statistic, or a weighted sum of several
 * ("0.7*Sharpe Ratio + 0.3*Calmar Ratio", or with short names "0.7*sharpe+0.3*calmar").
 * Weights multiply the raw statistics: choose them knowing the scales (Return [%] is in
 * percent, Sharpe around 1). A combination whose statistic is undefined (no trades, no
 * losing trade for Profit Factor) or has fewer trades than the minimum gets no objective
 * and cannot win.
 */
import { OBJECTIVE_KEYS, type ObjectiveKey, type ObjectiveSpec, type SummaryRecord } from '../../../shared/researchTypes';

const ALIASES: Record<string, ObjectiveKey> = {
  return: 'Return [%]',
  sharpe: 'Sharpe Ratio',
  sortino: 'Sortino Ratio',
  calmar: 'Calmar Ratio',
  sqn: 'SQN',
  'profit factor': 'Profit Factor',
  profit_factor: 'Profit Factor',
  pf: 'Profit Factor',
  equity: 'Equity Final [$]',
  'equity final': 'Equity Final [$]',
};

export const DEFAULT_OBJECTIVE: ObjectiveSpec = { terms: [{ key: 'Return [%]', weight: 1 }] };

export function parseObjective(text: string | undefined): ObjectiveSpec {
  if (text === undefined || text.trim() === '') return DEFAULT_OBJECTIVE;
  const terms = text.split('+').map((raw) => {
    const m = /^\s*(?:([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*\*\s*)?(.+?)\s*$/i.exec(raw);
    const weight = m?.[1] === undefined ? 1 : Number(m[1]);
    const key = m ? objectiveKey(m[2]) : null;
    if (!key) {
      throw new Error(`objective "${text}": unknown statistic "${raw.trim()}"; choose from ${OBJECTIVE_KEYS.join(', ')} (or return, sharpe, sortino, calmar, sqn, pf, equity), optionally weighted like "0.7*sharpe + 0.3*calmar"`);
    }
    if (!(weight > 0)) throw new Error(`objective "${text}": weights must be > 0`);
    return { key, weight };
  });
  return { terms };
}

export function objectiveLabel(spec: ObjectiveSpec): string {
  if (spec.terms.length === 1 && spec.terms[0].weight === 1) return spec.terms[0].key;
  return spec.terms.map((t) => `${t.weight}*${t.key}`).join(' + ');
}

/** The objective of one combination, or why it has none. */
export function evaluateObjective(spec: ObjectiveSpec, stats: SummaryRecord, minTrades: number): { value: number | null; note: string | null } {
  const trades = stats['# Trades'] ?? 0;
  if (trades < minTrades) return { value: null, note: `${trades} trade(s) < minimum ${minTrades}` };
  let sum = 0;
  for (const t of spec.terms) {
    const v = stats[t.key];
    if (v === null || !Number.isFinite(v)) return { value: null, note: `${t.key} is undefined` };
    sum += t.weight * v;
  }
  return { value: sum, note: null };
}

function objectiveKey(name: string): ObjectiveKey | null {
  const n = name.trim().toLowerCase();
  const exact = OBJECTIVE_KEYS.find((k) => k.toLowerCase() === n);
  return exact ?? ALIASES[n] ?? null;
}
