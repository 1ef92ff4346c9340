import { makeColumn } from '../../exec/batch/builder.js';
import type { Column } from '../../exec/batch/column.js';
import { TWO_32 } from './random.js';

/** Small helpers to wrap filled typed arrays as columns (no validity: generators never emit nulls). */

export function int64Column(type: 'BIGINT' | 'TIMESTAMP', n: number, words: Int32Array): Column {
  return makeColumn(type, n, words, null);
}

export function writeWords(words: Int32Array, j: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  words[2 * j] = (v - hi * TWO_32) | 0;
  words[2 * j + 1] = hi;
}

/** A VARCHAR column of one distinct string per row (codes 0 … n−1). */
export function stringsColumn(strings: string[]): Column {
  const n = strings.length;
  const codes = new Int32Array(n);
  for (let j = 0; j < n; j++) codes[j] = j;
  return makeColumn('VARCHAR', n, codes, null, strings);
}

/** A VARCHAR column whose codes index a fixed dictionary shared by every batch. */
export function dictColumn(codes: Int32Array, dict: readonly string[]): Column {
  return makeColumn('VARCHAR', codes.length, codes, null, dict);
}

/**
 * Dictionary-encodes values that are indices into a large fixed table (thousands of channels,
 * symbols) with a dictionary of only the values a batch uses, in order of first use, so a
 * 1000-row batch does not carry a 10 000-entry dictionary. Reused across batches.
 */
export class BatchDictionary {
  private readonly codeOf: Int32Array;
  private used: number[] = [];

  constructor(size: number) {
    this.codeOf = new Int32Array(size).fill(-1);
  }

  /** The batch code of table entry `index`. */
  code(index: number): number {
    let c = this.codeOf[index]!;
    if (c < 0) {
      c = this.used.length;
      this.codeOf[index] = c;
      this.used.push(index);
    }
    return c;
  }

  /** The table indices the batch used, by batch code; resets for the next batch. */
  finish(): number[] {
    const used = this.used;
    for (const i of used) this.codeOf[i] = -1;
    this.used = [];
    return used;
  }
}
