/**
 * Fixed-size windows over a live stream, kept in preallocated Float64Array columns so a
 * fast feed never allocates per update (uPlot's streaming pattern: same arrays, new
 * contents, one redraw per animation frame). Column 0 is x (epoch seconds, uPlot's time
 * unit), ascending. An update at the last x replaces that row in place (the forming
 * candle, or the same bar closing); a later x appends, and once the window is full every
 * column shifts left by one (copyWithin: a memmove, no new array), dropping the oldest.
 */
import type { CandleColumnsPayload, LiveCandleEvent } from '../../../shared/apiTypes';
import type { ChartCandles } from '../charts/chartData';

export class StreamWindow {
  readonly capacity: number;
  /** Full-capacity columns; rows [0, length) are filled. Column 0 is x. */
  readonly columns: readonly Float64Array[];
  length = 0;
  /** Bumped on every change: a redraw loop compares it to what it drew last. */
  version = 0;
  private viewsFor = -1;
  private viewCache: Float64Array[] = [];

  constructor(capacity: number, columnCount: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new Error(`a stream window needs a capacity of at least 2 (got ${capacity})`);
    this.capacity = capacity;
    this.columns = Array.from({ length: columnCount }, () => new Float64Array(capacity));
  }

  /** The last x, or NaN when empty. */
  get lastX(): number {
    return this.length > 0 ? this.columns[0][this.length - 1] : NaN;
  }

  /**
   * The row to write the values of `x` into: the last row when x equals its x, a new
   * row at the end when x is later (shifting out the oldest when full), -1 when x is
   * older than the last row (a stale update: ignored, the window stays ordered).
   */
  slot(x: number): number {
    const n = this.length;
    if (n > 0) {
      const last = this.columns[0][n - 1];
      if (x === last) {
        this.version++;
        return n - 1;
      }
      if (x < last || Number.isNaN(x)) return -1;
    }
    this.version++;
    if (n < this.capacity) {
      this.columns[0][n] = x;
      this.length = n + 1;
      return n;
    }
    for (const col of this.columns) col.copyWithin(0, 1);
    this.columns[0][n - 1] = x;
    return n - 1;
  }

  clear(): void {
    this.length = 0;
    this.version++;
  }

  /**
   * The filled rows as subarray views of the preallocated columns. Views share memory
   * with the window; they are made again only when the length changed (while filling),
   * so a full window hands out the same objects every frame.
   */
  views(): readonly Float64Array[] {
    if (this.viewsFor !== this.length) {
      this.viewCache = this.columns.map((c) => c.subarray(0, this.length));
      this.viewsFor = this.length;
    }
    return this.viewCache;
  }
}

// Column indices of a candle row (x is column 0).
const O = 1, H = 2, L = 3, C = 4, V = 5;

/** The last bars of one instrument: closed bars plus, at the end, the forming one. */
export class CandleWindow {
  readonly rows: StreamWindow;
  /** False while the last row is a forming (unclosed) candle. */
  lastClosed = true;
  private readonly chart: ChartCandles;

  constructor(capacity: number, source = 'live') {
    this.rows = new StreamWindow(capacity, 6);
    const [x, open, high, low, close, volume] = this.rows.columns;
    this.chart = { source, x, open, high, low, close, volume };
  }

  get length(): number {
    return this.rows.length;
  }

  get version(): number {
    return this.rows.version;
  }

  /** Close of the last row (forming or closed), NaN when empty. */
  get lastClose(): number {
    return this.rows.length > 0 ? this.rows.columns[C][this.rows.length - 1] : NaN;
  }

  /**
   * Applies one feed update. A forming update never overwrites the closed bar of the
   * same time (a late duplicate); a closed bar replaces the forming one of its time.
   * Returns false when the update was ignored.
   */
  apply(c: LiveCandleEvent): boolean {
    const x = c.time / 1000;
    if (!c.closed && this.lastClosed && x === this.rows.lastX) return false;
    const i = this.rows.slot(x);
    if (i < 0) return false;
    const col = this.rows.columns;
    col[O][i] = c.open;
    col[H][i] = c.high;
    col[L][i] = c.low;
    col[C][i] = c.close;
    col[V][i] = c.volume;
    this.lastClosed = c.closed;
    return true;
  }

  /** Replaces the contents with stored closed bars (oldest first), keeping the last `capacity`. */
  seed(p: CandleColumnsPayload): void {
    this.rows.clear();
    this.lastClosed = true;
    const col = this.rows.columns;
    for (let k = Math.max(0, p.time.length - this.rows.capacity); k < p.time.length; k++) {
      const i = this.rows.slot(p.time[k] / 1000);
      if (i < 0) continue;
      col[O][i] = p.open[k];
      col[H][i] = p.high[k];
      col[L][i] = p.low[k];
      col[C][i] = p.close[k];
      col[V][i] = p.volume[k];
    }
  }

  /**
   * The filled rows as the candle chart's input. The same object every call, its
   * columns pointed at the current views (the candle plugin reads it at draw time).
   */
  chartCandles(): ChartCandles {
    const [x, open, high, low, close, volume] = this.rows.views();
    const c = this.chart;
    c.x = x; c.open = open; c.high = high; c.low = low; c.close = close; c.volume = volume;
    return c;
  }

  /** Lowest low and highest high of the window ([NaN, NaN] when empty). */
  priceRange(): [number, number] {
    const n = this.rows.length;
    const hi = this.rows.columns[H], lo = this.rows.columns[L];
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (lo[i] < min) min = lo[i];
      if (hi[i] > max) max = hi[i];
    }
    return n > 0 ? [min, max] : [NaN, NaN];
  }
}

/** One value per x (e.g. a session's equity per bar): the last `capacity` points. */
export class SeriesWindow {
  readonly rows: StreamWindow;

  constructor(capacity: number) {
    this.rows = new StreamWindow(capacity, 2);
  }

  /** Sets the value at time `ms` (replacing the value of the same time); false when older than the last. */
  push(ms: number, value: number): boolean {
    const i = this.rows.slot(ms / 1000);
    if (i < 0) return false;
    this.rows.columns[1][i] = value;
    return true;
  }

  get length(): number {
    return this.rows.length;
  }

  get version(): number {
    return this.rows.version;
  }

  /** Lowest and highest value ([NaN, NaN] when empty). */
  valueRange(): [number, number] {
    const n = this.rows.length;
    const v = this.rows.columns[1];
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (v[i] < min) min = v[i];
      if (v[i] > max) max = v[i];
    }
    return n > 0 ? [min, max] : [NaN, NaN];
  }
}
