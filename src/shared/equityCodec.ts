/**
 * A run's equity curve coded against the closes of the candles it ran on, losslessly.
 *
 * While a position is open, equity moves by (position size) × (change of the close), so
 * the value at a bar is predicted from the one before and the slope seen at the last bar
 * where the close moved; with no position the slope is 0 and the prediction is the value
 * before. Each value is stored as the XOR of its bits with its prediction's bits, without
 * that XOR's leading zero bytes: an exact prediction costs half a byte (its length nibble),
 * a near one two or three bytes. On the bundled 1m sample the rsi strategy's 1.05 MB of
 * equity codes to ~0.1 MB, sma_cross's (always in a position) to ~0.2 MB; plain XOR with
 * the previous value only reached 0.43 and 0.82.
 *
 * The renderer holds a run's candles anyway (it charts them), so the run it just asked
 * for can come without its equity's full weight (issue 13: a run's answer is most of the
 * bytes between Run and the painted chart). Whatever the prediction, the XOR is exact:
 * the coding only needs both sides to compute the same predictions, which IEEE doubles
 * do (JS has no fused multiply-add). Predictions are kept finite, so no NaN's bit pattern
 * (which differs between CPUs) ever enters them. A checksum of the equity's bits rides
 * along, so decoding against other closes (candles changed since) fails loudly instead of
 * charting a wrong curve.
 *
 * Layout: u32 count, u32 checksum, count length nibbles (two per byte, low nibble first),
 * then each value's significant XOR bytes, least significant first.
 */

export class EquityCodingError extends Error {
  override name = 'EquityCodingError';
}

const HEADER_BYTES = 8;
/** encodeEquity's working memory (the result is copied out of it). */
let scratch = new Uint8Array(0);

/** `equity` coded against `close` (the same bars, index for index). */
export function encodeEquity(equity: Float64Array, close: Float64Array): Uint8Array {
  const n = equity.length;
  if (close.length < n) throw new EquityCodingError(`equity has ${n} values but only ${close.length} closes`);
  const eBits = new Uint32Array(equity.buffer, equity.byteOffset, n * 2);
  // Worst case: every XOR uses all 8 bytes. Written into memory kept between calls: a new
  // megabyte per run would cost more to touch (fresh pages) than the coding itself.
  const worst = HEADER_BYTES + ((n + 1) >> 1) + n * 8;
  if (scratch.length < worst) scratch = new Uint8Array(worst);
  const out = scratch;
  const view = new DataView(out.buffer);
  view.setUint32(0, n, true);
  view.setUint32(4, checksum(eBits), true);
  let nib = HEADER_BYTES;
  let pos = HEADER_BYTES + ((n + 1) >> 1);
  const predictor = new Predictor(close);
  const bits = new Uint32Array(predictor.scratch.buffer);
  for (let i = 0; i < n; i++) {
    predictor.scratch[0] = predictor.predict(i);
    const lo = (eBits[2 * i] ^ bits[0]) >>> 0;
    const hi = (eBits[2 * i + 1] ^ bits[1]) >>> 0;
    const len = significantBytes(lo, hi);
    if (i & 1) out[nib++] |= len << 4;
    else out[nib] = len;
    for (let b = 0; b < len; b++) out[pos++] = (b < 4 ? lo >>> (8 * b) : hi >>> (8 * (b - 4))) & 0xff;
    predictor.learn(i, equity[i]);
  }
  return out.slice(0, pos);
}

/** The equity `encodeEquity` coded, given the same closes; throws EquityCodingError when they differ. */
export function decodeEquity(coded: Uint8Array, close: Float64Array): Float64Array {
  if (coded.length < HEADER_BYTES) throw new EquityCodingError('coded equity is shorter than its header');
  const view = new DataView(coded.buffer, coded.byteOffset, coded.byteLength);
  const n = view.getUint32(0, true);
  const sum = view.getUint32(4, true);
  if (close.length < n) throw new EquityCodingError(`coded equity has ${n} values but only ${close.length} closes were given`);
  const equity = new Float64Array(n);
  const eBits = new Uint32Array(equity.buffer);
  let nib = HEADER_BYTES;
  let pos = HEADER_BYTES + ((n + 1) >> 1);
  const predictor = new Predictor(close);
  for (let i = 0; i < n; i++) {
    const len = i & 1 ? coded[nib++] >> 4 : coded[nib] & 0x0f;
    // The prediction goes in place, then the stored bytes flip the bits it got wrong.
    equity[i] = predictor.predict(i);
    if (len !== 0) {
      if (len > 8 || pos + len > coded.length) throw new EquityCodingError(`coded equity is cut short at value ${i}`);
      let lo = 0;
      let hi = 0;
      for (let b = 0; b < len; b++) {
        if (b < 4) lo |= coded[pos++] << (8 * b);
        else hi |= coded[pos++] << (8 * (b - 4));
      }
      eBits[2 * i] ^= lo;
      eBits[2 * i + 1] ^= hi;
    }
    predictor.learn(i, equity[i]);
  }
  if (checksum(eBits) !== sum) throw new EquityCodingError('the equity does not match its checksum: the candles differ from those the run was made on');
  return equity;
}

/** Both sides' prediction, step by step: `predict(i)`, then `learn(i, actual)`. */
class Predictor {
  /** A double's worth of memory for the encoder to read a prediction's bits from. */
  readonly scratch = new Float64Array(1);
  private prev = 0;
  private slope = 0;

  constructor(private readonly close: Float64Array) {}

  /** Always finite: a NaN's bits differ between CPUs, and both sides must agree on every bit. */
  predict(i: number): number {
    const p = i === 0 ? 0 : this.prev + this.slope * (this.close[i] - this.close[i - 1]);
    if (Number.isFinite(p)) return p;
    return Number.isFinite(this.prev) ? this.prev : 0;
  }

  learn(i: number, actual: number): void {
    if (i > 0) {
      const dc = this.close[i] - this.close[i - 1];
      if (dc !== 0) {
        const s = (actual - this.prev) / dc;
        this.slope = Number.isFinite(s) ? s : 0;
      }
    }
    this.prev = actual;
  }
}

/** Bytes of a 64-bit value (lo, hi) up to its highest non-zero byte. */
function significantBytes(lo: number, hi: number): number {
  if (hi !== 0) return 8 - (Math.clz32(hi) >> 3);
  if (lo !== 0) return 4 - (Math.clz32(lo) >> 3);
  return 0;
}

/** FNV-1a over 32-bit words: order-sensitive, cheap, enough to tell other candles from the run's. */
function checksum(words: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return h >>> 0;
}
