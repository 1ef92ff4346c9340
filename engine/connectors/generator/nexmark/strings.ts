import { EventRandom, fieldKey } from '../random.js';
import { FIELD } from '../fields.js';

/**
 * Random text for Nexmark's string fields. The reference draws every character of every string
 * (item names, descriptions and the ~70–470-character `extra` padding) from the event's
 * Random; doing that per row would dominate generation time. Here each source builds (on first use)
 * two seeded pools of 256 Ki characters, and a string is a slice of a pool at a drawn offset
 * with the reference's length distribution. V8 slices long strings without copying them, so
 * `extra` costs one small object per row. The text is as random as the reference's for what
 * benchmarks need (sizes, distinctness), but two slices of a pool can overlap, so fragments
 * recur across rows now and then.
 */
const POOL_SIZE = 1 << 18;
/** Longest slice taken from a pool (auction extra is at most ~470 characters). */
const MAX_SLICE = 4096;

export class TextPools {
  private lettersPool: string | null = null;
  private wordsPool: string | null = null;

  constructor(private readonly seed: number) {}

  /** Lowercase letters only: `extra`, email parts. */
  get letters(): string {
    return (this.lettersPool ??= pool(new EventRandom().reset(fieldKey(this.seed, FIELD.letterPool), 0), false));
  }

  /** Letters with a space one time in 13, as the reference's nextString: names, descriptions. */
  get words(): string {
    return (this.wordsPool ??= pool(new EventRandom().reset(fieldKey(this.seed, FIELD.textPool), 0), true));
  }
}

function pool(rng: EventRandom, spaces: boolean): string {
  const parts: string[] = [];
  const chunk = new Uint16Array(4096);
  for (let at = 0; at < POOL_SIZE; at += chunk.length) {
    for (let j = 0; j < chunk.length; j++) {
      chunk[j] = spaces && rng.below(13) === 0 ? 32 : 97 + rng.below(26);
    }
    parts.push(String.fromCharCode(...chunk));
  }
  return parts.join('');
}

/** A slice of `length` characters of `pool` at a position drawn from rng. */
export function slice(pool: string, rng: EventRandom, length: number): string {
  const n = Math.min(length, MAX_SLICE);
  const at = rng.below(POOL_SIZE - n + 1);
  return pool.slice(at, at + n);
}

/**
 * The reference's nextString(maxLength): 3 … maxLength − 1 characters of words, trimmed.
 * The length is the stream's first draw so that `extra` can compute it without the text.
 */
export function nextString(pools: TextPools, rng: EventRandom, maxLength: number): string {
  const length = nominalLength(rng, maxLength);
  return slice(pools.words, rng, length).trim();
}

/** The first draw of nextString's stream: the length before trimming. */
export function nominalLength(rng: EventRandom, maxLength: number): number {
  return 3 + rng.below(maxLength - 3);
}

/**
 * The reference's nextExtra: padding letters so that a row's idealized size averages
 * `averageSize` bytes given the `currentSize` of its other fields (length uniform within ±20%).
 */
export function nextExtra(pools: TextPools, rng: EventRandom, currentSize: number, averageSize: number): string {
  if (currentSize > averageSize) return '';
  const wanted = averageSize - currentSize;
  const delta = Math.round(wanted * 0.2);
  const length = wanted - delta + (delta === 0 ? 0 : rng.below(2 * delta));
  return slice(pools.letters, rng, length);
}
