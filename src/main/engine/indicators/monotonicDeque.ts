/**
 * Sliding-window maximum (or minimum) in amortised O(1) per bar: a monotonic deque of
 * (bar number, value) kept in fixed typed arrays, so nothing is allocated per update.
 * A minimum is a maximum of negated values (`sign = -1`), which keeps one code path.
 */
export class MonotonicDeque {
  private readonly times: Float64Array;
  private readonly vals: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    private readonly window: number,
    private readonly sign: 1 | -1,
  ) {
    this.times = new Float64Array(window);
    this.vals = new Float64Array(window);
  }

  /** Adds `value` observed at bar number `t` (strictly increasing) and returns the extreme of the last `window` bars. */
  push(t: number, value: number): number {
    const cap = this.window;
    const times = this.times;
    const vals = this.vals;
    const v = this.sign * value;
    let head = this.head;
    let size = this.size;
    // Drop bars that left the window.
    const oldest = t - cap;
    while (size > 0 && times[head] <= oldest) {
      head = head + 1 === cap ? 0 : head + 1;
      size--;
    }
    // Drop bars that can never be the extreme again.
    while (size > 0) {
      let back = head + size - 1;
      if (back >= cap) back -= cap;
      if (vals[back] > v) break;
      size--;
    }
    let slot = head + size;
    if (slot >= cap) slot -= cap;
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
