import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import { GroupTable } from '../../../state/group-table.js';
import type { SqlType } from '../../../types/sql-type.js';
import { DELETE, INSERT, UPDATE_AFTER, UPDATE_BEFORE, type Batch, type Schema } from '../../batch/batch.js';
import { ColumnBuilder } from '../../batch/builder.js';
import { valueAt, type Column, type Scalar } from '../../batch/column.js';
import type { BatchSink } from '../operator.js';
import type { Accumulator } from './accumulator.js';
import { createAccumulator, type AggregateSpec } from './create-accumulator.js';
import { compareScalars } from './value-accumulators.js';

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
}

/**
 * GROUP BY over a changelog. Each input row adds (+I, +U) or retracts (-U, -D) its values in
 * its group's accumulators; changed groups are then emitted as +I (new), -U/+U (changed) or
 * -D (every row retracted). Groups whose output did not change emit nothing.
 */
export class HashAggregate implements BatchSink, KeyedState {
  private table: GroupTable;
  private readonly accumulators: Accumulator[];
  private rowCounts = new Float64Array(64);
  private readonly emitted: (Scalar[] | undefined)[] = [];
  private dirtyFlags = new Uint8Array(64);
  private dirty: number[] = [];
  private ids = new Int32Array(1024);
  private readonly global: boolean;
  private out: ColumnBuilder[];
  private outKinds: number[] = [];
  /** Row counts only detect groups whose every row was retracted: not needed for inserts only. */
  private readonly countRows: boolean;
  /** With 'final' granularity every live group is emitted at the end: no need to track changes. */
  private readonly trackDirty: boolean;

  constructor(
    private readonly options: HashAggregateOptions,
    private readonly downstream: BatchSink,
  ) {
    this.table = new GroupTable(options.keyTypes);
    this.accumulators = options.aggregates.map((a) => createAccumulator(a, !options.appendOnlyInput));
    this.global = options.keyTypes.length === 0;
    this.out = options.output.map((f) => new ColumnBuilder(f.type, 64));
    this.countRows = !options.appendOnlyInput;
    this.trackDirty = options.emit !== 'final';
    // A global aggregate has a row even before any input: count(*) = 0.
    if (this.global) this.markDirty(this.globalGroup());
  }

  keyCount(): number {
    return this.table.size;
  }

  push(batch: Batch): void {
    const n = batch.length;
    if (n === 0) return;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    const ids = this.ids;
    if (this.global) ids.fill(this.globalGroup(), 0, n);
    else this.table.assign(batch.columns.slice(0, this.options.keyTypes.length), n, ids);
    this.ensureCapacity(this.table.idLimit);
    const kinds = batch.kinds;
    if (this.options.emit === 'row') {
      this.pushRowByRow(batch, ids, n);
      return;
    }
    this.options.aggregates.forEach((spec, a) => this.update(this.accumulators[a]!, spec, batch, ids, n));
    if (this.countRows) {
      const rc = this.rowCounts;
      for (let i = 0; i < n; i++) rc[ids[i]!]! += kinds === null ? 1 : weight(kinds[i]!);
    }
    if (this.trackDirty) {
      const flags = this.dirtyFlags;
      for (let i = 0; i < n; i++) {
        const g = ids[i]!;
        if (flags[g] === 0) {
          flags[g] = 1;
          this.dirty.push(g);
        }
      }
    }
  }

  flush(): void {
    if (this.options.emit === 'batch') this.emitDirty();
    this.downstream.flush();
  }

  end(): void {
    this.emitDirty();
    this.downstream.end();
  }

  // ── updating ──

  private update(acc: Accumulator, spec: AggregateSpec, batch: Batch, ids: Int32Array, n: number): void {
    const arg = spec.arg === null ? null : batch.columns[spec.arg]!;
    const filter = spec.filter === null ? null : batch.columns[spec.filter]!;
    if (!spec.distinct && acc.bulk?.(ids, n, arg, filter, batch.kinds)) return;
    for (let i = 0; i < n; i++) this.applyRow(acc, arg, filter, batch.kinds, ids[i]!, i);
  }

  private applyRow(acc: Accumulator, arg: Column | null, filter: Column | null, kinds: Uint8Array | null, g: number, i: number): void {
    if (filter !== null && !passes(filter, i)) return;
    acc.add(g, arg === null ? true : valueAt(arg, i), kinds === null ? 1 : weight(kinds[i]!));
  }

  private pushRowByRow(batch: Batch, ids: Int32Array, n: number): void {
    const specs = this.options.aggregates;
    for (let i = 0; i < n; i++) {
      const g = ids[i]!;
      for (let a = 0; a < specs.length; a++) {
        const spec = specs[a]!;
        const arg = spec.arg === null ? null : batch.columns[spec.arg]!;
        const filter = spec.filter === null ? null : batch.columns[spec.filter]!;
        this.applyRow(this.accumulators[a]!, arg, filter, batch.kinds, g, i);
      }
      if (this.countRows) this.rowCounts[g]! += batch.kinds === null ? 1 : weight(batch.kinds[i]!);
      this.emitGroup(g);
    }
    this.removeEmptyGroups(ids.subarray(0, n));
    this.pushOutput();
  }

  // ── emitting ──

  private emitDirty(): void {
    const dirty = this.trackDirty ? this.dirty : this.table.liveIds();
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
    const prev = this.emitted[g];
    if (!this.global && this.countRows && this.rowCounts[g] === 0) {
      if (prev) this.append(prev, DELETE);
      this.emitted[g] = undefined;
      return;
    }
    const row = this.currentRow(g);
    if (!prev) this.append(row, INSERT);
    else if (!sameRow(prev, row)) {
      this.append(prev, UPDATE_BEFORE);
      this.append(row, UPDATE_AFTER);
    }
    this.emitted[g] = row;
  }

  /** Groups every row of which was retracted are forgotten (their accumulators reset). */
  private removeEmptyGroups(candidates: ArrayLike<number>): void {
    if (!this.countRows) return;
    for (let k = 0; k < candidates.length; k++) {
      const g = candidates[k]!;
      if (this.rowCounts[g] !== 0 || !this.table.isLive(g)) continue;
      for (const acc of this.accumulators) acc.clear(g);
      if (!this.global) this.table.remove(g);
    }
  }

  private currentRow(g: number): Scalar[] {
    const row: Scalar[] = [];
    for (let k = 0; k < this.options.keyTypes.length; k++) row.push(this.table.keyValue(g, k));
    for (const acc of this.accumulators) row.push(acc.result(g));
    return row;
  }

  private append(row: Scalar[], kind: number): void {
    for (let c = 0; c < row.length; c++) this.out[c]!.append(row[c]!);
    this.outKinds.push(kind);
  }

  private pushOutput(): void {
    const n = this.outKinds.length;
    if (n === 0) return;
    const kinds = Uint8Array.from(this.outKinds);
    this.outKinds = [];
    const columns = this.out.map((b) => b.finish());
    this.downstream.push({ length: n, columns, kinds: kinds.every((k) => k === INSERT) ? null : kinds });
  }

  // ── state ──

  private globalGroup(): number {
    const g = this.table.globalGroup();
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
    if (this.rowCounts.length < limit) {
      const cap = Math.max(limit, this.rowCounts.length * 2);
      const rc = new Float64Array(cap);
      rc.set(this.rowCounts);
      this.rowCounts = rc;
      const df = new Uint8Array(cap);
      df.set(this.dirtyFlags);
      this.dirtyFlags = df;
    }
    for (const acc of this.accumulators) acc.grow(limit);
  }

  snapshot(): StateSnapshot {
    const ids = this.table.liveIds();
    return {
      version: 1,
      keys: ids.map((g) => this.options.keyTypes.map((_, k) => this.table.keyValue(g, k))),
      rowCounts: ids.map((g) => this.rowCounts[g]),
      emitted: ids.map((g) => this.emitted[g] ?? null),
      dirty: ids.map((g) => this.dirtyFlags[g] === 1),
      accumulators: this.accumulators.map((acc) => acc.snapshot(ids)),
    };
  }

  restore(s: StateSnapshot): void {
    const snap = s as unknown as { keys: Scalar[][]; rowCounts: number[]; emitted: (Scalar[] | null)[]; dirty: boolean[]; accumulators: unknown[][] };
    this.table = new GroupTable(this.options.keyTypes);
    this.dirty = [];
    this.emitted.length = 0;
    this.rowCounts = new Float64Array(Math.max(64, snap.keys.length));
    this.dirtyFlags = new Uint8Array(this.rowCounts.length);
    const ids = snap.keys.map((key) => this.table.add(key));
    this.ensureCapacity(this.table.idLimit);
    ids.forEach((g, i) => {
      this.rowCounts[g] = snap.rowCounts[i]!;
      this.emitted[g] = snap.emitted[i] ?? undefined;
      if (snap.dirty[i]) this.markDirty(g);
    });
    this.accumulators.forEach((acc, a) => acc.restore(ids, snap.accumulators[a]!));
  }
}

function weight(kind: number): number {
  return kind === INSERT || kind === UPDATE_AFTER ? 1 : -1;
}

function passes(filter: Column, i: number): boolean {
  if (filter.validity !== null && !((filter.validity[i >> 3]! >> (i & 7)) & 1)) return false;
  return ((filter.data[i >> 3]! >> (i & 7)) & 1) === 1;
}

function sameRow(a: readonly Scalar[], b: readonly Scalar[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x === null || y === null || compareScalars(x, y) !== 0) return false;
  }
  return true;
}
