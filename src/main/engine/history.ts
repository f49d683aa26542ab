/**
 * The strategy's window on past bars: reads straight from columnar arrays at a cursor,
 * so a backtest shares the candle arrays (no copy) and a live session shares the
 * runner's growing buffers. Bars after the cursor are unreachable: asking for them, or
 * for bars before the first one, gives NaN.
 */
import type { History } from './strategy';

export class ColumnHistory implements History {
  /** Index of the current bar in the arrays (-1 before the first bar). */
  cursor = -1;

  constructor(
    public timeCol: Float64Array,
    public openCol: Float64Array,
    public highCol: Float64Array,
    public lowCol: Float64Array,
    public closeCol: Float64Array,
    public volumeCol: Float64Array,
  ) {}

  get length(): number {
    return this.cursor + 1;
  }

  time(ago: number): number {
    return read(this.timeCol, this.cursor, ago);
  }

  open(ago: number): number {
    return read(this.openCol, this.cursor, ago);
  }

  high(ago: number): number {
    return read(this.highCol, this.cursor, ago);
  }

  low(ago: number): number {
    return read(this.lowCol, this.cursor, ago);
  }

  close(ago: number): number {
    return read(this.closeCol, this.cursor, ago);
  }

  volume(ago: number): number {
    return read(this.volumeCol, this.cursor, ago);
  }
}

function read(col: Float64Array, cursor: number, ago: number): number {
  // `ago` must be a whole number of bars in [0, cursor]; negative means the future.
  if (!(ago >= 0 && ago <= cursor) || (ago | 0) !== ago) return NaN;
  return col[cursor - ago];
}
