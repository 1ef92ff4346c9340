import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../engine/exec/batch/builder.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { GroupTable } from '../../engine/state/group-table.js';
import type { SqlType } from '../../engine/types/sql-type.js';

function column(type: SqlType, values: readonly Scalar[]) {
  const b = new ColumnBuilder(type);
  for (const v of values) b.append(v);
  return b.finish();
}

describe('GroupTable', () => {
  it('gives each distinct key one id across growth, rehashing and removals', () => {
    const t = new GroupTable(['INT']);
    const keys = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 3001);
    const ids = new Int32Array(keys.length);
    t.assign([column('INT', keys)], keys.length, ids);
    expect(t.size).toBe(3001);
    const byKey = new Map<number, number>();
    keys.forEach((k, i) => {
      const known = byKey.get(k);
      if (known === undefined) byKey.set(k, ids[i]!);
      else expect(ids[i]).toBe(known);
      expect(t.keyValue(ids[i]!, 0)).toBe(k);
    });
    t.remove(byKey.get(0)!);
    expect(t.size).toBe(3000);
    const again = new Int32Array(1);
    t.assign([column('INT', [0])], 1, again);
    expect(t.keyValue(again[0]!, 0)).toBe(0);
    expect(t.size).toBe(3001);
  });

  it('matches a Map on random multi-column keys with NULLs (property)', () => {
    const key = fc.tuple(fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), fc.option(fc.constantFrom('a', 'b', 'é', ''), { nil: null }), fc.option(fc.double({ noNaN: false }), { nil: null }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (rows) => {
        const t = new GroupTable(['INT', 'VARCHAR', 'DOUBLE']);
        const ids = new Int32Array(rows.length);
        const cols = [0, 1, 2].map((c) => column((['INT', 'VARCHAR', 'DOUBLE'] as const)[c]!, rows.map((r) => r[c] as Scalar)));
        t.assign(cols, rows.length, ids);
        const expected = new Map<string, number>();
        rows.forEach((r, i) => {
          // SQL grouping: NULLs group together, NaN groups with NaN, -0 with 0. Non-finite
          // numbers are spelled out: JSON would write ±Infinity as null, like a NULL.
          const k = JSON.stringify(r.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? `number ${v}` : Object.is(v, -0) ? 0 : v)));
          const id = expected.get(k);
          if (id === undefined) expected.set(k, ids[i]!);
          else expect(ids[i]).toBe(id);
        });
        expect(t.size).toBe(expected.size);
      }),
      // -Infinity and NULL in the same column are two groups (a case the oracle once got wrong).
      { examples: [[[[null, 'é', Number.NEGATIVE_INFINITY], [null, 'é', null]]]] },
    );
  });
});
