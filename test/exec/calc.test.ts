import { describe, expect, it } from 'vitest';
import { batchRows, type Batch, type Schema } from '../../engine/exec/batch/batch.js';
import { ColumnBuilder } from '../../engine/exec/batch/builder.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { compileCalc } from '../../engine/exec/compile/calc.js';
import type { BoundExpr } from '../../engine/plan/bound-expr.js';
import { resolveArithmetic, resolveComparison } from '../../engine/plan/functions/operators.js';
import { SCALAR_FUNCTIONS } from '../../engine/plan/functions/registry.js';

const loc = { kind: 'sql' as const, source: 'x', start: 0, end: 1 };
const site = { name: 'op', loc, argLocs: [loc, loc, loc] };

function batch(schema: Schema, rows: Scalar[][]): Batch {
  const builders = schema.map((f) => new ColumnBuilder(f.type));
  for (const r of rows) r.forEach((v, i) => builders[i]!.append(v));
  return { length: rows.length, columns: builders.map((b) => b.finish()), kinds: null };
}
const col = (index: number, schema: Schema): BoundExpr => ({ kind: 'column', index, type: schema[index]!.type, nullable: schema[index]!.nullable });
const lit = (value: Scalar, type: BoundExpr['type']): BoundExpr => ({ kind: 'literal', value, type, nullable: value === null });

describe('compiled filter + project', () => {
  const schema: Schema = [
    { name: 'sym', type: 'VARCHAR', nullable: true },
    { name: 'price', type: 'DOUBLE', nullable: true },
    { name: 'qty', type: 'INT', nullable: true },
    { name: 'n', type: 'BIGINT', nullable: true },
  ];
  const rows: Scalar[][] = [
    ['aa', 10.5, 3, 2 ** 40],
    ['bb', 1, null, -7],
    [null, 20, 5, 0],
    ['aa', null, 7, 1],
  ];

  it('filters and projects with nulls, lifting string expressions over the dictionary', () => {
    const upper = SCALAR_FUNCTIONS.get('upper')!.resolve([col(0, schema)], site);
    const total = resolveArithmetic('*', col(1, schema), col(2, schema), site);
    const plus = resolveArithmetic('+', col(3, schema), lit(1, 'INT'), site);
    const filter = resolveComparison('>', col(2, schema), lit(2, 'INT'), site);
    const calc = compileCalc({ input: schema, filter, projections: [upper, total, plus, col(0, schema)] });
    const out = calc(batch(schema, rows));
    expect(batchRows(out)).toEqual([
      ['AA', 31.5, 2 ** 40 + 1, 'aa'],
      [null, 100, 1, null],
      ['AA', null, 2, 'aa'],
    ]);
  });

  it('raises NUMERIC_OVERFLOW with the location of the expression', () => {
    const schema2: Schema = [{ name: 'q', type: 'INT', nullable: false }];
    const times = resolveArithmetic('*', col(0, schema2), lit(2, 'INT'), site);
    const calc = compileCalc({ input: schema2, filter: null, projections: [times] });
    expect(batchRows(calc(batch(schema2, [[5]])))).toEqual([[10]]);
    expect(() => calc(batch(schema2, [[2 ** 30]]))).toThrow(/INT overflow: 1073741824 \* 2 is out of range/);
  });

  it('reuses columns when nothing is computed and specializes per null layout', () => {
    const calc = compileCalc({ input: schema, filter: null, projections: [col(2, schema), col(0, schema)] });
    const b = batch(schema, rows);
    const out = calc(b);
    expect(out.columns[0]).toBe(b.columns[2]);
    expect(batchRows(out)).toEqual(rows.map((r) => [r[2], r[0]]));
  });
});

describe('dictionary lifting and NULL inputs', () => {
  const schema: Schema = [{ name: 's', type: 'VARCHAR', nullable: true }];
  const input = (): Batch => batch(schema, [['a'], [null], ['b'], [null]]);

  it('gives non-strict expressions their value at NULL (IS NULL, coalesce, concat, CASE)', () => {
    const s = col(0, schema);
    const isNull: BoundExpr = { kind: 'is_null', arg: s, negated: false, type: 'BOOLEAN', nullable: false };
    const coalesce: BoundExpr = { kind: 'coalesce', args: [s, lit('?', 'VARCHAR')], type: 'VARCHAR', nullable: false };
    const concat = SCALAR_FUNCTIONS.get('concat')!.resolve([lit('<', 'VARCHAR'), s, lit('>', 'VARCHAR')], site);
    const caseExpr: BoundExpr = { kind: 'case', whens: [{ when: isNull, then: lit(1, 'INT') }], else: lit(2, 'INT'), type: 'INT', nullable: false };
    const upper = SCALAR_FUNCTIONS.get('upper')!.resolve([s], site);
    const calc = compileCalc({ input: schema, filter: null, projections: [isNull, coalesce, concat, caseExpr, upper] });
    expect(batchRows(calc(input()))).toEqual([
      [false, 'a', '<a>', 2, 'A'],
      [true, '?', '<>', 1, null],
      [false, 'b', '<b>', 2, 'B'],
      [true, '?', '<>', 1, null],
    ]);
  });

  it('filters on a lifted predicate that is true for NULL', () => {
    const s = col(0, schema);
    const isNull: BoundExpr = { kind: 'is_null', arg: s, negated: false, type: 'BOOLEAN', nullable: false };
    const calc = compileCalc({ input: schema, filter: isNull, projections: [s] });
    expect(batchRows(calc(input()))).toEqual([[null], [null]]);
  });
});

describe('filters over changelogs', () => {
  const schema: Schema = [
    { name: 'k', type: 'VARCHAR', nullable: false },
    { name: 'total', type: 'BIGINT', nullable: false },
  ];
  const changes = (rows: [string, string, number][]): Batch => ({ ...batch(schema, rows.map(([, k, v]) => [k, v])), kinds: Uint8Array.from(rows.map(([op]) => ['+I', '-U', '+U', '-D'].indexOf(op))) });
  const labelled = (b: Batch) => batchRows(b).map((r, i) => `${['+I', '-U', '+U', '-D'][b.kinds![i]!]} ${r.join(',')}`);
  const over5 = compileCalc({ input: schema, filter: resolveComparison('>', col(1, schema), lit(5, 'BIGINT'), site), projections: [col(0, schema), col(1, schema)] });

  it('turns the half of an update the filter keeps into an insert or a delete', () => {
    const out = over5(
      changes([
        ['-U', 'a', 3], // a enters: 3 → 7
        ['+U', 'a', 7],
        ['-U', 'b', 9], // b stays: 9 → 12
        ['+U', 'b', 12],
        ['-U', 'c', 8], // c leaves: 8 → 1
        ['+U', 'c', 1],
        ['+I', 'd', 6],
        ['-D', 'e', 10],
      ]),
    );
    expect(labelled(out)).toEqual(['+I a,7', '-U b,9', '+U b,12', '-D c,8', '+I d,6', '-D e,10']);
  });
});
