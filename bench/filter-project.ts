import type { SequenceData } from './sequence-data.js';

/**
 * (a) filter + project: SELECT key, value * 10 AS v FROM seq WHERE value < 0.5. The loop
 * does the same: test each row, write the two projected columns of passing rows into new
 * typed arrays per batch, as the engine's result batches hold them.
 */
export const FILTER_PROJECT_SQL = 'SELECT key, value * 10 AS v FROM seq WHERE value < 0.5';

export function filterProjectLoop(data: SequenceData): number {
  let total = 0;
  for (const b of data.batches) {
    const key = b.columns[2]!.data as Int32Array;
    const value = b.columns[3]!.data as Float64Array;
    const n = b.length;
    const outKey = new Int32Array(n);
    const outV = new Float64Array(n);
    let j = 0;
    for (let i = 0; i < n; i++) {
      const v = value[i]!;
      if (v < 0.5) {
        outKey[j] = key[i]!;
        outV[j] = v * 10;
        j++;
      }
    }
    total += j;
    keep(outKey.subarray(0, j), outV.subarray(0, j));
  }
  return total;
}

const kept: unknown[] = [];
/** Holds the outputs like the engine's result does, so neither side can skip the work. */
function keep(...arrays: unknown[]): void {
  kept.push(arrays);
  if (kept.length > 4096) kept.length = 0;
}
