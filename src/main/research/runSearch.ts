/**
 * The SQL behind the run history's search, filters and sort (RunStore.search / count).
 * Everything the user types arrives as a bound parameter; column names come only from
 * the fixed map below, never from the request.
 */
import type { RunFilter, RunSortKey } from '../../shared/runQuery';

export interface SqlPart {
  sql: string;
  params: (string | number)[];
}

// A run's parameters as the history shows them ("n1=10 n2=50"), so "n1=10" finds it.
const PARAMS_TEXT = `(SELECT group_concat(key || '=' || CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE value END, ' ')
                      FROM json_each(runs.params_json))`;

const stat = (name: string) => `json_extract(runs.stats_json, '$."${name}"')`;

const SORT_SQL: Record<RunSortKey, string> = {
  created: 'runs.created_at',
  name: "COALESCE(runs.label, '') COLLATE NOCASE",
  strategy: 'runs.strategy COLLATE NOCASE',
  data: 'runs.data_source COLLATE NOCASE',
  period: 'runs.data_from',
  return: stat('Return [%]'),
  sharpe: stat('Sharpe Ratio'),
  maxDrawdown: stat('Max. Drawdown [%]'),
  trades: stat('# Trades'),
};

/** WHERE clause (with its leading keyword, or empty) for a filter. */
export function runWhere(f: RunFilter): SqlPart {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  for (const word of (f.query ?? '').split(/\s+/).filter(Boolean)) {
    const like = `%${escapeLike(word)}%`;
    clauses.push(`(COALESCE(runs.label, '') LIKE ? ESCAPE '\\' OR runs.strategy LIKE ? ESCAPE '\\' OR runs.data_source LIKE ? ESCAPE '\\'
                   OR COALESCE(${PARAMS_TEXT}, '') LIKE ? ESCAPE '\\'
                   OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag LIKE ? ESCAPE '\\')
                   OR ('#' || runs.id) = ?)`);
    params.push(like, like, like, like, like, word);
  }
  if (f.strategy) {
    clauses.push('runs.strategy = ?');
    params.push(f.strategy);
  }
  if (f.kind) {
    clauses.push('runs.kind = ?');
    params.push(f.kind);
  }
  if (f.tag) {
    clauses.push('EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag = ?)');
    params.push(f.tag);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** ORDER BY clause; ties (and runs without the stat) fall back to newest first. */
export function runOrder(sort: RunSortKey = 'created', dir: 'asc' | 'desc' = 'desc'): string {
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  // A run without the stat (null) sorts last in both directions.
  return `ORDER BY (${SORT_SQL[sort]}) IS NULL, ${SORT_SQL[sort]} ${d}, runs.id DESC`;
}

/** LIKE's wildcards typed by the user match themselves. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
