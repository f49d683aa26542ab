/**
 * Output buffers for large binary WebSocket frames (a run's 1 MB equity curve, a candle
 * set), each lent to one frame until the socket has written it, then reused. A new 1.2 MB
 * buffer per Run answer cost 4-8 ms to fill, most of it the first touch of memory new to the
 * process; a reused one about 0.1 ms. Small frames are not worth keeping.
 */
export class FramePool {
  private readonly free: Uint8Array[] = [];

  constructor(
    /** Frames smaller than this get a buffer of their own. */
    private readonly minBytes = 256 * 1024,
    /** Buffers kept for reuse at most (the rest are left to the GC). */
    private readonly keep = 2,
  ) {}

  /** Exactly `bytes` bytes (old content): a view of a pooled buffer when the frame is large. */
  take(bytes: number): Uint8Array {
    if (bytes < this.minBytes) return new Uint8Array(bytes);
    const k = this.free.findIndex((b) => b.length >= bytes);
    // Some room to spare, so a slightly larger frame next time still fits.
    const buffer = k >= 0 ? this.free.splice(k, 1)[0] : new Uint8Array(Math.ceil(bytes * 1.25));
    return buffer.subarray(0, bytes);
  }

  /** Gives back what take() lent, once the frame written from it has left (the socket's send callback). */
  release(frame: Uint8Array): void {
    if (frame.length < this.minBytes || this.free.length >= this.keep) return;
    if (!this.free.some((b) => b.buffer === frame.buffer)) this.free.push(new Uint8Array(frame.buffer));
  }

  /** Buffers waiting to be lent again. */
  get idle(): number {
    return this.free.length;
  }
}
