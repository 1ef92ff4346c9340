import { referencedColumns, type BoundExpr } from '../../../plan/bound-expr.js';
import type { Schema } from '../../batch/batch.js';
import { ColumnBuilder } from '../../batch/builder.js';
import type { Column, Scalar } from '../../batch/column.js';
import { compileCalc, type CalcFn } from '../../compile/calc.js';

/**
 * The part of a join condition beyond key equality, tested on candidate pairs of rows in one
 * vectorized pass: the pairs become a batch of left then right columns, and the compiled
 * condition gives a BOOLEAN per pair (NULL fails, as in SQL).
 */
export class PairFilter {
  private readonly test: CalcFn;
  /** Columns the condition reads; the others are never looked at and stay empty. */
  private readonly read: readonly number[];
  private readonly unread: readonly Column[];

  constructor(
    private readonly schema: Schema,
    private readonly leftWidth: number,
    condition: BoundExpr,
  ) {
    this.test = compileCalc({ input: schema, filter: null, projections: [condition] });
    this.read = [...referencedColumns(condition)];
    this.unread = schema.map((f) => new ColumnBuilder(f.type, 8).finish());
  }

  /** For each pair k (lefts[k], rights[k]), whether the condition holds. */
  passes(lefts: readonly (readonly Scalar[])[], rights: readonly (readonly Scalar[])[]): Uint8Array {
    const n = lefts.length;
    const columns = [...this.unread];
    for (const c of this.read) {
      const b = new ColumnBuilder(this.schema[c]!.type, n);
      if (c < this.leftWidth) for (let k = 0; k < n; k++) b.append(lefts[k]![c]!);
      else for (let k = 0; k < n; k++) b.append(rights[k]![c - this.leftWidth]!);
      columns[c] = b.finish();
    }
    const result = this.test({ length: n, columns, kinds: null }).columns[0]!;
    const out = new Uint8Array(n);
    const data = result.data as Uint8Array;
    const validity = result.validity;
    for (let k = 0; k < n; k++) {
      const valid = validity === null || ((validity[k >> 3]! >> (k & 7)) & 1) === 1;
      out[k] = valid && ((data[k >> 3]! >> (k & 7)) & 1) === 1 ? 1 : 0;
    }
    return out;
  }
}
