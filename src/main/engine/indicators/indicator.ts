/**
 * Streaming indicators: each `update` consumes one bar in O(1) and returns the current
 * value (NaN during warm-up), so the very same object serves a backtest and a live feed.
 *
 * Conventions shared by every indicator in this folder:
 * - one class per file, named after the indicator (`Sma` in sma.ts, `Rsi` in rsi.ts, ...);
 * - `update(...)` returns the primary value; multi-output indicators also expose fields
 *   (e.g. `Macd.signal`, `Bollinger.upper`) valid after the same update;
 * - `value` holds the last primary value, `ready` is true once it is no longer NaN;
 * - `reset()` returns the object to its freshly constructed state;
 * - a ScalarIndicator skips NaN inputs (they do not count toward warm-up), so indicators
 *   chain: `ema.update(rsi.update(close))` starts once the RSI has values. Bar inputs
 *   come from validated candles and are not checked per update.
 */
export interface ScalarIndicator {
  update(x: number): number;
  readonly value: number;
  readonly ready: boolean;
  reset(): void;
}

export interface BarIndicator {
  update(high: number, low: number, close: number, volume: number): number;
  readonly value: number;
  readonly ready: boolean;
  reset(): void;
}
