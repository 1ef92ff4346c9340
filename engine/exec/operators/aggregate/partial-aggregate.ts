import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import type { WatermarkMark } from '../../../time/watermark.js';
import type { SqlType } from '../../../types/sql-type.js';
import type { Batch, Schema } from '../../batch/batch.js';
import type { BatchSink } from '../operator.js';
import { AggregateState } from './aggregate-state.js';
import type { AggregateSpec } from './create-accumulator.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

export interface PartialAggregateOptions {
  readonly keyTypes: readonly SqlType[];
  readonly aggregates: readonly AggregateSpec[];
  /** partialSchema(keys, aggregates): keys, then each aggregate's state columns. */
  readonly output: Schema;
}

/**
 * The first phase of a two-phase GROUP BY, on a worker: aggregates whatever part of an
 * insert-only input it is given and, when the input ends, emits each group's partial state
 * for the session's thread to merge (a HashAggregate reading partials). Only for complete
 * results ('final' emission), so nothing is emitted before the end.
 */
export class PartialAggregate implements BatchSink, KeyedState {
  private readonly state: AggregateState;

  constructor(
    private readonly options: PartialAggregateOptions,
    private readonly downstream: BatchSink,
  ) {
    this.state = new AggregateState(options.keyTypes, options.aggregates, false, options.output, false);
  }

  keyCount(): number {
    return this.state.keyCount;
  }

  push(batch: Batch): void {
    const n = batch.length;
    if (n === 0) return;
    this.state.update(batch, this.state.assign(batch, n), n);
  }

  watermark(mark: WatermarkMark): void {
    this.downstream.watermark(mark);
  }

  flush(): void {
    this.downstream.flush();
  }

  end(): void {
    const rows = this.state.partialRows(this.options.output);
    if (rows.length > 0) this.downstream.push(rows);
    this.downstream.end();
  }

  snapshot(buffers?: SnapshotBuffers): StateSnapshot {
    return this.state.snapshot(buffers);
  }

  restore(s: StateSnapshot): void {
    this.state.restore(s);
  }
}
