import type { Column } from '../../exec/batch/column.js';
import { readInt64 } from '../../exec/batch/int64.js';

const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);

/**
 * The worker (0 … workers − 1) each row of a batch goes to, from its key columns: equal key
 * values give the same worker whichever input or batch they are in, so a key's state lives on
 * one worker. Numbers hash by value (an INT 3 and a BIGINT 3 alike; -0 as 0), strings by
 * content (once per dictionary entry), NULL as a fixed value.
 */
export function partitionRows(keys: readonly Column[], n: number, workers: number, out: Uint16Array): void {
  const h = scratchHashes(n);
  h.fill(SEED, 0, n);
  for (const col of keys) mixColumn(h, col, n);
  for (let i = 0; i < n; i++) {
    let x = h[i]!;
    x ^= x >>> 16;
    x = Math.imul(x, 0x7feb352d);
    x ^= x >>> 15;
    // The top 16 bits scaled to [0, workers): a multiply and a shift, where % would divide.
    out[i] = ((x >>> 16) * workers) >>> 16;
  }
}

const SEED = 0x2545f491;
const NULL_HASH = 0x5bd1e995;
let hashes = new Int32Array(1024);

function scratchHashes(n: number): Int32Array {
  if (hashes.length < n) hashes = new Int32Array(n);
  return hashes;
}

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193) ^ (h >>> 15);
}

function isNull(v: Uint8Array | null, i: number): boolean {
  return v !== null && ((v[i >> 3]! >> (i & 7)) & 1) === 0;
}

/** Folds one key column into each row's hash; a loop per type, the hot ones without NULLs apart. */
function mixColumn(h: Int32Array, col: Column, n: number): void {
  const v = col.validity;
  switch (col.type) {
    case 'VARCHAR': {
      const codes = col.data;
      const cache = new Int32Array(col.dict.length);
      const known = new Uint8Array(col.dict.length);
      for (let i = 0; i < n; i++) {
        if (isNull(v, i)) {
          h[i] = mix(h[i]!, NULL_HASH);
          continue;
        }
        const c = codes[i]!;
        if (known[c] === 0) {
          cache[c] = stringHash(col.dict[c]!);
          known[c] = 1;
        }
        h[i] = mix(h[i]!, cache[c]!);
      }
      return;
    }
    case 'BOOLEAN':
      for (let i = 0; i < n; i++) h[i] = mix(h[i]!, isNull(v, i) ? NULL_HASH : numberHash((col.data[i >> 3]! >> (i & 7)) & 1));
      return;
    case 'INT': {
      // Whole numbers hash as numberHash does for them, so INT 3 and BIGINT 3 meet.
      const d = col.data;
      if (v === null) for (let i = 0; i < n; i++) h[i] = mix(h[i]!, Math.imul(d[i]!, 0x9e3779b1));
      else for (let i = 0; i < n; i++) h[i] = mix(h[i]!, isNull(v, i) ? NULL_HASH : Math.imul(d[i]!, 0x9e3779b1));
      return;
    }
    case 'DOUBLE':
      for (let i = 0; i < n; i++) h[i] = mix(h[i]!, isNull(v, i) ? NULL_HASH : numberHash(col.data[i]!));
      return;
    default:
      for (let i = 0; i < n; i++) h[i] = mix(h[i]!, isNull(v, i) ? NULL_HASH : numberHash(readInt64(col.data, i)));
  }
}

function numberHash(x: number): number {
  if ((x | 0) === x) return Math.imul(x, 0x9e3779b1);
  if (x === 0) return 0;
  if (x !== x) return 0x7ff80000;
  scratch[0] = x;
  return Math.imul(words[0]! ^ Math.imul(words[1]!, 0x85ebca6b), 0x9e3779b1);
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
