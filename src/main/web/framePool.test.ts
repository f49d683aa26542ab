import { describe, expect, it } from 'vitest';
import { FramePool } from './framePool';

describe('FramePool', () => {
  it('lends a large frame the buffer of one already written, never one still in flight', () => {
    const pool = new FramePool(1024, 2);
    const first = pool.take(4000);
    const second = pool.take(4000);
    expect(second.buffer).not.toBe(first.buffer);
    pool.release(first);
    const third = pool.take(3900);
    expect(third.buffer).toBe(first.buffer);
    expect(third.length).toBe(3900);
    // Too large for what is idle: a new buffer.
    pool.release(second);
    expect(pool.take(9000).buffer).not.toBe(second.buffer);
  });

  it('keeps small frames out and holds at most `keep` buffers', () => {
    const pool = new FramePool(1024, 1);
    const small = pool.take(100);
    pool.release(small);
    expect(pool.idle).toBe(0);
    const a = pool.take(2000), b = pool.take(2000);
    pool.release(a);
    pool.release(b);
    pool.release(a);
    expect(pool.idle).toBe(1);
  });
});
