/** Arrow-style bitmaps: bit i of byte i >> 3, least significant bit first. */

export function bitmapBytes(length: number): number {
  return (length + 7) >> 3;
}

export function newBitmap(length: number, fill: boolean): Uint8Array {
  const bm = new Uint8Array(bitmapBytes(length));
  if (fill) {
    bm.fill(0xff);
    clearTail(bm, length);
  }
  return bm;
}

export function getBit(bm: Uint8Array, i: number): boolean {
  return ((bm[i >> 3]! >> (i & 7)) & 1) === 1;
}

export function setBit(bm: Uint8Array, i: number): void {
  bm[i >> 3]! |= 1 << (i & 7);
}

export function clearBit(bm: Uint8Array, i: number): void {
  bm[i >> 3]! &= ~(1 << (i & 7));
}

/** Zeroes the bits past `length` in the last byte, so bitmaps compare and count cleanly. */
export function clearTail(bm: Uint8Array, length: number): void {
  const rem = length & 7;
  if (rem !== 0 && bm.length > length >> 3) bm[length >> 3]! &= (1 << rem) - 1;
}

export function countSetBits(bm: Uint8Array, length: number): number {
  let n = 0;
  const full = length >> 3;
  for (let b = 0; b < full; b++) n += POPCOUNT[bm[b]!]!;
  for (let i = full << 3; i < length; i++) if (getBit(bm, i)) n++;
  return n;
}

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();
