import { DELETE, INSERT, type Batch, type Schema } from '../../batch/batch.js';
import { ColumnBuilder } from '../../batch/builder.js';
import type { Scalar } from '../../batch/column.js';

/**
 * The rows a join emits, built column by column: a left row and a right row side by side, or
 * one of them beside NULLs (an outer join's unmatched row). Joins emit +I and -D only: a
 * changed input row can change several joined rows, so update pairs would not line up.
 */
export class JoinOutput {
  private builders: ColumnBuilder[];
  private kinds: number[] = [];
  private readonly leftWidth: number;
  private readonly rightWidth: number;

  constructor(
    private readonly schema: Schema,
    leftWidth: number,
  ) {
    this.leftWidth = leftWidth;
    this.rightWidth = schema.length - leftWidth;
    this.builders = this.fresh();
  }

  get pending(): number {
    return this.kinds.length;
  }

  /** Adds (insert) or retracts (!insert) a joined row; null stands for the unmatched side's NULLs. */
  add(insert: boolean, left: readonly Scalar[] | null, right: readonly Scalar[] | null): void {
    const b = this.builders;
    if (left === null) for (let c = 0; c < this.leftWidth; c++) b[c]!.append(null);
    else for (let c = 0; c < this.leftWidth; c++) b[c]!.append(left[c]!);
    if (right === null) for (let c = 0; c < this.rightWidth; c++) b[this.leftWidth + c]!.append(null);
    else for (let c = 0; c < this.rightWidth; c++) b[this.leftWidth + c]!.append(right[c]!);
    this.kinds.push(insert ? INSERT : DELETE);
  }

  /** The rows added since the last take, or null when there are none. */
  take(): Batch | null {
    const n = this.kinds.length;
    if (n === 0) return null;
    const kinds = this.kinds.every((k) => k === INSERT) ? null : Uint8Array.from(this.kinds);
    const batch: Batch = { length: n, columns: this.builders.map((b) => b.finish()), kinds };
    this.builders = this.fresh();
    this.kinds = [];
    return batch;
  }

  private fresh(): ColumnBuilder[] {
    return this.schema.map((f) => new ColumnBuilder(f.type, 256));
  }
}
