import { LaminarError } from '../../../errors/laminar-error.js';
import { firstIds, gather } from '../../../state/gather.js';
import { GroupTable, type GroupKeys } from '../../../state/group-table.js';
import type { StateSnapshot } from '../../../state/keyed-state.js';
import type { SqlType } from '../../../types/sql-type.js';
import { DELETE, INSERT, UPDATE_AFTER, UPDATE_BEFORE, type Batch, type Schema } from '../../batch/batch.js';
import { ColumnBuilder } from '../../batch/builder.js';
import { valueAt, type Column, type Scalar } from '../../batch/column.js';
import type { Accumulator, AccumulatorSnapshot } from './accumulator.js';
import { createAccumulators, type AggregateSpec } from './create-accumulator.js';
import { partialLayout } from './partial-state.js';
import { EmittedRows, type EmittedSnapshot } from './emitted-rows.js';
import { compareScalars } from './value-accumulators.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

/**
 * The state of a grouped aggregation, shared by GROUP BY and windowed GROUP BY: groups
 * (keys → ids), their accumulators, how many rows each holds, the row each last emitted, and
 * the output being built. It knows how to turn a group's change into changelog rows; when to
 * emit is the operators' business.
 */
export class AggregateState {
  table: GroupTable;
  accumulators: Accumulator[];
  private rowCounts = new Float64Array(64);
  private emitted = new EmittedRows();
  private readonly out: ColumnBuilder[];
  private outKinds: number[] = [];
  private ids = new Int32Array(1024);

  constructor(
    private readonly keyTypes: readonly SqlType[],
    readonly specs: readonly AggregateSpec[],
    /** The input may retract: MIN/MAX/FIRST/LAST keep their multisets, and rows are counted. */
    readonly retractable: boolean,
    output: Schema,
    /** False for a first phase, which emits partial states, never changelog rows: no need to track what changed. */
    private readonly emitsChanges = true,
  ) {
    this.table = new GroupTable(keyTypes);
    this.accumulators = createAccumulators(specs, retractable);
    this.out = output.map((f) => new ColumnBuilder(f.type, 64));
  }

  get keyCount(): number {
    return this.table.size;
  }

  /** Makes room for group ids below `limit` (call after creating groups). */
  ensureCapacity(limit: number): void {
    if (this.rowCounts.length < limit) {
      const rc = new Float64Array(Math.max(limit, this.rowCounts.length * 2));
      rc.set(this.rowCounts);
      this.rowCounts = rc;
    }
    this.emitted.grow(limit);
    for (const acc of this.accumulators) acc.grow(limit);
  }

  /** The group id of each row of a batch (keys in its first columns), creating groups; valid until the next call. */
  assign(batch: Batch, n: number): Int32Array {
    if (this.ids.length < n) this.ids = new Int32Array(n);
    const ids = this.ids;
    if (this.keyTypes.length === 0) ids.fill(this.table.globalGroup(), 0, n);
    else this.table.assign(batch.columns.slice(0, this.keyTypes.length), n, ids);
    this.ensureCapacity(this.table.idLimit);
    return ids;
  }

  /** Applies the rows of a batch to their groups (ids per row). */
  update(batch: Batch, ids: Int32Array, n: number): void {
    if (this.emitsChanges) this.emitted.touchAll(ids, n);
    this.specs.forEach((spec, a) => {
      const acc = this.accumulators[a]!;
      const arg = spec.arg === null ? null : batch.columns[spec.arg]!;
      const filter = spec.filter === null ? null : batch.columns[spec.filter]!;
      if (!spec.distinct && acc.bulk?.(ids, n, arg, filter, batch.kinds)) return;
      for (let i = 0; i < n; i++) applyRow(acc, arg, filter, batch.kinds, ids[i]!, i);
    });
    if (this.retractable) {
      const rc = this.rowCounts;
      const kinds = batch.kinds;
      for (let i = 0; i < n; i++) rc[ids[i]!]! += kinds === null ? 1 : weight(kinds[i]!);
    }
  }

  /**
   * Folds rows of partial states (the keys, then each accumulator's state columns, as
   * partial-state.ts lays them out) into their groups: the merge of two-phase aggregation.
   */
  mergePartials(batch: Batch, ids: Int32Array, n: number): void {
    this.emitted.touchAll(ids, n);
    let at = this.keyTypes.length;
    partialLayout(this.specs).forEach((types, a) => {
      const acc = this.accumulators[a]!;
      const columns = batch.columns.slice(at, at + types.length);
      at += columns.length;
      for (let i = 0; i < n; i++) acc.mergePartial!(ids[i]!, columns.map((c) => valueAt(c, i)));
    });
  }

  /** Every live group as a row of partial states, in `schema` (partialSchema's). */
  partialRows(schema: Schema): Batch {
    const ids = this.table.liveIds();
    const out = schema.map((f) => new ColumnBuilder(f.type, Math.max(ids.length, 1)));
    for (const g of ids) {
      let c = 0;
      for (let k = 0; k < this.keyTypes.length; k++) out[c++]!.append(this.table.keyValue(g, k));
      for (const acc of this.accumulators) for (const v of acc.partialState!(g)) out[c++]!.append(v);
    }
    return { length: ids.length, columns: out.map((b) => b.finish()), kinds: null };
  }

  /** Applies one row (row-by-row emission). */
  updateRow(batch: Batch, g: number, i: number): void {
    this.emitted.touch(g);
    this.specs.forEach((spec, a) => {
      const arg = spec.arg === null ? null : batch.columns[spec.arg]!;
      const filter = spec.filter === null ? null : batch.columns[spec.filter]!;
      applyRow(this.accumulators[a]!, arg, filter, batch.kinds, g, i);
    });
    if (this.retractable) this.rowCounts[g]! += batch.kinds === null ? 1 : weight(batch.kinds[i]!);
  }

  /** Folds group `from` into `into` (merging session windows); `from` is then removed. */
  merge(into: number, from: number): void {
    this.emitted.touch(into);
    this.emitted.touch(from);
    for (const acc of this.accumulators) acc.merge(into, from);
    this.rowCounts[into]! += this.rowCounts[from]!;
  }

  /** True when every row of the group was retracted (never for inputs that only insert). */
  isEmpty(g: number): boolean {
    return this.retractable && this.rowCounts[g] === 0;
  }

  /** The group's output row: `prefix` (window bounds), then its keys, then its aggregates. */
  currentRow(g: number, prefix: readonly Scalar[] = [], keysFrom = 0): Scalar[] {
    const row: Scalar[] = [...prefix];
    for (let k = keysFrom; k < this.keyTypes.length; k++) row.push(this.table.keyValue(g, k));
    for (const acc of this.accumulators) row.push(acc.result(g));
    return row;
  }

  /** Appends the change from the group's last emitted row to `row` (nothing if equal). */
  emitRow(g: number, row: Scalar[]): void {
    const prev = this.emitted.last(g);
    if (!prev) this.append(row, INSERT);
    else if (!sameRow(prev, row)) {
      this.append(prev, UPDATE_BEFORE);
      this.append(row, UPDATE_AFTER);
    }
    this.emitted.set(g, row);
  }

  /** Retracts the group's last emitted row, if any. */
  emitDelete(g: number): void {
    const prev = this.emitted.last(g);
    if (prev) this.append(prev, DELETE);
    this.emitted.set(g, undefined);
  }

  hasEmitted(g: number): boolean {
    return this.emitted.has(g);
  }

  /** Forgets a group: its accumulators reset, its id free for reuse. */
  remove(g: number): void {
    this.emitted.set(g, undefined);
    this.resetAccumulators(g);
    this.table.remove(g);
  }

  /** Resets a group's accumulators (every row retracted: no rounding residue is kept). */
  resetAccumulators(g: number): void {
    this.emitted.touch(g);
    for (const acc of this.accumulators) acc.clear(g);
    this.rowCounts[g] = 0;
  }

  /** The changelog rows appended since the last call, as one batch; null if none. */
  takeOutput(): Batch | null {
    const n = this.outKinds.length;
    if (n === 0) return null;
    const kinds = Uint8Array.from(this.outKinds);
    this.outKinds = [];
    const columns = this.out.map((b) => b.finish());
    return { length: n, columns, kinds: kinds.every((k) => k === INSERT) ? null : kinds };
  }

  private append(row: readonly Scalar[], kind: number): void {
    for (let c = 0; c < row.length; c++) this.out[c]!.append(row[c]!);
    this.outKinds.push(kind);
  }

  /**
   * The state as columns over the live groups (ascending ids), copied: cheap enough to take
   * while the pipeline is held. `extra` adds the operator's own per-group columns, in the same
   * order. A group's last emitted row is stored only when it differs from its current row.
   */
  snapshot(buffers?: SnapshotBuffers, extra: (ids: Int32Array) => Record<string, unknown> = () => ({})): StateSnapshot {
    const ids = this.table.liveIdArray();
    const snap: AggregateSnapshot = {
      version: AGGREGATE_SNAPSHOT_VERSION,
      keys: this.table.captureKeys(ids, buffers),
      rowCounts: this.retractable ? gather(this.rowCounts, ids, buffers) : null,
      ...this.emitted.capture(ids, buffers),
      accumulators: this.accumulators.map((acc) => acc.snapshot(ids, buffers)),
    };
    return { ...snap, ...extra(ids) };
  }

  /**
   * Loads a snapshot: its groups get ids 0 … n-1 in snapshot order (returned). A group that
   * had emitted its current row gets `currentRowOf(g)` as its emitted row again, built when
   * first needed: the row the operator emits for it (window bounds included) as of the
   * snapshot, computed from the restored state before the group changes.
   */
  restore(s: StateSnapshot, currentRowOf: (g: number) => Scalar[] = (g) => this.currentRow(g)): Int32Array {
    if (s.version !== AGGREGATE_SNAPSHOT_VERSION) {
      throw new LaminarError('CHECKPOINT_VERSION', `the checkpoint holds aggregate state of snapshot version ${String(s.version)}; this LaminarDB reads version ${AGGREGATE_SNAPSHOT_VERSION}`, {
        hint: 'open it with the LaminarDB version that wrote it, or start a new session directory',
      });
    }
    const snap = s as unknown as AggregateSnapshot;
    const n = snap.keys.count;
    const ids = firstIds(n);
    this.table = GroupTable.load(this.keyTypes, snap.keys);
    this.accumulators = createAccumulators(this.specs, this.retractable);
    this.rowCounts = new Float64Array(Math.max(64, n));
    this.emitted = EmittedRows.load(snap, currentRowOf);
    this.ensureCapacity(n);
    if (snap.rowCounts) this.rowCounts.set(snap.rowCounts);
    this.accumulators.forEach((acc, a) => acc.restore(ids, snap.accumulators[a]!));
    return ids;
  }
}

/**
 * Bumped whenever the layout below changes: version 1 held arrays per group, 3 binned sums,
 * 4 the emitted bits of every group as they are (EmittedRows).
 */
export const AGGREGATE_SNAPSHOT_VERSION = 4;

interface AggregateSnapshot extends EmittedSnapshot {
  readonly version: number;
  readonly keys: GroupKeys;
  /** Rows per group net of retractions; null when the input never retracts. */
  readonly rowCounts: Float64Array | null;
  readonly accumulators: AccumulatorSnapshot[];
}

export function weight(kind: number): number {
  return kind === INSERT || kind === UPDATE_AFTER ? 1 : -1;
}

function applyRow(acc: Accumulator, arg: Column | null, filter: Column | null, kinds: Uint8Array | null, g: number, i: number): void {
  if (filter !== null && !passes(filter, i)) return;
  acc.add(g, arg === null ? true : valueAt(arg, i), kinds === null ? 1 : weight(kinds[i]!));
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
