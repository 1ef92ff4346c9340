import type { SqlType } from '../../types/sql-type.js';
import { concatColumns, gatherColumn, sliceColumn } from './builder.js';
import { valueAt, type Column, type Scalar } from './column.js';

/**
 * A batch of rows of a changelog (DESIGN.md, principle 2). Each row has a kind: INSERT (+I),
 * UPDATE_BEFORE (-U), UPDATE_AFTER (+U) or DELETE (-D). The kind's weight is +1 for +I and +U
 * and -1 for -U and -D; a materialized result is the sum of weights per distinct row.
 * `kinds` is null when every row is an INSERT (the append-only case).
 */
export interface Batch {
  readonly length: number;
  readonly columns: readonly Column[];
  readonly kinds: Uint8Array | null;
  /**
   * For rows of a source with a WATERMARK: the watermark in effect just before each row
   * (computed from every earlier row of the source, also rows later filtered out). Window
   * operators decide lateness by it, so the same rows are late whatever the batch sizes.
   */
  readonly rowWatermarks?: Float64Array | null;
}

export const INSERT = 0;
export const UPDATE_BEFORE = 1;
export const UPDATE_AFTER = 2;
export const DELETE = 3;
export type RowKind = typeof INSERT | typeof UPDATE_BEFORE | typeof UPDATE_AFTER | typeof DELETE;

export const ROW_KIND_LABELS = ['+I', '-U', '+U', '-D'] as const;

/**
 * Row kinds of the rows a filter kept (`kinds[j]` of input row `from[j]`, j < n): an update's
 * halves are adjacent (-U, then its +U), and when the filter kept one half only, the change is
 * an insert (+U alone becomes +I) or a delete (-U alone becomes -D).
 */
export function unpairedUpdates(kinds: Uint8Array, from: Int32Array, n: number): Uint8Array {
  for (let j = 0; j < n; j++) {
    if (kinds[j] === UPDATE_AFTER && !(j > 0 && kinds[j - 1] === UPDATE_BEFORE && from[j - 1] === from[j]! - 1)) kinds[j] = INSERT;
    else if (kinds[j] === UPDATE_BEFORE && !(j + 1 < n && kinds[j + 1] === UPDATE_AFTER && from[j + 1] === from[j]! + 1)) kinds[j] = DELETE;
  }
  return kinds.subarray(0, n);
}

export function weightOf(kind: number): 1 | -1 {
  return kind === INSERT || kind === UPDATE_AFTER ? 1 : -1;
}

export interface Field {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
}

export type Schema = readonly Field[];

export function emptyBatch(schema: Schema): Batch {
  return { length: 0, columns: schema.map((f) => sliceColumnOfType(f.type)), kinds: null };
}

function sliceColumnOfType(type: SqlType): Column {
  return concatColumns(type, []);
}

export function kindAt(batch: Batch, i: number): RowKind {
  return (batch.kinds === null ? INSERT : batch.kinds[i]!) as RowKind;
}

export function rowAt(batch: Batch, i: number): Scalar[] {
  return batch.columns.map((c) => valueAt(c, i));
}

/** All rows of a batch as arrays of scalars (for tests, display and small results). */
export function batchRows(batch: Batch): Scalar[][] {
  const rows: Scalar[][] = [];
  for (let i = 0; i < batch.length; i++) rows.push(rowAt(batch, i));
  return rows;
}

export function gatherBatch(batch: Batch, indices: Int32Array, n: number): Batch {
  let kinds: Uint8Array | null = null;
  if (batch.kinds !== null) {
    kinds = new Uint8Array(n);
    for (let j = 0; j < n; j++) kinds[j] = batch.kinds[indices[j]!]!;
  }
  let rowWatermarks: Float64Array | null = null;
  if (batch.rowWatermarks) {
    rowWatermarks = new Float64Array(n);
    for (let j = 0; j < n; j++) rowWatermarks[j] = batch.rowWatermarks[indices[j]!]!;
  }
  return { length: n, columns: batch.columns.map((c) => gatherColumn(c, indices, n)), kinds, rowWatermarks };
}

export function sliceBatch(batch: Batch, start: number, end: number): Batch {
  if (start === 0 && end === batch.length) return batch;
  return {
    length: end - start,
    columns: batch.columns.map((c) => sliceColumn(c, start, end)),
    kinds: batch.kinds === null ? null : batch.kinds.slice(start, end),
    rowWatermarks: batch.rowWatermarks ? batch.rowWatermarks.slice(start, end) : null,
  };
}

export function concatBatches(schema: Schema, batches: readonly Batch[]): Batch {
  if (batches.length === 1) return batches[0]!;
  const length = batches.reduce((s, b) => s + b.length, 0);
  const columns = schema.map((f, c) => concatColumns(f.type, batches.map((b) => b.columns[c]!)));
  let kinds: Uint8Array | null = null;
  if (batches.some((b) => b.kinds !== null)) {
    kinds = new Uint8Array(length);
    let at = 0;
    for (const b of batches) {
      if (b.kinds !== null) kinds.set(b.kinds, at);
      at += b.length;
    }
  }
  return { length, columns, kinds };
}

/** The same rows with every kind replaced (e.g. all +I for a snapshot). */
export function withKinds(batch: Batch, kinds: Uint8Array | null): Batch {
  return { length: batch.length, columns: batch.columns, kinds };
}
