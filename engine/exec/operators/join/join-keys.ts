import type { BoundExpr } from '../../../plan/bound-expr.js';
import { GroupTable } from '../../../state/group-table.js';
import type { Batch, Schema } from '../../batch/batch.js';
import { compileCalc, type CalcFn } from '../../compile/calc.js';

/**
 * Join keys as dense ids shared by both inputs: rows of either side with equal key values get
 * the same id. A row with a NULL key never matches (SQL equality), so it gets -1. Without keys
 * (a cross join, or a condition with no equality) every row gets 0.
 */
export class JoinKeys {
  private readonly table: GroupTable | null;
  private readonly extract: readonly CalcFn[];
  private ids = new Int32Array(1024);

  constructor(leftSchema: Schema, rightSchema: Schema, leftKeys: readonly BoundExpr[], rightKeys: readonly BoundExpr[]) {
    this.table = leftKeys.length > 0 ? new GroupTable(leftKeys.map((k) => k.type)) : null;
    this.extract = [
      compileCalc({ input: leftSchema, filter: null, projections: leftKeys }),
      compileCalc({ input: rightSchema, filter: null, projections: rightKeys }),
    ];
  }

  /** The key id of each row of a batch of side 0 (left) or 1 (right); valid until the next call. */
  assign(side: 0 | 1, batch: Batch): Int32Array {
    const n = batch.length;
    if (this.ids.length < n) this.ids = new Int32Array(Math.max(n, this.ids.length * 2));
    const ids = this.ids;
    if (this.table === null) {
      ids.fill(0, 0, n);
      return ids;
    }
    const keys = this.extract[side]!({ ...batch, kinds: null, rowWatermarks: null }).columns;
    this.table.assign(keys, n, ids);
    for (const k of keys) {
      const v = k.validity;
      if (v === null) continue;
      for (let i = 0; i < n; i++) if (!((v[i >> 3]! >> (i & 7)) & 1)) ids[i] = -1;
    }
    return ids;
  }

  /** Forgets a key no row of either side holds any more, so that state follows the live keys. */
  release(id: number): void {
    if (this.table !== null && id >= 0) this.table.remove(id);
  }

  /** One past the largest id handed out. */
  get idLimit(): number {
    return this.table === null ? 1 : this.table.idLimit;
  }
}
