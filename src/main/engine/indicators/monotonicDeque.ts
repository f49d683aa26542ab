/**
 * Sliding-window maximum (or minimum) in amortised O(1) per bar: a monotonic deque of
 * (bar number, value) kept in fixed typed arrays, so nothing is allocated per update.
 * The ring's size is a power of two so wrapping is a mask, not a branch. A minimum is a
 * maximum of negated values (`sign = -1`), which keeps one code path.
 */
export class MonotonicDeque {
  private readonly times: Float64Array;
  private readonly vals: Float64Array;
  private readonly mask: number;
  private head = 0;
  private size = 0;

  constructor(
    private readonly window: number,
    private readonly sign: 1 | -1,
  ) {
    // The deque never holds more than `window` entries.
    let cap = 1;
    while (cap < window) cap *= 2;
    this.mask = cap - 1;
    this.times = new Float64Array(cap);
    this.vals = new Float64Array(cap);
  }

  /** Adds `value` observed at bar number `t` (strictly increasing) and returns the extreme of the last `window` bars. */
  push(t: number, value: number): number {
    const mask = this.mask;
    const times = this.times;
    const vals = this.vals;
    const v = this.sign * value;
    let head = this.head;
    let size = this.size;
    // Drop bars that left the window.
    const oldest = t - this.window;
    while (size > 0 && times[head] <= oldest) {
      head = (head + 1) & mask;
      size--;
    }
    // Drop bars that can never be the extreme again.
    while (size > 0 && vals[(head + size - 1) & mask] <= v) size--;
    const slot = (head + size) & mask;
    times[slot] = t;
    vals[slot] = v;
    this.head = head;
    this.size = size + 1;
    return this.sign * vals[head];
  }

  reset(): void {
    this.head = 0;
    this.size = 0;
  }
}
