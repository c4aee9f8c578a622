/**
 * One seeded generator for simulators, test data and benches: the same seed
 * gives the same sequence on every run and every platform, so a failing run
 * can be replayed byte for byte. Not for anything secret.
 */

/** The 32-bit LCG of Numerical Recipes (a = 1664525, c = 1013904223): each call gives the next state, 0 … 2³² − 1. */
export function lcg32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state
  }
}

/** The same sequence scaled to [0, 1), for jitter. */
export function seededUnit(seed: number): () => number {
  const next = lcg32(seed)
  return () => next() / 4294967296
}
