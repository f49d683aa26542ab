/**
 * Candle cache: instruments, candle blocks keyed by instrument and block open time
 * (see src/main/data/cache/blocks.ts for why bars are stored in blocks), and the time
 * ranges already fetched per instrument, so sync asks the source only for what is missing.
 */
export const candleCacheSchemaV2 = `
CREATE TABLE instruments (
  id          INTEGER PRIMARY KEY,
  exchange    TEXT    NOT NULL,
  symbol      TEXT    NOT NULL,
  interval    TEXT    NOT NULL,
  interval_ms INTEGER NOT NULL,
  UNIQUE (exchange, symbol, interval)
);
CREATE TABLE candle_blocks (
  instrument_id INTEGER NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  block_start   INTEGER NOT NULL,   -- epoch ms, multiple of interval_ms * 4096
  bar_count     INTEGER NOT NULL,
  first_time    INTEGER NOT NULL,   -- open time of the first bar in the block
  last_time     INTEGER NOT NULL,   -- open time of the last bar in the block
  data          BLOB    NOT NULL,   -- 6 little-endian float64 columns: time, open, high, low, close, volume
  PRIMARY KEY (instrument_id, block_start)
) WITHOUT ROWID;
CREATE TABLE candle_coverage (
  instrument_id INTEGER NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  from_ms       INTEGER NOT NULL,   -- half-open [from_ms, to_ms): every bar the source had here is cached
  to_ms         INTEGER NOT NULL,
  PRIMARY KEY (instrument_id, from_ms)
) WITHOUT ROWID;
`;
