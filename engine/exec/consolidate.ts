import { batchRows, concatBatches, sliceBatch, weightOf, type Batch, type Schema } from './batch/batch.js';
import { ColumnBuilder } from './batch/builder.js';
import type { Scalar } from './batch/column.js';

/**
 * The materialized rows of a changelog: each distinct row with the sum of its weights
 * (DESIGN.md principle 2). Rows keep the order in which they first appeared. Inserts of an
 * append-only changelog stay in their columnar batches; `tail` bounds them to the last rows.
 */
export class Consolidator {
  private readonly counted = new Map<string, { row: Scalar[]; count: number }>();
  private batches: Batch[] = [];
  private appendedRows = 0;
  private dropped = 0;

  constructor(
    readonly schema: Schema,
    private readonly options: { readonly appendOnly: boolean; readonly tail?: number } = { appendOnly: false },
  ) {}

  apply(batch: Batch): void {
    if (batch.length === 0) return;
    if (this.options.appendOnly && batch.kinds === null) {
      this.batches.push(batch);
      this.appendedRows += batch.length;
      const tail = this.options.tail;
      while (tail !== undefined && this.batches.length > 1 && this.appendedRows - this.batches[0]!.length >= tail) {
        const first = this.batches.shift()!;
        this.appendedRows -= first.length;
        this.dropped += first.length;
      }
      return;
    }
    const rows = batchRows(batch);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const key = rowKey(row);
      const w = batch.kinds === null ? 1 : weightOf(batch.kinds[i]!);
      const e = this.counted.get(key);
      if (e === undefined) this.counted.set(key, { row, count: w });
      else if ((e.count += w) === 0) this.counted.delete(key);
    }
  }

  /** The current rows; a row with weight n appears n times. */
  rows(): Scalar[][] {
    const out = batchRows(this.appendedBatch());
    for (const { row, count } of this.counted.values()) for (let k = 0; k < count; k++) out.push(row);
    return out;
  }

  get rowCount(): number {
    let n = Math.min(this.appendedRows, this.options.tail ?? Infinity);
    for (const e of this.counted.values()) n += Math.max(0, e.count);
    return n;
  }

  /** Rows of an append-only changelog no longer kept because of `tail`. */
  get droppedRows(): number {
    return this.dropped + Math.max(0, this.appendedRows - (this.options.tail ?? Infinity));
  }

  toBatch(): Batch {
    const appended = this.appendedBatch();
    if (this.counted.size === 0) return appended;
    const rest = rowsToBatch(this.schema, [...this.counted.values()].flatMap(({ row, count }) => Array.from({ length: Math.max(0, count) }, () => row)));
    return concatBatches(this.schema, [appended, rest]);
  }

  private appendedBatch(): Batch {
    const all = this.batches.length === 0 ? rowsToBatch(this.schema, []) : concatBatches(this.schema, this.batches);
    const tail = this.options.tail;
    return tail !== undefined && all.length > tail ? sliceBatch(all, all.length - tail, all.length) : all;
  }
}

export function rowsToBatch(schema: Schema, rows: readonly (readonly Scalar[])[]): Batch {
  const builders = schema.map((f) => new ColumnBuilder(f.type, Math.max(8, rows.length)));
  for (const row of rows) for (let c = 0; c < builders.length; c++) builders[c]!.append(row[c]!);
  return { length: rows.length, columns: builders.map((b) => b.finish()), kinds: null };
}

/** An unambiguous key for a row: values tagged with their JS type, strings length-prefixed. */
export function rowKey(row: readonly Scalar[]): string {
  let k = '';
  for (const v of row) {
    if (typeof v === 'string') k += `s${v.length}:${v}`;
    else if (v === null) k += 'n';
    else if (typeof v === 'boolean') k += v ? 'T' : 'F';
    else k += `d${Object.is(v, -0) ? 0 : v};`;
  }
  return k;
}
