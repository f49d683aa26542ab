/**
 * One message of the WebSocket API, as text or as one binary frame. A message holding
 * typed arrays (candle columns, equity curves) travels as:
 *
 *   bytes 0..2  magic "CTA"        bytes 3     format version
 *   bytes 4..7  length of the JSON (u32, little-endian)
 *   the JSON: { "m": message, "a": [[type, byteOffset, length], ...] }, each typed array in
 *   the message replaced by { "$ta": its index in "a" }
 *   zero padding, then each array's bytes at an offset that is a multiple of 8
 *
 * so the receiver makes views over the frame (no copy, no per-number parsing) and a
 * 130,708-bar candle set weighs its 6.3 MB of doubles instead of ~8 MB of JSON text that
 * must then be converted again. Messages without typed arrays stay JSON text. Both sides
 * (server, browser client, the tests' client) use this one pair of functions.
 *
 * JSON has no NaN or Infinity: outside typed arrays they travel as null, as they always
 * did; inside typed arrays they keep their exact bits.
 */

/** Bumped whenever the layout above changes; a peer of another version is refused by name. */
export const BINARY_MESSAGE_VERSION = 1;

const MAGIC = [0x43, 0x54, 0x41] as const; // "CTA"
const HEADER_BYTES = 8;
const ALIGN = 8;
/** The key of a reference to a typed array inside a binary message's JSON. */
const REF_KEY = '$ta';

const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

/** A binary message this build cannot read (other version, truncated, not ours). */
export class BinaryMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BinaryMessageError';
  }
}

/**
 * JSON text when the message holds no typed array, else one binary frame. `alloc` gives
 * the frame's bytes (any content: every byte is written); a sender of large frames lends
 * reused memory through it instead of a new buffer per frame.
 */
export function encodeMessage(message: unknown, alloc: (bytes: number) => Uint8Array = (n) => new Uint8Array(n)): string | Uint8Array {
  const arrays: AnyTypedArray[] = [];
  const text = JSON.stringify(message, (_key, value: unknown) => {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value !== 'object' || value === null) return value;
    if (ArrayBuffer.isView(value)) {
      if (typedArrayName(value) === null) throw new TypeError(`cannot send a ${Object.prototype.toString.call(value).slice(8, -1)} in an API message (typed arrays only)`);
      arrays.push(value as AnyTypedArray);
      return { [REF_KEY]: arrays.length - 1 };
    }
    if (Object.hasOwn(value, REF_KEY)) throw new TypeError(`an API message may not hold an object with a "${REF_KEY}" key (it marks typed arrays in binary frames)`);
    return value;
  });
  if (arrays.length === 0) return text;
  assertLittleEndian();

  // The arrays start after the JSON, whose table holds their offsets: lay them out for a
  // JSON length, encode, and repeat until the encoded JSON ends in the same 8-byte slot.
  const names = arrays.map((a) => typedArrayName(a) as TypedArrayName);
  const layout = (jsonLength: number): [TypedArrayName, number, number][] => {
    let offset = alignUp(HEADER_BYTES + jsonLength);
    return arrays.map((a, i) => {
      const entry: [TypedArrayName, number, number] = [names[i], offset, a.length];
      offset = alignUp(offset + a.byteLength);
      return entry;
    });
  };
  const encoder = new TextEncoder();
  let table = layout(0);
  let jsonBytes = encoder.encode(`{"m":${text},"a":${JSON.stringify(table)}}`);
  while (alignUp(HEADER_BYTES + jsonBytes.length) !== table[0][1]) {
    table = layout(jsonBytes.length);
    jsonBytes = encoder.encode(`{"m":${text},"a":${JSON.stringify(table)}}`);
  }

  const last = table[table.length - 1];
  const total = alignUp(last[1] + arrays[arrays.length - 1].byteLength);
  const out = alloc(total);
  if (out.length !== total) throw new RangeError(`encodeMessage: alloc gave ${out.length} bytes for a ${total}-byte frame`);
  out.set(MAGIC, 0);
  out[3] = BINARY_MESSAGE_VERSION;
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(4, jsonBytes.length, true);
  out.set(jsonBytes, HEADER_BYTES);
  // The padding is written too (zeros), so a reused buffer gives the same bytes as a new one.
  let end = HEADER_BYTES + jsonBytes.length;
  arrays.forEach((a, i) => {
    const at = table[i][1];
    out.fill(0, end, at);
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    end = at + a.byteLength;
  });
  out.fill(0, end, total);
  return out;
}

/**
 * The message a text or binary frame carries. Typed arrays come back as views over the
 * frame's bytes when it is 8-aligned in its buffer (a browser's ArrayBuffer), else over
 * one copy of it (a Node Buffer from a shared pool).
 */
export function decodeMessage(data: string | ArrayBufferLike | ArrayBufferView): unknown {
  if (typeof data === 'string') return JSON.parse(data) as unknown;
  let bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new BinaryMessageError('binary message is not a workstation API frame (no "CTA" header)');
  }
  if (bytes[3] !== BINARY_MESSAGE_VERSION) {
    throw new BinaryMessageError(`binary message has format version ${bytes[3]}, this side reads version ${BINARY_MESSAGE_VERSION} (client and server are from different builds: reload the page)`);
  }
  assertLittleEndian();
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (HEADER_BYTES + jsonLength > bytes.length) throw new BinaryMessageError(`binary message is truncated: its JSON needs ${jsonLength} bytes, ${bytes.length - HEADER_BYTES} follow the header`);
  if (bytes.byteOffset % ALIGN !== 0) bytes = bytes.slice();

  const envelope = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength))) as { m?: unknown; a?: unknown };
  if (!Array.isArray(envelope.a)) throw new BinaryMessageError('binary message has no array table');
  const views = envelope.a.map((entry: unknown, i) => viewOf(bytes, entry, i));
  return revive(envelope.m, views);
}

function viewOf(bytes: Uint8Array, entry: unknown, index: number): AnyTypedArray {
  if (!Array.isArray(entry) || entry.length !== 3) throw new BinaryMessageError(`binary message: array ${index} is not [type, offset, length]`);
  const [name, offset, length] = entry as unknown[];
  const Ctor = typeof name === 'string' && Object.hasOwn(TYPED_ARRAYS, name) ? TYPED_ARRAYS[name as TypedArrayName] : null;
  if (!Ctor) throw new BinaryMessageError(`binary message: array ${index} has unknown type ${JSON.stringify(name)}`);
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || (offset as number) % ALIGN !== 0 || (length as number) < 0) {
    throw new BinaryMessageError(`binary message: array ${index} has a bad offset or length`);
  }
  const end = (offset as number) + (length as number) * Ctor.BYTES_PER_ELEMENT;
  if (end > bytes.length) throw new BinaryMessageError(`binary message is truncated: array ${index} ends at byte ${end} of ${bytes.length}`);
  return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + (offset as number), length as number);
}

/** Puts the views back where the encoder found the arrays (in place: the envelope is ours). */
function revive(value: unknown, views: readonly AnyTypedArray[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], views);
    return value;
  }
  const o = value as Record<string, unknown>;
  if (Object.hasOwn(o, REF_KEY)) {
    const i = o[REF_KEY];
    if (typeof i !== 'number' || !(i >= 0 && i < views.length)) throw new BinaryMessageError(`binary message refers to array ${String(i)}, it has ${views.length}`);
    return views[i];
  }
  for (const k of Object.keys(o)) o[k] = revive(o[k], views);
  return o;
}

function typedArrayName(v: ArrayBufferView): TypedArrayName | null {
  const tag = (v as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  return typeof tag === 'string' && Object.hasOwn(TYPED_ARRAYS, tag) ? (tag as TypedArrayName) : null;
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

/** The arrays' bytes are sent as they lie in memory: both ends must agree on byte order. */
function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new BinaryMessageError('binary API messages need a little-endian machine');
}
