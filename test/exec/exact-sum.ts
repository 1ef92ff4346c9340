/** An oracle for sums of doubles: BigInt arithmetic, no rounding until the end. */

/** The exact sum of doubles, correctly rounded: every double is an integer times 2^-1074. */
export function exactSum(values: readonly number[]): number {
  let total = 0n;
  for (const v of values) total += exactScaled(v);
  return roundScaled(total);
}

function exactScaled(v: number): bigint {
  if (v === 0) return 0n;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(v));
  const bits = buf.getBigUint64(0);
  const exp = Number(bits >> 52n);
  const frac = bits & ((1n << 52n) - 1n);
  const mantissa = exp === 0 ? frac : frac | (1n << 52n);
  const scaled = mantissa << BigInt(Math.max(exp - 1, 0));
  return v < 0 ? -scaled : scaled;
}

/** n × 2^-1074 rounded to the nearest double, ties to even (no overflow in these tests). */
function roundScaled(n: bigint): number {
  const magnitude = n < 0n ? -n : n;
  let shift = 0;
  while (magnitude >> BigInt(shift) >= 1n << 53n) shift++;
  let q = magnitude >> BigInt(shift);
  if (shift > 0) {
    const rem = magnitude - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  const value = Number(q) * 2 ** (shift - 1074);
  return n < 0n ? -value : value;
}
