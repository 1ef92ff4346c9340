import { describe, expect, it } from 'vitest';
import { ColumnBuilder, concatColumns, gatherColumn } from '../../engine/exec/batch/builder.js';
import { valueAt } from '../../engine/exec/batch/column.js';
import { readInt64, writeInt64 } from '../../engine/exec/batch/int64.js';

describe('columns', () => {
  it('round-trips int64 values through word pairs, including negatives and the ±2^53 bounds', () => {
    const words = new Int32Array(2);
    for (const v of [0, 1, -1, 4294967296, -4294967297, 2 ** 53 - 1, -(2 ** 53 - 1), 1_700_000_000_000_000]) {
      writeInt64(words, 0, v);
      expect(readInt64(words, 0)).toBe(v);
      expect(new BigInt64Array(words.buffer)[0]).toBe(BigInt(v));
    }
  });

  it('builds columns of every type with nulls and gathers them', () => {
    const cases = [
      ['BOOLEAN', [true, null, false, true]],
      ['INT', [1, -2, null, 2147483647]],
      ['BIGINT', [2 ** 40, null, -5, 0]],
      ['DOUBLE', [1.5, NaN, null, -0.25]],
      ['VARCHAR', ['a', 'b', null, 'a']],
      ['TIMESTAMP', [1_700_000_000_000_000, null, 0, -1]],
    ] as const;
    for (const [type, values] of cases) {
      const b = new ColumnBuilder(type, 2);
      for (const v of values) b.append(v);
      const col = b.finish();
      expect(col.length).toBe(4);
      expect(Array.from({ length: 4 }, (_, i) => valueAt(col, i))).toEqual(values);
      const g = gatherColumn(col, Int32Array.from([3, 0]), 2);
      expect([valueAt(g, 0), valueAt(g, 1)]).toEqual([values[3], values[0]]);
      const c = concatColumns(type, [col, g]);
      expect(Array.from({ length: 6 }, (_, i) => valueAt(c, i))).toEqual([...values, values[3], values[0]]);
    }
  });
});
