/**
 * Offsets lost to the broker's retention before the feed read them (a hole in the
 * candle stream), and alerts that come from the service itself rather than from a rule:
 * alert_events.rule_id becomes nullable (SQLite cannot drop NOT NULL in place, so the
 * table is rebuilt with its rows and index).
 */
export const liveFeedHolesSchemaV12 = `
CREATE TABLE live_feed_holes (
  id          INTEGER PRIMARY KEY,
  topic       TEXT    NOT NULL,
  partition   INTEGER NOT NULL,
  from_offset TEXT    NOT NULL,         -- first offset never read (int64 as decimal text)
  to_offset   TEXT    NOT NULL,         -- last offset never read
  missed      INTEGER NOT NULL,         -- to_offset - from_offset + 1
  at          INTEGER NOT NULL          -- when the feed found it (epoch ms)
);
CREATE TABLE alert_events_v12 (
  id      INTEGER PRIMARY KEY,
  rule_id INTEGER REFERENCES alert_rules(id) ON DELETE CASCADE,  -- NULL: raised by the service (feed hole)
  time    INTEGER NOT NULL,
  json    TEXT    NOT NULL
);
INSERT INTO alert_events_v12(id, rule_id, time, json) SELECT id, rule_id, time, json FROM alert_events;
DROP TABLE alert_events;
ALTER TABLE alert_events_v12 RENAME TO alert_events;
CREATE INDEX alert_events_by_rule ON alert_events(rule_id, time);
`;
