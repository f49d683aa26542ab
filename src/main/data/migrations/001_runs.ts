/** Saved backtest runs: parameters, data range and hash, metrics, equity curve and trades. */
export const runsSchemaV1 = `
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  created_at    INTEGER NOT NULL,          -- epoch ms
  kind          TEXT    NOT NULL,          -- backtest | optimize | walkforward
  strategy      TEXT    NOT NULL,
  params_json   TEXT    NOT NULL,
  broker_json   TEXT    NOT NULL,
  data_source   TEXT    NOT NULL,          -- e.g. sample:BTCUSDT_1h, csv:/path, cache:binance:BTCUSDT:15m
  data_from     INTEGER NOT NULL,          -- first bar open time, epoch ms
  data_to       INTEGER NOT NULL,          -- last bar open time, epoch ms
  bar_count     INTEGER NOT NULL,
  data_hash     TEXT    NOT NULL,          -- hash of the candle columns, to tell whether two runs saw the same data
  stats_json    TEXT    NOT NULL,
  equity        BLOB    NOT NULL,          -- Float64Array bytes, one value per bar
  trades_json   TEXT    NOT NULL,
  label         TEXT
);
CREATE INDEX runs_by_created ON runs(created_at DESC);
CREATE INDEX runs_by_strategy ON runs(strategy, created_at DESC);
`;
