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
  const h = new Int32Array(n).fill(0x2545f491);
  for (const col of keys) {
    const v = col.validity;
    const mix = (i: number, x: number) => {
      h[i] = Math.imul(h[i]! ^ x, 0x01000193) ^ (h[i]! >>> 15);
    };
    switch (col.type) {
      case 'VARCHAR': {
        const codes = col.data;
        const cache = new Int32Array(col.dict.length);
        const known = new Uint8Array(col.dict.length);
        for (let i = 0; i < n; i++) {
          if (v !== null && !((v[i >> 3]! >> (i & 7)) & 1)) {
            mix(i, 0x5bd1e995);
            continue;
          }
          const c = codes[i]!;
          if (known[c] === 0) {
            cache[c] = stringHash(col.dict[c]!);
            known[c] = 1;
          }
          mix(i, cache[c]!);
        }
        break;
      }
      case 'BOOLEAN':
        for (let i = 0; i < n; i++) mix(i, v !== null && !((v[i >> 3]! >> (i & 7)) & 1) ? 0x5bd1e995 : numberHash((col.data[i >> 3]! >> (i & 7)) & 1));
        break;
      case 'INT':
      case 'DOUBLE':
        for (let i = 0; i < n; i++) mix(i, v !== null && !((v[i >> 3]! >> (i & 7)) & 1) ? 0x5bd1e995 : numberHash(col.data[i]!));
        break;
      default:
        for (let i = 0; i < n; i++) mix(i, v !== null && !((v[i >> 3]! >> (i & 7)) & 1) ? 0x5bd1e995 : numberHash(readInt64(col.data, i)));
    }
  }
  for (let i = 0; i < n; i++) {
    let x = h[i]!;
    x ^= x >>> 16;
    x = Math.imul(x, 0x7feb352d);
    x ^= x >>> 15;
    out[i] = (x >>> 0) % workers;
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
