/**
 * Research jobs (optimizations, walk-forward analyses) and the cells of their grids:
 * one row per parameter combination with its summary statistics, read back for the
 * results table and the heatmap. Cells of all jobs share one table keyed by job (and
 * walk-forward window), rather than one SQL table per job: no identifier is ever built
 * from user input, and a heatmap is one indexed range read.
 */
export const researchSchemaV20 = `
CREATE TABLE research_jobs (
  id           INTEGER PRIMARY KEY,
  created_at   INTEGER NOT NULL,          -- epoch ms
  finished_at  INTEGER,
  kind         TEXT    NOT NULL,          -- optimize | walkforward
  status       TEXT    NOT NULL,          -- running | done | cancelled | failed
  strategy     TEXT    NOT NULL,
  data_source  TEXT    NOT NULL,
  data_hash    TEXT    NOT NULL,
  spec_json    TEXT    NOT NULL,          -- the request as given
  result_json  TEXT,                      -- best, top runs, robustness, windows
  error        TEXT,
  label        TEXT
);
CREATE INDEX research_jobs_by_created ON research_jobs(created_at DESC);

CREATE TABLE research_cells (
  job_id       INTEGER NOT NULL REFERENCES research_jobs(id) ON DELETE CASCADE,
  window_no    INTEGER NOT NULL,          -- 0 for an optimization; the window for walk-forward
  idx          INTEGER NOT NULL,          -- the combination's index in its grid
  params_json  TEXT    NOT NULL,
  objective    REAL,                      -- NULL: no objective (see note)
  stats_json   TEXT,                      -- summary statistics; NULL when the combination failed
  note         TEXT,
  run_id       INTEGER,                   -- full run saved for the top combinations
  PRIMARY KEY (job_id, window_no, idx)
) WITHOUT ROWID;
CREATE INDEX research_cells_by_objective ON research_cells(job_id, window_no, objective DESC);
`;
