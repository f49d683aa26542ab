/**
 * Finding and labelling saved runs: the search, filter and sort a history asks for
 * (runs.list, runs.count, `cryptota runs ls`) and the rules for a run's name and tags,
 * shared by the API schema, the store, the CLI and the history's inline editors.
 */
import type { RunSummary } from './backtestTypes';

/** Columns the history sorts by; the store maps each to one SQL expression. */
export const RUN_SORT_KEYS = ['created', 'name', 'strategy', 'data', 'period', 'return', 'sharpe', 'maxDrawdown', 'trades'] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

export const RUN_KINDS = ['backtest', 'optimize', 'walkforward'] as const satisfies readonly RunSummary['kind'][];

/** What the user calls each kind of saved run (optimize saves its best combinations). */
export const RUN_KIND_LABELS: Record<RunSummary['kind'], string> = {
  backtest: 'backtest',
  optimize: 'optimize-best',
  walkforward: 'walk-forward',
};

export interface RunFilter {
  /** Words that must all appear in the name, strategy, parameters (`n1=10`), tags or data. */
  query?: string;
  strategy?: string;
  tag?: string;
  kind?: RunSummary['kind'];
}

export interface RunQuery extends RunFilter {
  sort?: RunSortKey;
  /** Default: descending (newest, best return first). */
  dir?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export const RUN_NAME_MAX = 120;
export const RUN_TAG_MAX = 32;
export const RUN_TAGS_MAX = 20;
/** One word, so `cryptota runs tag 3 +keep -draft` can add and remove it. */
const TAG_RE = /^[\p{L}\p{N}._:/#-]+$/u;

/** Why `tag` cannot be a tag, or null when it can. */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return 'a tag cannot be empty';
  if (tag.length > RUN_TAG_MAX) return `tag "${tag.slice(0, 40)}…" is longer than ${RUN_TAG_MAX} characters`;
  if (!TAG_RE.test(tag)) return `tag "${tag}" may hold only letters, digits and . _ : / # - (no spaces)`;
  return null;
}

/** A name as stored: trimmed, and an empty name clears it (null). */
export function normalizeRunName(name: string): string | null {
  const t = name.trim();
  return t === '' ? null : t;
}

/** Tags as stored: trimmed, without duplicates, sorted so two equal sets look equal. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))].sort();
}
