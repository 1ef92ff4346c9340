import type { SortKey } from '../../plan/logical.js';
import type { Snapshottable, StateSnapshot } from '../../state/keyed-state.js';
import { WatermarkMark } from '../../time/watermark.js';
import type { Batch, Schema } from '../batch/batch.js';
import type { Scalar } from '../batch/column.js';
import { Consolidator, rowsToBatch } from '../consolidate.js';
import { compareScalars } from './aggregate/value-accumulators.js';
import type { BatchSink } from './operator.js';

/**
 * ORDER BY [LIMIT] [OFFSET] over a complete input: consolidates the input changelog, and when
 * the input ends sorts the rows and emits them (as inserts). Ties keep arrival order.
 */
export class SortOperator implements BatchSink, Snapshottable {
  private readonly rows: Consolidator;
  /** Held until the sorted rows are out: earlier, it would promise that no older rows come. */
  private lastMark: WatermarkMark | null = null;

  constructor(
    schema: Schema,
    private readonly keys: readonly SortKey[],
    private readonly limit: number | null,
    private readonly offset: number,
    appendOnlyInput: boolean,
    private readonly downstream: BatchSink,
  ) {
    this.rows = new Consolidator(schema, { appendOnly: appendOnlyInput });
  }

  push(batch: Batch): void {
    this.rows.apply(batch);
  }

  watermark(mark: WatermarkMark): void {
    this.lastMark = mark;
  }

  flush(): void {}

  /** The rows so far, in arrival order, and the watermark held back. */
  snapshot(): StateSnapshot {
    return { version: 1, rows: this.rows.toBatch(), mark: this.lastMark ? { value: this.lastMark.value, idle: this.lastMark.idle } : null };
  }

  restore(s: StateSnapshot): void {
    this.rows.apply(s.rows as Batch);
    const mark = s.mark as { value: number; idle: boolean } | null;
    this.lastMark = mark ? new WatermarkMark(mark.value, mark.idle) : null;
  }

  end(): void {
    const rows = this.rows.rows();
    if (this.keys.length > 0) rows.sort((a, b) => compareRows(a, b, this.keys));
    const end = this.limit === null ? rows.length : this.offset + this.limit;
    const out = rows.slice(this.offset, end);
    if (out.length > 0) this.downstream.push(rowsToBatch(this.rows.schema, out));
    if (this.lastMark) this.downstream.watermark(this.lastMark);
    this.downstream.flush();
    this.downstream.end();
  }
}

export function compareRows(a: readonly Scalar[], b: readonly Scalar[], keys: readonly SortKey[]): number {
  for (const k of keys) {
    const x = a[k.column]!;
    const y = b[k.column]!;
    if (x === null || y === null) {
      if (x === y) continue;
      // NULLs go last unless NULLS FIRST, whatever the direction.
      return (x === null) === k.nullsFirst ? -1 : 1;
    }
    const c = compareScalars(x, y);
    if (c !== 0) return k.descending ? -c : c;
  }
  return 0;
}
