/**
 * The standard normal distribution: density, CDF and inverse CDF, accurate to about
 * 1e-15 relative in the body and 1e-12 in the far tails (enough for probabilities
 * printed to a few digits and for the Deflated Sharpe Ratio's quantiles).
 * The CDF goes through erfc: a positive-term series for erf near zero (no cancellation)
 * and a continued fraction for erfc in the tail, so small tail probabilities keep their
 * relative accuracy instead of being 1 − (something close to 1). The inverse starts from
 * Abramowitz & Stegun 26.2.23 (error < 4.5e-4) and polishes with Halley steps on the CDF.
 */

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** Where erfc switches from 1 − erf(series) to the continued fraction. */
const TAIL_FROM = 3;

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x) = P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return 0.5 * erfc(-x / SQRT2);
}

/** Φ⁻¹(p): the x with Φ(x) = p; −∞ at 0, +∞ at 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be a probability in [0, 1] (got ${p})`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Solve in the lower tail, where Φ keeps its relative accuracy; 1 − p is exact for p ≥ 0.5.
  return p < 0.5 ? lowerTailQuantile(p) : -lowerTailQuantile(1 - p);
}

/** The complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < TAIL_FROM) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

/** erf(x) = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term positive. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/**
 * erfc(x) = e^(−x²) / (√π · g) with g = x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …))),
 * evaluated by the modified Lentz method.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let j = 1; j < 500; j++) {
    const a = j / 2;
    d = x + a * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

function lowerTailQuantile(p: number): number {
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 20; i++) {
    const density = normalPdf(x);
    if (density === 0) break;
    const u = (normalCdf(x) - p) / density;
    // Halley: Newton's step corrected for the curvature of Φ (Φ'' = −x φ).
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
