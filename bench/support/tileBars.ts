/**
 * A long series from a real one: the source bars repeated until `bars` long, each copy's
 * times shifted by the source's span so time keeps increasing (prices jump at each seam).
 * How the engine and research benches make their 1,000,000 bars from the 1m sample.
 */
type Column = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

export function tileBars(src: Readonly<Record<Column, ArrayLike<number>>>, bars: number, barMs = 60_000): Record<Column, Float64Array> {
  const m = src.time.length;
  const span = src.time[m - 1] - src.time[0] + barMs;
  const cols = { time: new Float64Array(bars), open: new Float64Array(bars), high: new Float64Array(bars), low: new Float64Array(bars), close: new Float64Array(bars), volume: new Float64Array(bars) };
  for (let i = 0; i < bars; i++) {
    const copy = Math.floor(i / m);
    const k = i - copy * m;
    cols.time[i] = src.time[k] + copy * span;
    cols.open[i] = src.open[k];
    cols.high[i] = src.high[k];
    cols.low[i] = src.low[k];
    cols.close[i] = src.close[k];
    cols.volume[i] = src.volume[k];
  }
  return cols;
}
