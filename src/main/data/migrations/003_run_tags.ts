/**
 * Tags of saved runs, one row per tag so the history filters by tag with an index.
 * A run's name lives in `runs.label` (migration 1), which optimize and walk-forward
 * already fill; deleting a run takes its tags with it.
 */
export const runTagsSchemaV3 = `
CREATE TABLE run_tags (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  tag     TEXT    NOT NULL,
  PRIMARY KEY (run_id, tag)
) WITHOUT ROWID;
CREATE INDEX run_tags_by_tag ON run_tags(tag, run_id);
`;
