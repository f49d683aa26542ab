/**
 * Test support for the indicator tests (not used by production code): deterministic
 * synthetic bars that hit the awkward cases real data rarely shows together (flat
 * stretches, high = low bars, equal highs, zero volume), and a series comparison that
 * names the first bad bar. Pure so it passes the engine's purity rule.
 */

export interface Bars {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly length: number;
}

/** Mulberry32: a tiny seeded PRNG, so every run sees the same bars. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random walk of `n` bars around `level` with relative step `vol`. About 5% of bars
 * repeat the previous close, 3% are flat (high = low = close), 5% have zero volume,
 * and bars 100..139 form a completely flat stretch with zero volume.
 */
export function syntheticBars(n: number, seed = 1, level = 100, vol = 0.01): Bars {
  const rnd = seededRandom(seed);
  const high = new Float64Array(n), low = new Float64Array(n), close = new Float64Array(n), volume = new Float64Array(n);
  let price = level;
  for (let i = 0; i < n; i++) {
    const flatStretch = i >= 100 && i < 140;
    const r = rnd();
    if (!flatStretch && r > 0.05) price *= 1 + (rnd() - 0.5) * 2 * vol;
    const flatBar = flatStretch || rnd() < 0.03;
    close[i] = price;
    high[i] = flatBar ? price : price * (1 + rnd() * vol);
    low[i] = flatBar ? price : price * (1 - rnd() * vol);
    volume[i] = flatStretch || rnd() < 0.05 ? 0 : Math.round(rnd() * 1000 * 100) / 100;
  }
  return { high, low, close, volume, length: n };
}

/**
 * Throws unless `actual` equals `expected` bar by bar: NaN exactly where expected is NaN,
 * elsewhere within `rel` relative error (absolute for |expected| < 1). Returns how many
 * defined values it compared, so callers can assert the check was not vacuous.
 */
export function assertSeriesClose(label: string, actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-9): number {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  }
  let compared = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i], e = expected[i];
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) throw new Error(`${label}[${i}]: got ${a}, expected ${e}`);
      continue;
    }
    const err = Math.abs(a - e) / Math.max(Math.abs(e), 1);
    if (!(err <= rel)) throw new Error(`${label}[${i}]: got ${a}, expected ${e} (error ${err})`);
    compared++;
  }
  return compared;
}

/**
 * The EMA written as its closed form (no recursion): with a = 2/(p+1) and the seed
 * m = mean(x[0..p-1]) at bar p-1, ema[i] = (1-a)^(i-p+1)·m + Σ_{j=p..i} a·(1-a)^(i-j)·x[j].
 */
export function closedFormEma(x: ArrayLike<number>, period: number): Float64Array {
  const a = 2 / (period + 1);
  const out = new Float64Array(x.length).fill(NaN);
  if (x.length < period) return out;
  let seed = 0;
  for (let j = 0; j < period; j++) seed += x[j];
  seed /= period;
  for (let i = period - 1; i < x.length; i++) {
    let v = (1 - a) ** (i - period + 1) * seed;
    for (let j = period; j <= i; j++) v += a * (1 - a) ** (i - j) * x[j];
    out[i] = v;
  }
  return out;
}
