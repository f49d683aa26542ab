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

  it('refuses to send what it could not bring back (a DataView)', () => {
    expect(() => encodeMessage({ d: new DataView(new ArrayBuffer(8)) })).toThrow(/DataView/);
  });

  it('carries any plain data as it is, even an object shaped like its own bookkeeping', () => {
    const sent = { x: { $ta: 0 }, a: [null, { m: null, a: [] }], v: new Float64Array([1, 2]) };
    const got = decodeMessage(encodeMessage(sent) as Uint8Array) as typeof sent;
    expect(got.x).toEqual({ $ta: 0 });
    expect(got.a).toEqual([null, { m: null, a: [] }]);
    expect(Array.from(got.v)).toEqual([1, 2]);
  });

  it('puts typed arrays back inside arrays of arrays, and the same array twice in both places', () => {
    const shared = new Int32Array([7, 8]);
    const sent = { grid: [[new Float64Array([1]), 'x'], [shared, shared]], top: shared };
    const got = decodeMessage(encodeMessage(sent) as Uint8Array) as { grid: [[Float64Array, string], [Int32Array, Int32Array]]; top: Int32Array };
    expect(Array.from(got.grid[0][0])).toEqual([1]);
    expect(got.grid[0][1]).toBe('x');
    expect(Array.from(got.grid[1][0])).toEqual([7, 8]);
    expect(Array.from(got.grid[1][1])).toEqual([7, 8]);
    expect(Array.from(got.top)).toEqual([7, 8]);
  });

  it('leaves the message it was given unchanged (the containers it rewrites are copies)', () => {
    const equity = new Float64Array([1, 2, 3]);
    const trades = [{ pnl: 1 }];
    const sent = { result: { equity, trades } };
    encodeMessage(sent);
    expect(sent.result.equity).toBe(equity);
    expect(sent.result.trades).toBe(trades);
  });

  it('a typed array as the whole message comes back as one', () => {
    const got = decodeMessage(encodeMessage(new Uint16Array([3, 4])) as Uint8Array);
    expect(got).toBeInstanceOf(Uint16Array);
    expect(Array.from(got as Uint16Array)).toEqual([3, 4]);
  });

  it('refuses a frame whose table points anywhere but at a placeholder (prototype keys included)', () => {
    // "protoLike" and "__proto__" have the same length, so the arrays stay where they are.
    const frame = encodeMessage({ a: { b: new Float64Array([1]), protoLike: new Float64Array([2]) } }) as Uint8Array;
    const jsonLength = new DataView(frame.buffer, frame.byteOffset).getUint32(4, true);
    const json = new TextDecoder().decode(frame.subarray(8, 8 + jsonLength));
    const tamper = (...swaps: [string, string][]): Uint8Array => {
      let changed = json;
      for (const [from, to] of swaps) {
        expect(from.length).toBe(to.length);
        expect(changed.includes(from)).toBe(true);
        changed = changed.split(from).join(to);
      }
      const out = frame.slice();
      out.set(new TextEncoder().encode(changed), 8);
      return out;
    };
    expect(Array.from((decodeMessage(tamper()) as { a: { protoLike: Float64Array } }).a.protoLike)).toEqual([2]);
    expect(() => decodeMessage(tamper(['["a","b"]', '["a","c"]']))).toThrow(/no placeholder/);
    expect(() => decodeMessage(tamper(['["a","b"]', '["z","b"]']))).toThrow(/not an object/);
    expect(() => decodeMessage(tamper(['{"b":null', '{"b":7777']))).toThrow(/no placeholder/);
    expect(() => decodeMessage(tamper(['protoLike', '__proto__']))).toThrow(/no placeholder/);
    expect(() => decodeMessage(tamper(['["a","protoLike"]', '["a","__proto__"]']))).toThrow(/no placeholder/);
    expect(({} as Record<string, unknown>).b).toBeUndefined();
  });
});
