import { fieldKey, hashAt, TWO_32 } from './random.js';

/**
 * Per-symbol price paths that look like random walks yet are pure functions of the event index,
 * so a trade's price never depends on which rows or columns a reader produced before it.
 *
 * Time is measured in "ticks" of the symbol's own trades: one tick = `symbols` events, about
 * one trade of each symbol, so a symbol's path moves as much per trade however many symbols
 * share the stream. The log of a symbol's price relative to its base price is a sum of octaves
 * of value noise: octave j places pseudo-random values in [−1, 1) on a lattice every 2^c_j
 * ticks (hashed from seed, symbol, octave, lattice index) and interpolates linearly. Octave
 * amplitudes grow with the square root of their spacing, as a random walk's spread does, so
 * the path wiggles like a walk at every scale from 16 to a million ticks but stays within a
 * factor e^±0.17 (−15% … +18%) of the base price instead of drifting without bound.
 *
 * The octave sum is evaluated only at the finest lattice points (every 16 ticks); between them
 * the price is interpolated linearly. A trade therefore costs a multiply-add, and a lattice
 * point's 9 octave lookups are shared by the ~16 trades of the symbol around it. A true walk
 * would need the sum of every earlier step.
 */
const OCTAVE_LOG2: readonly number[] = [4, 6, 8, 10, 12, 14, 16, 18, 20];
const OCTAVES = OCTAVE_LOG2.length;
/** Log-price volatility: an octave spanning L ticks moves the log-price by up to VOL × √L. */
const VOL = 8e-5;
const FINEST = 2 ** OCTAVE_LOG2[0]!;
/** Per octave: spacing in finest lattice points, its exact reciprocal, amplitude. */
const POINTS = Float64Array.from(OCTAVE_LOG2, (c) => 2 ** (c - OCTAVE_LOG2[0]!));
const INVERSE = Float64Array.from(OCTAVE_LOG2, (c) => 2 ** (OCTAVE_LOG2[0]! - c));
const AMPLITUDE = Float64Array.from(OCTAVE_LOG2, (c) => VOL * Math.sqrt(2 ** c));

export class PriceWalks {
  private readonly keys: Int32Array;

  constructor(
    seed: number,
    field: number,
    readonly basePrices: Float64Array,
  ) {
    const base = fieldKey(seed, field);
    this.keys = new Int32Array(basePrices.length * OCTAVES);
    for (let x = 0; x < this.keys.length; x++) this.keys[x] = fieldKey(base, x);
  }

  /** A cursor for one reader: it caches the lattice segments each symbol is in. */
  cursor(): PriceCursor {
    return new PriceCursor(this.keys, this.basePrices);
  }
}

export class PriceCursor {
  private readonly symbols: number;
  /** Events between finest lattice points: 16 ticks. */
  private readonly span: number;
  /** Per symbol: finest lattice segment cached, price at its start, price change per event. */
  private readonly point: Float64Array;
  private readonly price: Float64Array;
  private readonly slope: Float64Array;
  /** Per (symbol, octave): cached octave segment, value at its start, change per lattice point. */
  private readonly octaveSegment: Float64Array;
  private readonly octaveOrigin: Float64Array;
  private readonly octaveSlope: Float64Array;

  constructor(
    private readonly keys: Int32Array,
    private readonly basePrices: Float64Array,
  ) {
    this.symbols = basePrices.length;
    this.span = FINEST * this.symbols;
    this.point = new Float64Array(this.symbols).fill(-1);
    this.price = new Float64Array(this.symbols);
    this.slope = new Float64Array(this.symbols);
    this.octaveSegment = new Float64Array(this.symbols * OCTAVES).fill(-1);
    this.octaveOrigin = new Float64Array(this.symbols * OCTAVES);
    this.octaveSlope = new Float64Array(this.symbols * OCTAVES);
  }

  /** Symbol s's price at event i, in dollars (not rounded). */
  priceAt(s: number, i: number): number {
    const span = this.span;
    const m = Math.floor(i / span);
    if (this.point[s] !== m) {
      const p0 = this.basePrices[s]! * Math.exp(this.logAt(s, m));
      const p1 = this.basePrices[s]! * Math.exp(this.logAt(s, m + 1));
      this.point[s] = m;
      this.price[s] = p0;
      this.slope[s] = (p1 - p0) / span;
    }
    return this.price[s]! + this.slope[s]! * (i - m * span);
  }

  /** The log-price (relative to base) of symbol s at finest lattice point m. */
  private logAt(s: number, m: number): number {
    let sum = 0;
    for (let j = 0; j < OCTAVES; j++) {
      const x = s * OCTAVES + j;
      const seg = Math.floor(m * INVERSE[j]!);
      if (this.octaveSegment[x] !== seg) {
        const key = this.keys[x]!;
        const v0 = (hashAt(key, seg) / TWO_32) * 2 - 1;
        const v1 = (hashAt(key, seg + 1) / TWO_32) * 2 - 1;
        this.octaveSegment[x] = seg;
        this.octaveOrigin[x] = v0 * AMPLITUDE[j]!;
        this.octaveSlope[x] = ((v1 - v0) * AMPLITUDE[j]!) / POINTS[j]!;
      }
      sum += this.octaveOrigin[x]! + this.octaveSlope[x]! * (m - seg * POINTS[j]!);
    }
    return sum;
  }
}
