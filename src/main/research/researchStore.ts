/**
 * Research jobs and their grid cells in the local store (migration 20): written as an
 * optimization or walk-forward runs, read back for tables, heatmaps and history. Monte
 * Carlo simulations and look-ahead checks are kept as jobs too (no cells): finished when
 * written, their request and result to read again.
 */
import type { Db } from '../data/db';
import type { ParamValue } from '../../shared/backtestTypes';
import type {
  Heatmap,
  OptimizationCell,
  ResearchJobSummary,
  SavedResearchKind,
  ResearchStatus,
  SameBarCounts,
  SummaryRecord,
} from '../../shared/researchTypes';

interface JobRow {
  id: number;
  kind: SavedResearchKind;
  status: ResearchStatus;
  created_at: number;
  finished_at: number | null;
  strategy: string;
  data_source: string;
  data_hash: string;
  label: string | null;
  error: string | null;
}

interface CellRow {
  idx: number;
  params_json: string;
  objective: number | null;
  stats_json: string | null;
  note: string | null;
  run_id: number | null;
  magnifier_json: string | null;
}

const JOB_COLUMNS = 'id, kind, status, created_at, finished_at, strategy, data_source, data_hash, label, error';

export class ResearchStore {
  constructor(private readonly db: Db) {}

  createJob(job: { kind: SavedResearchKind; strategy: string; dataSource: string; dataHash: string; spec: unknown; label?: string | null }): number {
    const info = this.db
      .prepare(`INSERT INTO research_jobs (created_at, kind, status, strategy, data_source, data_hash, spec_json, label)
                VALUES (?, ?, 'running', ?, ?, ?, ?, ?)`)
      .run(Date.now(), job.kind, job.strategy, job.dataSource, job.dataHash, JSON.stringify(job.spec), job.label ?? null);
    return Number(info.lastInsertRowid);
  }

  /** A job computed in one go (a Monte Carlo, a look-ahead check), saved done with its result; returns its id. */
  saveFinished(job: { kind: SavedResearchKind; strategy: string; dataSource: string; dataHash: string; spec: unknown; label?: string | null }, result: unknown): number {
    return this.db.transaction(() => {
      const id = this.createJob(job);
      this.finishJob(id, 'done', result);
      return id;
    }).immediate();
  }

  /** Cells of one grid (window 0 for an optimization), written in one write transaction. */
  addCells(jobId: number, window: number, cells: readonly OptimizationCell[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO research_cells (job_id, window_no, idx, params_json, objective, stats_json, note, run_id, magnifier_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const c of cells) {
        insert.run(
          jobId, window, c.index, JSON.stringify(c.params), c.objective, c.stats ? JSON.stringify(c.stats) : null, c.note, c.runId,
          c.magnifier ? JSON.stringify(c.magnifier) : null,
        );
      }
    }).immediate();
  }

  setCellRun(jobId: number, window: number, index: number, runId: number): void {
    this.db.prepare('UPDATE research_cells SET run_id = ? WHERE job_id = ? AND window_no = ? AND idx = ?').run(runId, jobId, window, index);
  }

  finishJob(jobId: number, status: Exclude<ResearchStatus, 'running'>, result: unknown, error?: string): void {
    this.db
      .prepare('UPDATE research_jobs SET status = ?, finished_at = ?, result_json = ?, error = ? WHERE id = ?')
      .run(status, Date.now(), result === undefined ? null : JSON.stringify(result), error ?? null, jobId);
  }

  list(limit = 100, offset = 0, kind?: SavedResearchKind): ResearchJobSummary[] {
    const rows = kind
      ? (this.db.prepare(`SELECT ${JOB_COLUMNS} FROM research_jobs WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(kind, limit, offset) as JobRow[])
      : (this.db.prepare(`SELECT ${JOB_COLUMNS} FROM research_jobs ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(limit, offset) as JobRow[]);
    return rows.map(toSummary);
  }

  get(id: number): { summary: ResearchJobSummary; spec: unknown; result: unknown } | null {
    const row = this.db.prepare(`SELECT ${JOB_COLUMNS}, spec_json, result_json FROM research_jobs WHERE id = ?`).get(id) as
      | (JobRow & { spec_json: string; result_json: string | null })
      | undefined;
    if (!row) return null;
    return { summary: toSummary(row), spec: JSON.parse(row.spec_json), result: row.result_json === null ? null : JSON.parse(row.result_json) };
  }

  /** Cells in grid order, or best first with `byObjective`. */
  cells(jobId: number, window = 0, opts: { limit?: number; offset?: number; byObjective?: boolean } = {}): OptimizationCell[] {
    const order = opts.byObjective ? 'objective IS NULL, objective DESC, idx' : 'idx';
    const rows = this.db
      .prepare(`SELECT idx, params_json, objective, stats_json, note, run_id, magnifier_json FROM research_cells
                WHERE job_id = ? AND window_no = ? ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(jobId, window, opts.limit ?? -1, opts.offset ?? 0) as CellRow[];
    return rows.map(toCell);
  }

  countCells(jobId: number, window = 0): number {
    return (this.db.prepare('SELECT count(*) AS n FROM research_cells WHERE job_id = ? AND window_no = ?').get(jobId, window) as { n: number }).n;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM research_jobs WHERE id = ?').run(id).changes > 0;
  }

  /**
   * The objective over parameters `x` and `y`. Other varying parameters are either held
   * at the values in `fixed` or folded: the best cell (fold 'best') or the mean of the
   * cells with an objective (fold 'mean') at each (x, y).
   */
  heatmap(jobId: number, window: number, x: string, y: string, fold: 'best' | 'mean' = 'best', fixed: Readonly<Record<string, ParamValue>> = {}): Heatmap {
    const cells = this.cells(jobId, window);
    if (cells.length === 0) throw new Error(`research job ${jobId} has no cells`);
    for (const name of [x, y]) {
      if (!(name in cells[0].params)) throw new Error(`no parameter "${name}" in job ${jobId} (parameters: ${Object.keys(cells[0].params).join(', ')})`);
    }
    const xs = distinct(cells.map((c) => c.params[x]));
    const ys = distinct(cells.map((c) => c.params[y]));
    const acc = ys.map(() => xs.map(() => ({ sum: 0, n: 0, best: -Infinity, bestIndex: null as number | null })));
    for (const c of cells) {
      if (c.objective === null || Object.entries(fixed).some(([k, v]) => c.params[k] !== v)) continue;
      const a = acc[ys.indexOf(c.params[y])][xs.indexOf(c.params[x])];
      a.sum += c.objective;
      a.n++;
      // Cells come in grid order: ties keep the lowest index, as the optimizer's ranking does.
      if (c.objective > a.best) {
        a.best = c.objective;
        a.bestIndex = c.index;
      }
    }
    const z = acc.map((row) => row.map((a) => (a.n === 0 ? null : fold === 'best' ? a.best : a.sum / a.n)));
    const index = acc.map((row) => row.map((a) => a.bestIndex));
    return { x: { name: x, values: xs }, y: { name: y, values: ys }, fold, z, index };
  }
}

function distinct(values: ParamValue[]): ParamValue[] {
  const out = [...new Set(values)];
  return out.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
}

function toSummary(r: JobRow): ResearchJobSummary {
  return {
    id: r.id, kind: r.kind, status: r.status, createdAt: r.created_at, finishedAt: r.finished_at, strategy: r.strategy,
    dataSource: r.data_source, dataHash: r.data_hash, label: r.label, error: r.error,
  };
}

function toCell(r: CellRow): OptimizationCell {
  return {
    index: r.idx,
    params: JSON.parse(r.params_json) as Record<string, ParamValue>,
    objective: r.objective,
    stats: r.stats_json === null ? null : (JSON.parse(r.stats_json) as SummaryRecord),
    note: r.note,
    runId: r.run_id,
    ...(r.magnifier_json === null ? {} : { magnifier: JSON.parse(r.magnifier_json) as SameBarCounts }),
  };
}
