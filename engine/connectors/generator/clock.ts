import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import { TWO_32, hashAt } from './random.js';

/**
 * The simulated clock of a generator: event i happens at
 *
 *     start + floor(i × 1 000 000 / rate)   microseconds,
 *
 * computed exactly. `rate` is read as an exact decimal, so 1e6 / rate is the fraction
 * num / den (in lowest terms) and event i is at start + floor(i × num / den). The floor rounds
 * toward the past: an event is never later than its ideal time, and consecutive events are
 * floor(num / den) or that + 1 µs apart. No floating-point drift accumulates, however far the
 * clock runs. Processing speed is unrelated: readers go as fast as they can.
 */
export class EventClock {
  /** Whole microseconds and remainder (in 1/den µs) between consecutive events. */
  private readonly stepWhole: number;
  private readonly stepRem: number;
  private whole = 0;
  private rest = 0;

  constructor(
    readonly start: number,
    /** Microseconds per event = num / den. */
    readonly num: number,
    readonly den: number,
  ) {
    this.stepWhole = Math.floor(num / den);
    this.stepRem = num - this.stepWhole * den;
  }

  /** Microseconds from the first event to event i (i an integer ≥ 0, below 2^53). */
  offsetAt(i: number): number {
    this.split(i);
    // rest × num < den × num ≤ 2^53, so the product and the rounded quotient's floor are exact.
    return this.whole * this.num + Math.floor((this.rest * this.num) / this.den);
  }

  timeAt(i: number): number {
    return this.start + this.offsetAt(i);
  }

  /**
   * Writes the times of events [i0, i0 + n) into Int64 words (see exec/batch/int64.ts), each
   * moved back by `disorder`'s amount for that event. Steps the exact fraction incrementally.
   */
  fill(words: Int32Array, i0: number, n: number, disorder: Disorder): void {
    this.split(i0);
    let t = this.start + this.whole * this.num + Math.floor((this.rest * this.num) / this.den);
    let r = (this.rest * this.num) % this.den;
    const { stepWhole, stepRem, den } = this;
    const bound = disorder.bound;
    for (let j = 0; j < n; j++) {
      const v = bound === 0 ? t : t - disorder.amountAt(i0 + j);
      const hi = Math.floor(v / TWO_32);
      words[2 * j] = (v - hi * TWO_32) | 0;
      words[2 * j + 1] = hi;
      t += stepWhole;
      r += stepRem;
      if (r >= den) {
        r -= den;
        t++;
      }
    }
  }

  /** Sets i = whole × den + rest, 0 ≤ rest < den, exactly (fields, so rows allocate nothing). */
  private split(i: number): void {
    const den = this.den;
    let whole = Math.floor(i / den);
    let rest = i - whole * den;
    if (rest < 0) {
      whole--;
      rest += den;
    } else if (rest >= den) {
      whole++;
      rest -= den;
    }
    this.whole = whole;
    this.rest = rest;
  }
}

/** Largest numerator × denominator for which EventClock's arithmetic stays exact. */
const MAX_PRODUCT = Number.MAX_SAFE_INTEGER;

/** The clock of `rate` events per second (a decimal with at most 6 fraction digits). */
export function clockForRate(start: number, rate: number, location: SqlLocation | undefined): EventClock {
  const text = String(rate);
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null || rate <= 0) {
    throw new LaminarError('INVALID_OPTION', `option 'rate' must be a positive decimal with at most 6 fraction digits, not ${text}`, {
      ...(location ? { location } : {}),
    });
  }
  const scale = 10 ** (m[2]?.length ?? 0);
  const units = Number(m[1]! + (m[2] ?? ''));
  // 1e6 / rate = 1e6 × scale / units.
  let num = 1_000_000 * scale;
  let den = units;
  const g = gcd(num, den);
  num /= g;
  den /= g;
  if (num * den > MAX_PRODUCT) {
    throw new LaminarError('INVALID_OPTION', `option 'rate' = ${text} cannot be spaced exactly in microseconds`, {
      ...(location ? { location } : {}),
      hint: 'use fewer significant digits, e.g. 1234.5',
    });
  }
  return new EventClock(start, num, den);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Bounded event-time disorder: event i's timestamp moves back by a pseudo-random amount in
 * [0, bound] µs (a pure function of seed and i). Since every event's ideal time is at or after
 * the ideal time of every earlier event, no timestamp is ever more than `bound` below the
 * largest timestamp seen before it: a watermark of max − bound is never violated.
 */
export class Disorder {
  /** Amounts are hash × (bound + 1) / 2^32, floored: in [0, bound] even after rounding. */
  private readonly scale: number;

  constructor(
    private readonly key: number,
    readonly bound: number,
  ) {
    this.scale = (bound + 1) / TWO_32;
  }

  amountAt(i: number): number {
    return this.bound === 0 ? 0 : Math.floor(hashAt(this.key, i) * this.scale);
  }
}
