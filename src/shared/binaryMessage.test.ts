import { describe, expect, it } from 'vitest';
import { BINARY_MESSAGE_VERSION, BinaryMessageError, decodeMessage, encodeMessage } from './binaryMessage';

/** A result shaped like the API's: nested objects, several typed arrays, NaN inside and outside them. */
function nestedResult() {
  const n = 1001; // odd lengths: the next array must still start 8-aligned
  const time = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 60_000);
  const close = Float64Array.from({ length: n }, (_, i) => 30_000 + Math.sin(i) * 100);
  close[5] = NaN;
  close[6] = Infinity;
  return {
    type: 'result',
    id: 7,
    result: {
      source: 'sample:BTCUSDT_1m',
      columns: { time, close, flags: Uint8Array.from([1, 0, 1]) },
      runs: [{ equity: new Float64Array([10_000, 10_001.5, -0]), stats: { sharpe: NaN, trades: 3 } }],
      shortInts: new Int16Array([-3, 4, 5]),
      empty: new Float64Array(0),
      label: 'ünïcode ✓',
    },
  };
}

describe('binary API messages', () => {
  it('a message without typed arrays stays JSON text, NaN as null', () => {
    const out = encodeMessage({ type: 'result', id: 1, result: { a: [1, 2], b: NaN } });
    expect(typeof out).toBe('string');
    expect(decodeMessage(out as string)).toEqual({ type: 'result', id: 1, result: { a: [1, 2], b: null } });
  });

  it('round-trips a nested result with several typed arrays, keeping their types and exact values', () => {
    const sent = nestedResult();
    const frame = encodeMessage(sent);
    expect(frame).toBeInstanceOf(Uint8Array);
    const got = decodeMessage(frame as Uint8Array) as ReturnType<typeof nestedResult>;
    const r = got.result;
    expect(r.columns.time).toBeInstanceOf(Float64Array);
    expect(Array.from(r.columns.time)).toEqual(Array.from(sent.result.columns.time));
    expect(Object.is(r.columns.close[5], NaN)).toBe(true);
    expect(r.columns.close[6]).toBe(Infinity);
    expect(Array.from(r.columns.close)).toEqual(Array.from(sent.result.columns.close));
    expect(r.columns.flags).toBeInstanceOf(Uint8Array);
    expect(Array.from(r.columns.flags)).toEqual([1, 0, 1]);
    expect(Object.is(r.runs[0].equity[2], -0)).toBe(true);
    expect(r.runs[0].stats).toEqual({ sharpe: null, trades: 3 });
    expect(r.shortInts).toBeInstanceOf(Int16Array);
    expect(Array.from(r.shortInts)).toEqual([-3, 4, 5]);
    expect(r.empty).toBeInstanceOf(Float64Array);
    expect(r.empty.length).toBe(0);
    expect(r.label).toBe('ünïcode ✓');
    expect(got.id).toBe(7);
  });

  it('writes every byte of a frame it is lent: a reused, dirty buffer gives the same bytes as a new one', () => {
    const fresh = encodeMessage(nestedResult()) as Uint8Array;
    const dirty = new Uint8Array(fresh.length + 64).fill(0xab);
    const lent = encodeMessage(nestedResult(), (n) => dirty.subarray(0, n)) as Uint8Array;
    expect(lent.buffer).toBe(dirty.buffer);
    expect(Buffer.from(lent).equals(Buffer.from(fresh))).toBe(true);
    expect(() => encodeMessage(nestedResult(), (n) => new Uint8Array(n - 8))).toThrow(/alloc gave/);
  });

  it('hands back views over the frame, without copying, when the frame is 8-aligned', () => {
    const frame = encodeMessage(nestedResult()) as Uint8Array;
    const buffer = frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
    const got = decodeMessage(buffer) as ReturnType<typeof nestedResult>;
    expect(got.result.columns.time.buffer).toBe(buffer);
    expect(got.result.columns.time.byteOffset % 8).toBe(0);
  });

  it('reads a frame lying at an odd offset of its buffer (a Node Buffer from a pool)', () => {
    const frame = encodeMessage(nestedResult()) as Uint8Array;
    const shifted = new Uint8Array(frame.length + 3);
    shifted.set(frame, 3);
    const got = decodeMessage(shifted.subarray(3)) as ReturnType<typeof nestedResult>;
    expect(Array.from(got.result.columns.time)).toEqual(Array.from(nestedResult().result.columns.time));
  });

  it('keeps a typed array that is a view into a larger buffer to its own elements', () => {
    const big = Float64Array.from([1, 2, 3, 4, 5]);
    const got = decodeMessage(encodeMessage({ v: big.subarray(1, 3) }) as Uint8Array) as { v: Float64Array };
    expect(Array.from(got.v)).toEqual([2, 3]);
  });

  it('refuses a frame of another format version by naming both versions', () => {
    const frame = (encodeMessage(nestedResult()) as Uint8Array).slice();
    frame[3] = BINARY_MESSAGE_VERSION + 1;
    expect(() => decodeMessage(frame)).toThrow(BinaryMessageError);
    expect(() => decodeMessage(frame)).toThrow(`format version ${BINARY_MESSAGE_VERSION + 1}, this side reads version ${BINARY_MESSAGE_VERSION}`);
  });

  it('refuses bytes that are not one of its frames, and a truncated frame, with a clear error', () => {
    expect(() => decodeMessage(new TextEncoder().encode('hello world'))).toThrow(/not a workstation API frame/);
    const frame = encodeMessage(nestedResult()) as Uint8Array;
    expect(() => decodeMessage(frame.slice(0, frame.length - 16))).toThrow(/truncated/);
    expect(() => decodeMessage(frame.slice(0, 12))).toThrow(/truncated/);
  });

  it('refuses to send what it could not bring back (DataView, an object using the reference key)', () => {
    expect(() => encodeMessage({ d: new DataView(new ArrayBuffer(8)) })).toThrow(/DataView/);
    expect(() => encodeMessage({ x: { $ta: 0 } })).toThrow(/\$ta/);
  });
});
