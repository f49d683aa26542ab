/**
 * A small seeded pseudo-random generator for research (random search, Monte Carlo):
 * the same seed gives the same sequence on every machine and in every worker.
 * mulberry32 (32-bit state, period 2^32): fast and statistically adequate for
 * sampling, not for cryptography. The seed is mixed first (splitmix32) so nearby seeds
 * give unrelated sequences.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  let s = mix(seed >>> 0);
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int(n) {
      if (!(n >= 1)) throw new RangeError(`rng.int(n) needs n >= 1 (got ${n})`);
      return Math.floor(next() * n);
    },
  };
}

function mix(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
