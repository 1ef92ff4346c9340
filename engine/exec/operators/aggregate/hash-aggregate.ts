import { positionsOf } from '../../../state/gather.js';
import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import type { WatermarkMark } from '../../../time/watermark.js';
import type { SqlType } from '../../../types/sql-type.js';
import type { Batch, Schema } from '../../batch/batch.js';
import type { BatchSink } from '../operator.js';
import { AggregateState } from './aggregate-state.js';
import type { AggregateSpec } from './create-accumulator.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

/**
 * When an aggregate tells downstream about changed groups:
 * - 'row': after every input row (the exact changelog, independent of batch sizes);
 * - 'batch': on flush, coalescing all changes since the last flush (live displays, views);
 * - 'final': only when the input ends (a query whose complete result is all that is read).
 */
export type EmitGranularity = 'row' | 'batch' | 'final';

export interface HashAggregateOptions {
  /** Input columns 0 … keyCount-1 are the group key. */
  readonly keyTypes: readonly SqlType[];
  readonly aggregates: readonly AggregateSpec[];
  /** The input never retracts, so MIN/MAX/FIRST/LAST keep only what they need. */
  readonly appendOnlyInput: boolean;
  readonly emit: EmitGranularity;
  readonly output: Schema;
  /**
   * 'partials': the input rows are groups' partial states from workers (partial-state.ts),
   * merged rather than added: the second phase of a two-phase GROUP BY. Default 'rows'.
   */
  readonly input?: 'rows' | 'partials';
}

/**
 * GROUP BY over a changelog. Each input row adds (+I, +U) or retracts (-U, -D) its values in
 * its group's accumulators; changed groups are then emitted as +I (new), -U/+U (changed) or
 * -D (every row retracted). Groups whose output did not change emit nothing.
 */
export class HashAggregate implements BatchSink, KeyedState {
  private readonly state: AggregateState;
  private dirtyFlags = new Uint8Array(64);
  private dirty: number[] = [];
  private readonly global: boolean;
  /** With 'final' granularity every live group is emitted at the end: no need to track changes. */
  private readonly trackDirty: boolean;

  constructor(
    private readonly options: HashAggregateOptions,
    private readonly downstream: BatchSink,
  ) {
    this.state = new AggregateState(options.keyTypes, options.aggregates, !options.appendOnlyInput, options.output);
    this.global = options.keyTypes.length === 0;
    this.trackDirty = options.emit !== 'final';
    // A global aggregate has a row even before any input: count(*) = 0.
    if (this.global) this.markDirty(this.globalGroup());
  }

  keyCount(): number {
    return this.state.keyCount;
  }

  push(batch: Batch): void {
    const n = batch.length;
    if (n === 0) return;
    const ids = this.state.assign(batch, n);
    this.ensureCapacity(this.state.table.idLimit);
    if (this.options.emit === 'row') {
      for (let i = 0; i < n; i++) {
        this.state.updateRow(batch, ids[i]!, i);
        this.emitGroup(ids[i]!);
      }
      this.removeEmptyGroups(ids.subarray(0, n));
      this.pushOutput();
      return;
    }
    if (this.options.input === 'partials') this.state.mergePartials(batch, ids, n);
    else this.state.update(batch, ids, n);
    if (this.trackDirty) for (let i = 0; i < n; i++) this.markDirty(ids[i]!);
  }

  watermark(mark: WatermarkMark): void {
    this.downstream.watermark(mark);
  }

  flush(): void {
    if (this.options.emit === 'batch') this.emitDirty();
    this.downstream.flush();
  }

  end(): void {
    this.emitDirty();
    this.downstream.end();
  }

  private emitDirty(): void {
    const dirty = this.trackDirty ? this.dirty : this.state.table.liveIds();
    this.dirty = [];
    for (const g of dirty) {
      this.dirtyFlags[g] = 0;
      this.emitGroup(g);
    }
    this.removeEmptyGroups(dirty);
    this.pushOutput();
  }

  /** Appends the change of group g since it was last emitted, if any. */
  private emitGroup(g: number): void {
    if (!this.global && this.state.isEmpty(g)) this.state.emitDelete(g);
    else this.state.emitRow(g, this.state.currentRow(g));
  }

  /** Groups every row of which was retracted are forgotten (the global one is only reset). */
  private removeEmptyGroups(candidates: ArrayLike<number>): void {
    for (let k = 0; k < candidates.length; k++) {
      const g = candidates[k]!;
      if (!this.state.isEmpty(g) || !this.state.table.isLive(g)) continue;
      if (this.global) this.state.resetAccumulators(g);
      else this.state.remove(g);
    }
  }

  private pushOutput(): void {
    const out = this.state.takeOutput();
    if (out) this.downstream.push(out);
  }

  private globalGroup(): number {
    const g = this.state.table.globalGroup();
    this.ensureCapacity(g + 1);
    return g;
  }

  private markDirty(g: number): void {
    if (this.dirtyFlags[g] === 0) {
      this.dirtyFlags[g] = 1;
      this.dirty.push(g);
    }
  }

  private ensureCapacity(limit: number): void {
    if (this.dirtyFlags.length < limit) {
      const df = new Uint8Array(Math.max(limit, this.dirtyFlags.length * 2));
      df.set(this.dirtyFlags);
      this.dirtyFlags = df;
    }
    this.state.ensureCapacity(limit);
  }

  snapshot(buffers?: SnapshotBuffers): StateSnapshot {
    // Dirty groups in the order they became dirty: the order they emit in.
    return this.state.snapshot(buffers, (ids) => ({ dirty: positionsOf(this.dirty, ids, this.state.table.idLimit) }));
  }

  restore(s: StateSnapshot): void {
    this.dirty = [];
    this.dirtyFlags = new Uint8Array(64);
    const ids = this.state.restore(s);
    this.ensureCapacity(this.state.table.idLimit);
    for (const i of (s as unknown as { dirty: Int32Array }).dirty) this.markDirty(ids[i]!);
  }
}
