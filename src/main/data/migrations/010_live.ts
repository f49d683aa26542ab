/**
 * Live feed and paper trading state. Everything a paper session derives from the feed
 * is written in the same transaction as the feed offsets (live_offsets), so the store is
 * always at "the state after message N" for one N per partition.
 */
export const liveSchemaV10 = `
CREATE TABLE live_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Every closed candle the feed accepted, once per instrument and open time (the dedupe key).
CREATE TABLE live_candles (
  instrument TEXT    NOT NULL,          -- SYMBOL:interval, e.g. BTCUSDT:1m
  time       INTEGER NOT NULL,          -- bar open time, epoch ms
  open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
  PRIMARY KEY (instrument, time)
) WITHOUT ROWID;
-- Last processed offset per topic partition, written with the state it produced.
CREATE TABLE live_offsets (
  topic     TEXT    NOT NULL,
  partition INTEGER NOT NULL,
  offset    TEXT    NOT NULL,           -- int64 as decimal text (kafkajs offsets are strings)
  PRIMARY KEY (topic, partition)
) WITHOUT ROWID;
CREATE TABLE live_reject_counts (
  reason TEXT PRIMARY KEY,
  count  INTEGER NOT NULL
);
CREATE TABLE paper_sessions (
  id               INTEGER PRIMARY KEY,
  name             TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  strategy         TEXT    NOT NULL,
  params_json      TEXT    NOT NULL,
  instruments_json TEXT    NOT NULL,    -- ["BTCUSDT:1m", ...]
  broker_json      TEXT    NOT NULL,    -- BrokerConfig of the whole session (cash is split per instrument)
  status           TEXT    NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
  updated_at       INTEGER NOT NULL
);
-- The closed bars each session consumed, in order: replaying them rebuilds the session exactly.
CREATE TABLE paper_bars (
  session_id INTEGER NOT NULL REFERENCES paper_sessions(id) ON DELETE CASCADE,
  instrument TEXT    NOT NULL,
  time       INTEGER NOT NULL,
  PRIMARY KEY (session_id, instrument, time)
) WITHOUT ROWID;
-- Signals, orders and fills as they happened (JSON), for the log and the UI.
CREATE TABLE paper_events (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES paper_sessions(id) ON DELETE CASCADE,
  instrument TEXT    NOT NULL,
  time       INTEGER NOT NULL,
  kind       TEXT    NOT NULL,
  json       TEXT    NOT NULL
);
CREATE INDEX paper_events_by_session ON paper_events(session_id, id);
CREATE TABLE paper_trades (
  session_id INTEGER NOT NULL REFERENCES paper_sessions(id) ON DELETE CASCADE,
  instrument TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  json       TEXT    NOT NULL,
  PRIMARY KEY (session_id, instrument, seq)
) WITHOUT ROWID;
CREATE TABLE paper_equity (
  session_id INTEGER NOT NULL REFERENCES paper_sessions(id) ON DELETE CASCADE,
  time       INTEGER NOT NULL,
  equity     REAL    NOT NULL,
  PRIMARY KEY (session_id, time)
) WITHOUT ROWID;
-- Latest portfolio per session (cash, equity, positions), the restart self-check's reference.
CREATE TABLE paper_portfolio (
  session_id INTEGER PRIMARY KEY REFERENCES paper_sessions(id) ON DELETE CASCADE,
  bars       INTEGER NOT NULL,
  json       TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE alert_rules (
  id         INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  json       TEXT    NOT NULL,
  enabled    INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE alert_events (
  id      INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  time    INTEGER NOT NULL,             -- bar open time that fired it
  json    TEXT    NOT NULL
);
CREATE INDEX alert_events_by_rule ON alert_events(rule_id, time);
-- Messages for trade_signals / portfolio_updates / alerts, written with the state that
-- produced them and sent after the commit (transactional outbox: nothing is lost on a crash).
CREATE TABLE live_outbox (
  seq   INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  key   TEXT NOT NULL,
  value TEXT NOT NULL
);
`;
