/**
 * One message of the WebSocket API, as text or as one binary frame. A message holding
 * typed arrays (candle columns, equity curves) travels as:
 *
 *   bytes 0..2  magic "CTA"        bytes 3     format version
 *   bytes 4..7  length of the JSON (u32, little-endian)
 *   the JSON: { "m": message, "a": [[type, byteOffset, length, path], ...] }, each typed
 *   array in the message replaced by null and found again by its path (the keys and
 *   indices leading to it from the message)
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
export const BINARY_MESSAGE_VERSION = 2;

const MAGIC = [0x43, 0x54, 0x41] as const; // "CTA"
const HEADER_BYTES = 8;
const ALIGN = 8;

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
  // The typed arrays are found by a walk of the message, and the JSON written by the
  // engine's own serializer without a replacer: a replacer is a call into JS for every
  // value, which made a run's answer (thousands of trades) cost 4x its plain JSON.
  const found: Found[] = [];
  const text = JSON.stringify(withArraysOut(message, [], found));
  if (found.length === 0) return text;
  assertLittleEndian();
  const arrays = found.map((f) => f.array);
  // The arrays start after the JSON, whose table holds their offsets: lay them out for a
  // JSON length, encode, and repeat until the encoded JSON ends in the same 8-byte slot.
  const layout = (jsonLength: number): TableEntry[] => {
    let offset = alignUp(HEADER_BYTES + jsonLength);
    return found.map(({ array: a, name, path }) => {
      const entry: TableEntry = [name, offset, a.length, path];
      offset = alignUp(offset + a.byteLength);
      return entry;
    });
  };
  // The message's JSON is encoded on its own and copied in: a string built around it
  // ({"m":...,"a":...}) is a rope that the encoder first flattens, which cost more than
  // the encoding itself on a 3 MB answer.
  const encoder = new TextEncoder();
  const messageBytes = encoder.encode(text);
  const head = encoder.encode('{"m":');
  const envelopeBytes = (t: TableEntry[]): Uint8Array => encoder.encode(`,"a":${JSON.stringify(t)}}`);
  let table = layout(0);
  let tail = envelopeBytes(table);
  let jsonLength = head.length + messageBytes.length + tail.length;
  while (alignUp(HEADER_BYTES + jsonLength) !== table[0][1]) {
    table = layout(jsonLength);
    tail = envelopeBytes(table);
    jsonLength = head.length + messageBytes.length + tail.length;
  }

  const last = table[table.length - 1];
  const total = alignUp(last[1] + arrays[arrays.length - 1].byteLength);
  const out = alloc(total);
  if (out.length !== total) throw new RangeError(`encodeMessage: alloc gave ${out.length} bytes for a ${total}-byte frame`);
  out.set(MAGIC, 0);
  out[3] = BINARY_MESSAGE_VERSION;
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(4, jsonLength, true);
  out.set(head, HEADER_BYTES);
  out.set(messageBytes, HEADER_BYTES + head.length);
  out.set(tail, HEADER_BYTES + head.length + messageBytes.length);
  // The padding is written too (zeros), so a reused buffer gives the same bytes as a new one.
  let end = HEADER_BYTES + jsonLength;
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
  const root = { m: envelope.m };
  envelope.a.forEach((entry: unknown, i) => putBack(root, entry, viewOf(bytes, entry, i), i));
  return root.m;
}

/** A typed array of the message and where it sits: the keys and indices leading to it. */
interface Found {
  readonly array: AnyTypedArray;
  readonly name: TypedArrayName;
  readonly path: (string | number)[];
}

type TableEntry = [TypedArrayName, number, number, (string | number)[]];

/**
 * `value` with every typed array replaced by null, each recorded with its path in
 * `found`. Containers on the way to a typed array are copied (the caller's message is
 * left as it is); everything else is the caller's own objects, serialized as they are.
 */
function withArraysOut(value: unknown, path: (string | number)[], found: Found[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (ArrayBuffer.isView(value)) {
    const name = typedArrayName(value);
    if (name === null) throw new TypeError(`cannot send a ${Object.prototype.toString.call(value).slice(8, -1)} in an API message (typed arrays only)`);
    found.push({ array: value as AnyTypedArray, name, path: [...path] });
    return null;
  }
  // JSON.stringify writes what toJSON returns (a Date's text): nothing of ours inside.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v !== 'object' || v === null) continue;
      path.push(i);
      const out = withArraysOut(v, path, found);
      path.pop();
      if (out !== v) (copy ??= value.slice())[i] = out;
    }
    return copy ?? value;
  }
  const o = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (typeof v !== 'object' || v === null) continue;
    if (k === '__proto__') throw new TypeError('an API message may not hold a "__proto__" key');
    path.push(k);
    const out = withArraysOut(v, path, found);
    path.pop();
    if (out !== v) (copy ??= { ...o })[k] = out;
  }
  return copy ?? o;
}

/** Puts view `i` where table entry `entry` says the encoder took it out (a null there). */
function putBack(root: { m: unknown }, entry: unknown, view: AnyTypedArray, i: number): void {
  const path = (entry as unknown[])[3];
  const bad = (why: string): never => {
    throw new BinaryMessageError(`binary message: array ${i} ${why}`);
  };
  if (!Array.isArray(path)) bad('has no path');
  let at: unknown = root;
  let key: string | number = 'm';
  for (const step of path as unknown[]) {
    at = (at as Record<string | number, unknown>)[key];
    if (typeof at !== 'object' || at === null) bad(`has a path through ${JSON.stringify(key)}, which is not an object`);
    if (!(typeof step === 'string' || (typeof step === 'number' && Number.isInteger(step)))) bad('has a path with a step that is not a key');
    key = step as string | number;
  }
  const holder = at as Record<string | number, unknown>;
  if (key === '__proto__' || !Object.hasOwn(holder, key) || holder[key] !== null) bad(`has a path to ${JSON.stringify(key)}, where the message holds no placeholder`);
  holder[key] = view;
}

function viewOf(bytes: Uint8Array, entry: unknown, index: number): AnyTypedArray {
  if (!Array.isArray(entry) || entry.length !== 4) throw new BinaryMessageError(`binary message: array ${index} is not [type, offset, length, path]`);
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
