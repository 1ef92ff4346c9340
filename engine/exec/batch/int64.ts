/**
 * Int64 values (BIGINT, TIMESTAMP, INTERVAL) live in Arrow's Int64 layout, read and written
 * through an Int32Array view as (low, high) word pairs. Reading a BigInt64Array element would
 * allocate a BigInt per value; two Int32 reads and a multiply-add do not. Values are exact
 * within ±2^53 (Number.MAX_SAFE_INTEGER); the engine raises NUMERIC_OVERFLOW beyond that.
 */

export const TWO_32 = 4294967296;

export function readInt64(words: Int32Array, i: number): number {
  return words[2 * i + 1]! * TWO_32 + (words[2 * i]! >>> 0);
}

export function writeInt64(words: Int32Array, i: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  words[2 * i] = (v - hi * TWO_32) | 0;
  words[2 * i + 1] = hi;
}

/** True when every value in the words is within ±2^53, so reading it as a number is exact. */
export function int64WordsAreExact(words: Int32Array, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const hi = words[2 * i + 1]!;
    // |v| < 2^53 ⇔ high word within [-2^21, 2^21); the bounds themselves need the low word.
    if (hi >= 0x200000 || hi < -0x200000) return false;
  }
  return true;
}
