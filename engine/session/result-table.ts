import { batchRows, ROW_KIND_LABELS, type Batch, type Schema } from '../exec/batch/batch.js';
import type { Scalar } from '../exec/batch/column.js';
import { toJs, type JsValue } from './js-values.js';

/** A complete result: columns with names and types, and its rows. */
export class ResultTable {
  constructor(
    readonly schema: Schema,
    /** The rows in columnar form (Arrow layout; see exec/batch). */
    readonly batch: Batch,
  ) {}

  get rowCount(): number {
    return this.batch.length;
  }

  get columnNames(): string[] {
    return this.schema.map((f) => f.name);
  }

  /** Rows as arrays of engine values (TIMESTAMP and INTERVAL in microseconds). */
  scalars(): Scalar[][] {
    return batchRows(this.batch);
  }

  /** Rows as arrays of JS values (see JsValue). */
  rows(): JsValue[][] {
    return this.scalars().map((r) => r.map((v, c) => toJs(v, this.schema[c]!.type)));
  }

  /** Rows as objects keyed by column name. */
  objects(): Record<string, JsValue>[] {
    return this.rows().map((r) => Object.fromEntries(r.map((v, c) => [this.schema[c]!.name, v])));
  }
}

/** One batch of changes from a running query. */
export class ChangeBatch {
  constructor(
    readonly schema: Schema,
    readonly batch: Batch,
    /** Rows of earlier changes dropped because the reader fell behind (overflow `drop_oldest`). */
    readonly droppedBefore = 0,
  ) {}

  get length(): number {
    return this.batch.length;
  }

  /** The op of each row: +I, -U, +U or -D. */
  ops(): ('+I' | '-U' | '+U' | '-D')[] {
    const kinds = this.batch.kinds;
    return Array.from({ length: this.batch.length }, (_, i) => ROW_KIND_LABELS[kinds === null ? 0 : kinds[i]!]!);
  }

  scalars(): Scalar[][] {
    return batchRows(this.batch);
  }

  rows(): JsValue[][] {
    return this.scalars().map((r) => r.map((v, c) => toJs(v, this.schema[c]!.type)));
  }
}
