/**
 * Counter-based randomness. Every random value of a generator is a hash of (seed, field, event
 * index), never the next output of a stream shared by the rows. Any value can therefore be
 * computed on its own, which is what lets a reader skip unrequested columns, cut batches
 * anywhere and resume at any event without changing a single value.
 * See docs/decisions/generators.md.
 */

export const TWO_32 = 4294967296;
/** 2^-32: multiplying by it is exact, and cheaper than dividing by 2^32. */
export const INV_TWO_32 = 1 / TWO_32;

/** murmur3's 32-bit finalizer: a bijection on 32-bit words with full avalanche. Unsigned. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The key of one random field of one generator. Distinct fields of one seed get distinct keys
 * (fmix32 is a bijection), so their values are independent of each other. Field numbers are
 * part of the data's definition: renumbering one changes that column's values.
 */
export function fieldKey(seed: number, field: number): number {
  const lo = seed | 0;
  const hi = Math.floor(seed / TWO_32) | 0;
  return fmix32(fmix32(fmix32(lo ^ 0x5bd1e995) ^ Math.imul(hi, 0x27d4eb2f)) ^ Math.imul(field + 1, 0x9e3779b1));
}

/**
 * A uniform 32-bit hash of event index `i` (an integer in [0, 2^53)) under a field key. For
 * one key it is a bijection of the low word, so indices below 2^32 never collide.
 */
export function hashAt(key: number, i: number): number {
  const lo = i >>> 0;
  if (i === lo) return fmix32(Math.imul(lo, 0xcc9e2d51) ^ key);
  // Past 2^32 events the high word re-keys the hash; rare enough to keep off the fast path.
  return fmix32(Math.imul(lo, 0xcc9e2d51) ^ fmix32(key ^ Math.imul((i - lo) / TWO_32, 0x1b873593)));
}

/** A hash as a double in [0, 1), in steps of 2^-32. */
export function unitOf(h: number): number {
  return h * INV_TWO_32;
}

/**
 * A hash as an integer in [0, n), n ≥ 1: floor(h × n / 2^32), exact for n < 2^21 (h × n is
 * then exact), always below n. Bias is below n / 2^32.
 */
export function belowOf(h: number, n: number): number {
  return Math.floor(h * n * INV_TWO_32);
}

/**
 * A short stream of draws for one field of one event, for values that need several draws
 * (a string, a pick among recent ids). Seeded from hashAt, so it is still a pure function of
 * (seed, field, event); one instance is reused for every row, so rows allocate nothing.
 */
export class EventRandom {
  private a = 0;
  private b = 0;

  /** Starts the draws of field `key` for event `i`. */
  reset(key: number, i: number): this {
    this.a = hashAt(key, i) | 0;
    // A second word from the index keeps two events whose first words happen to lie on the
    // same Weyl sequence from producing shifted copies of each other's draws.
    this.b = Math.imul(i | 0, 0x2545f491) ^ key;
    return this;
  }

  /** The next uniform 32-bit draw (unsigned). */
  next(): number {
    this.a = (this.a + 0x9e3779b9) | 0;
    return fmix32(this.a ^ this.b);
  }

  /** An integer in [0, n), n ≥ 1. */
  below(n: number): number {
    return Math.floor(this.next() * n * INV_TWO_32);
  }

  /** A double in [0, 1). */
  unit(): number {
    return this.next() * INV_TWO_32;
  }
}
