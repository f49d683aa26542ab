/**
 * How many decimals an instrument's prices carry, read from its candles: the feed gives
 * no exchange metadata (tick size), but every upstream prints prices at the exchange's
 * precision, so the most decimals seen in recent bars is that precision. Fills with
 * slippage (2451.2345678) are then printed as the exchange would show them (2451.23).
 */

/** Never more than this: beyond it, float noise rather than an exchange's tick. */
const MAX_DECIMALS = 8;

/** Decimals of a price as JavaScript prints it shortest (0.1 → 1, 2451.5 → 1, 1e-7 → 7). */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.min(MAX_DECIMALS, Math.max(0, fraction - Number(exp)));
}

/** The most decimals among the bars' prices (0 for no bars). */
export function pricePrecision(bars: ReadonlyArray<{ open: number; high: number; low: number; close: number }>): number {
  let d = 0;
  for (const b of bars) d = Math.max(d, decimalsOf(b.open), decimalsOf(b.high), decimalsOf(b.low), decimalsOf(b.close));
  return d;
}

/** A price at the given precision; unknown precision (null) prints it as it is. */
export function formatPrice(x: number | null, decimals: number | null): string {
  if (x === null || !Number.isFinite(x)) return String(x);
  return decimals === null ? String(x) : x.toFixed(decimals);
}
