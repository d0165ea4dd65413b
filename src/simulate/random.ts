/**
 * The simulation's only source of chance: a small seeded PRNG (mulberry32), so that the same
 * `--seed` gives the same simulated year.
 */
export interface Rng {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** A number in [lo, hi). */
  between(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** One of `items`, each as likely as its weight. */
  weighted<T>(items: readonly { weight: number; value: T }[]): T;
  /** A new generator derived from this one's seed and `salt` (independent of how much this one was used). */
  fork(salt: number): Rng;
}

export function createRng(seed: number): Rng {
  const origin = seed >>> 0;
  let a = origin;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    between: (lo, hi) => lo + next() * (hi - lo),
    pick: (xs) => {
      if (xs.length === 0) throw new RangeError('pick from an empty list');
      return xs[Math.floor(next() * xs.length)]!;
    },
    chance: (p) => next() < p,
    weighted(items) {
      const total = items.reduce((s, i) => s + i.weight, 0);
      if (!(total > 0)) throw new RangeError('weights must add up to more than 0');
      let x = next() * total;
      for (const item of items) {
        x -= item.weight;
        if (x < 0) return item.value;
      }
      return items[items.length - 1]!.value;
    },
    fork: (salt) =>
      createRng((Math.imul(origin ^ 0x9e3779b9, 31) + Math.imul(salt, 0x85ebca6b)) >>> 0),
  };
}
