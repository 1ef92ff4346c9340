import { positionsOf } from '../../../state/gather.js';
import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import { END_OF_INPUT, NO_WATERMARK, type WatermarkMark } from '../../../time/watermark.js';
import type { SqlType } from '../../../types/sql-type.js';
import { gatherBatch, sliceBatch, type Batch, type Schema } from '../../batch/batch.js';
import { makeColumn } from '../../batch/builder.js';
import { readInt64 } from '../../batch/int64.js';
import { AggregateState } from '../aggregate/aggregate-state.js';
import type { AggregateSpec } from '../aggregate/create-accumulator.js';
import type { BatchSink } from '../operator.js';
import type { WindowEmit } from './window-emit.js';
import { WindowRegistry } from './window-registry.js';
import { maxWindowsPerRow, windowStarts, type WindowSpec } from './window-spec.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

export interface LateRows {
  /** Input columns making up a late row as routed (LATE DATA TO). */
  readonly columns: readonly number[];
  /** Receives late rows; null when they are only counted. */
  readonly route: ((rows: Batch) => void) | null;
}

/** Sends the rows of `batch` at `late` to LATE DATA TO, if the query has one. */
export function routeLateRows(batch: Batch, late: readonly number[], target: LateRows): void {
  if (!target.route) return;
  const rows = gatherBatch(batch, Int32Array.from(late), late.length);
  target.route({ length: rows.length, columns: target.columns.map((c) => rows.columns[c]!), kinds: null });
}

/** What every windowed aggregate (TUMBLE, HOP, SESSION) is built from. */
export interface WindowedAggregateOptions {
  /** Input column holding each row's event time (TIMESTAMP). */
  readonly timeColumn: number;
  /** Input columns of the GROUP BY keys other than the window. */
  readonly keyColumns: readonly number[];
  readonly keyTypes: readonly SqlType[];
  readonly aggregates: readonly AggregateSpec[];
  readonly emit: WindowEmit;
  /** ALLOW LATENESS (µs): how long after its end a window still accepts rows. */
  readonly lateness: number;
  /** The input's watermarks are about `timeColumn` (else only the end of input closes windows). */
  readonly watermarked: boolean;
  readonly late: LateRows;
  /** window_start, window_end, keys, aggregates. */
  readonly output: Schema;
}

export interface WindowAggregateOptions extends WindowedAggregateOptions {
  readonly window: Exclude<WindowSpec, { kind: 'session' }>;
  readonly appendOnlyInput: boolean;
}

/**
 * GROUP BY TUMBLE / HOP windows and keys. Rows go to the windows containing their event time;
 * a row whose every window closed (end + lateness at or below the watermark in effect before
 * the row) is late: counted and, with LATE DATA TO, routed. When the watermark passes a
 * window's end (plus lateness), its groups emit as the EMIT mode says and their state is
 * dropped, so memory follows the open windows, not the stream.
 */
export class WindowAggregate implements BatchSink, KeyedState {
  private readonly state: AggregateState;
  private readonly registry = new WindowRegistry();
  private registered = new Uint8Array(64);
  private dirtyFlags = new Uint8Array(64);
  private dirty: number[] = [];
  private current = NO_WATERMARK;
  /** Close mode: windows ending at or before this have emitted their row. */
  private closedUpTo = NO_WATERMARK;
  /** Every mode: the next event time at which changes are emitted. */
  private nextTick = NO_WATERMARK;
  private ids = new Int32Array(1024);
  /** Per batch: the row and window start of each (row, window) pair; reused between batches. */
  private rowIndex = new Int32Array(1024);
  private starts = new Float64Array(1024);
  private readonly startsBuffer: Float64Array;
  lateRows = 0;

  constructor(
    private readonly options: WindowAggregateOptions,
    private readonly downstream: BatchSink,
  ) {
    this.state = new AggregateState(['TIMESTAMP', ...options.keyTypes], options.aggregates, !options.appendOnlyInput, options.output);
    this.startsBuffer = new Float64Array(maxWindowsPerRow(options.window));
  }

  keyCount(): number {
    return this.state.keyCount;
  }

  get openWindows(): number {
    return this.registry.windowCount;
  }

  push(batch: Batch): void {
    const n = batch.length;
    if (n === 0) return;
    const marks = this.options.watermarked ? (batch.rowWatermarks ?? null) : null;
    if (marks === null || !this.advancesWithin(batch, marks)) {
      this.pushRows(batch);
      return;
    }
    // Event time advances row by row: where the watermark before a row passes the next window
    // end (or tick, or purge time), the rows before are applied and the windows advanced first,
    // so output does not depend on where batches begin and end. Rows not yet applied count too:
    // `pending` is the earliest end of their windows.
    const time = batch.columns[this.options.timeColumn]!;
    const slack = this.slack();
    let from = 0;
    let threshold = this.nextThreshold();
    let pending = Infinity;
    for (let i = 0; i < n; i++) {
      const w = marks[i]!;
      if (w > this.current && w >= Math.min(threshold, pending)) {
        if (i > from) this.pushRows(sliceBatch(batch, from, i));
        this.advance(w);
        threshold = this.nextThreshold();
        pending = Infinity;
        from = i;
      }
      if (time.validity === null || (time.validity[i >> 3]! >> (i & 7)) & 1) {
        windowStarts(this.options.window, readInt64(time.data as Int32Array, i), this.startsBuffer);
        pending = Math.min(pending, this.startsBuffer[0]! + this.options.window.size + slack);
      }
    }
    this.pushRows(from === 0 ? batch : sliceBatch(batch, from, n));
  }

  /**
   * Whether event time passes something (a window end, tick or purge time) inside the batch,
   * so that it must be split. Row watermarks never decrease, so the last row's is the largest;
   * the earliest window a row of the batch opens ends after the earliest event time's does.
   * Usually false: a cheap scan saves the row-by-row one.
   */
  private advancesWithin(batch: Batch, marks: Float64Array): boolean {
    const last = marks[batch.length - 1]!;
    if (last <= this.current) return false;
    if (last >= this.nextThreshold()) return true;
    const time = batch.columns[this.options.timeColumn]!;
    const words = time.data as Int32Array;
    let min = Infinity;
    for (let i = 0; i < batch.length; i++) {
      if (time.validity !== null && !((time.validity[i >> 3]! >> (i & 7)) & 1)) continue;
      const t = readInt64(words, i);
      if (t < min) min = t;
    }
    if (min === Infinity) return false;
    windowStarts(this.options.window, min, this.startsBuffer);
    return last >= this.startsBuffer[0]! + this.options.window.size + this.slack();
  }

  /** How long after its end a window's rows still matter before the watermark triggers work. */
  private slack(): number {
    const mode = this.options.emit.mode;
    return mode !== 'changes' && mode !== 'final' ? 0 : this.options.lateness;
  }

  /** The smallest event time at which advancing would do something. */
  private nextThreshold(): number {
    const { window, lateness, emit } = this.options;
    let t = Infinity;
    const first = this.registry.first();
    if (first !== undefined) t = first + window.size + lateness;
    if (emit.mode === 'close' || emit.mode === 'every') {
      for (const [s] of this.registry.upTo(Infinity)) {
        if (s + window.size > this.closedUpTo) {
          t = Math.min(t, s + window.size);
          break;
        }
      }
    }
    if (emit.mode === 'every') t = Math.min(t, this.nextTick === NO_WATERMARK ? -Infinity : this.nextTick);
    return t;
  }

  private pushRows(batch: Batch): void {
    const n = batch.length;
    const { window, lateness, watermarked } = this.options;
    const time = batch.columns[this.options.timeColumn]!;
    const words = time.data as Int32Array;
    const validity = time.validity;
    const rowWatermarks = batch.rowWatermarks ?? null;
    const perRow = maxWindowsPerRow(window);
    if (this.rowIndex.length < n * perRow) {
      this.rowIndex = new Int32Array(n * perRow);
      this.starts = new Float64Array(n * perRow);
    }
    const rowIndex = this.rowIndex;
    const starts = this.starts;
    const late: number[] = [];
    const size = window.size;
    let m = 0;
    for (let i = 0; i < n; i++) {
      // Rows without an event time belong to no window.
      if (validity !== null && !((validity[i >> 3]! >> (i & 7)) & 1)) continue;
      const t = readInt64(words, i);
      const before = watermarked ? (rowWatermarks !== null ? rowWatermarks[i]! : this.current) : NO_WATERMARK;
      if (window.kind === 'tumble') {
        const s = Math.floor((t - window.offset) / size) * size + window.offset;
        if (s + size + lateness <= before) {
          late.push(i);
          continue;
        }
        rowIndex[m] = i;
        starts[m++] = s;
        continue;
      }
      const count = windowStarts(window, t, this.startsBuffer);
      let kept = false;
      for (let k = 0; k < count; k++) {
        const s = this.startsBuffer[k]!;
        if (s + size + lateness <= before) continue;
        rowIndex[m] = i;
        starts[m++] = s;
        kept = true;
      }
      if (!kept) late.push(i);
    }
    if (late.length > 0) this.routeLate(batch, late);
    if (m === 0) return;

    const assigned = m === n && perRow === 1 ? batch : gatherBatch(batch, rowIndex, m);
    // Window starts go to the group table as doubles (exact: event times are below 2^53).
    const keys = [makeColumn('DOUBLE', m, starts, null), ...this.options.keyColumns.map((c) => assigned.columns[c]!)];
    if (this.ids.length < m) this.ids = new Int32Array(m);
    const ids = this.ids;
    this.state.table.assign(keys, m, ids);
    this.ensureCapacity(this.state.table.idLimit);
    for (let j = 0; j < m; j++) {
      const g = ids[j]!;
      if (this.registered[g] === 0) {
        this.registered[g] = 1;
        this.registry.add(starts[j]!, g);
      }
    }

    const emit = this.options.emit;
    const granularity = emit.mode === 'changes' || emit.mode === 'close' ? emit.granularity : 'batch';
    if (granularity === 'row') {
      for (let j = 0; j < m; j++) {
        const g = ids[j]!;
        this.state.updateRow(assigned, g, j);
        if (this.emitsNow(starts[j]!)) this.emitGroup(g, starts[j]!);
      }
    } else {
      this.state.update(assigned, ids, m);
      for (let j = 0; j < m; j++) if (this.emitsNow(starts[j]!) || emit.mode === 'every') this.markDirty(ids[j]!);
    }
    this.pushOutput();
  }

  watermark(mark: WatermarkMark): void {
    if ((this.options.watermarked || mark.value === END_OF_INPUT) && mark.value > this.current) this.advance(mark.value);
    this.downstream.watermark(mark);
  }

  flush(): void {
    const emit = this.options.emit;
    if ((emit.mode === 'changes' || emit.mode === 'close') && emit.granularity === 'batch') this.emitDirty();
    this.downstream.flush();
  }

  end(): void {
    if (this.current !== END_OF_INPUT) this.advance(END_OF_INPUT);
    this.downstream.end();
  }

  /** Whether a change to a group of the window starting at `start` is emitted when it happens. */
  private emitsNow(start: number): boolean {
    const emit = this.options.emit;
    if (emit.mode === 'changes') return true;
    // Close mode: after its window closed, a group's late changes are emitted as they come.
    return emit.mode === 'close' && start + this.options.window.size <= this.closedUpTo;
  }

  /** Event time reached `to`: emit what the EMIT mode says, then drop windows past lateness. */
  private advance(to: number): void {
    const { window, lateness, emit } = this.options;
    this.current = to;
    if (emit.mode === 'every') {
      if (this.nextTick === NO_WATERMARK) this.nextTick = Math.floor(to / emit.interval) * emit.interval;
      if (to >= this.nextTick) {
        this.emitDirtyInWindowOrder(Infinity);
        this.nextTick = to === END_OF_INPUT ? END_OF_INPUT : (Math.floor(to / emit.interval) + 1) * emit.interval;
      }
      // Windows that closed (end ≤ to) emit their last change.
      this.emitDirtyInWindowOrder(to - window.size + 1);
    }
    if (emit.mode === 'every') this.closedUpTo = to;
    if (emit.mode === 'close' && to > this.closedUpTo) {
      for (const [s, groups] of this.registry.upTo(to - window.size + 1)) {
        if (s + window.size <= this.closedUpTo) continue;
        for (const g of groups) this.emitGroup(g, s);
      }
      this.closedUpTo = to;
    }
    for (const [s, groups] of this.registry.removeUpTo(to - window.size - lateness + 1)) {
      for (const g of groups) {
        // What the mode still owes this group: its final row (final, and 'final' granularity).
        if (emit.mode === 'final' || this.dirtyFlags[g] === 1 || (emit.mode === 'changes' && emit.granularity === 'final')) this.emitGroup(g, s);
        this.forget(g);
      }
    }
    this.pushOutput();
  }

  private emitDirty(): void {
    const dirty = this.dirty;
    this.dirty = [];
    for (const g of dirty) {
      if (this.dirtyFlags[g] === 0) continue;
      this.emitGroup(g, this.state.table.keyValue(g, 0) as number);
    }
    this.pushOutput();
  }

  /** Emits the dirty groups of windows starting before `before`, in window order. */
  private emitDirtyInWindowOrder(before: number): void {
    for (const [s, groups] of this.registry.upTo(before)) for (const g of groups) if (this.dirtyFlags[g] === 1) this.emitGroup(g, s);
  }

  private emitGroup(g: number, start: number): void {
    if (this.dirtyFlags[g] === 1) this.dirtyFlags[g] = 0;
    if (this.state.isEmpty(g)) this.state.emitDelete(g);
    else this.state.emitRow(g, this.state.currentRow(g, [start, start + this.options.window.size], 1));
  }

  private forget(g: number): void {
    this.registered[g] = 0;
    this.dirtyFlags[g] = 0;
    this.state.remove(g);
  }

  private markDirty(g: number): void {
    if (this.dirtyFlags[g] === 0) {
      this.dirtyFlags[g] = 1;
      this.dirty.push(g);
    }
  }

  private routeLate(batch: Batch, late: readonly number[]): void {
    this.lateRows += late.length;
    routeLateRows(batch, late, this.options.late);
  }

  private pushOutput(): void {
    const out = this.state.takeOutput();
    if (out) this.downstream.push(out);
  }

  private ensureCapacity(limit: number): void {
    if (this.registered.length < limit) {
      const cap = Math.max(limit, this.registered.length * 2);
      const r = new Uint8Array(cap);
      r.set(this.registered);
      this.registered = r;
      const d = new Uint8Array(cap);
      d.set(this.dirtyFlags);
      this.dirtyFlags = d;
    }
    this.state.ensureCapacity(limit);
  }

  snapshot(buffers?: SnapshotBuffers): StateSnapshot {
    return this.state.snapshot(buffers, (ids) => ({
      // Dirty groups in the order they became dirty (emitDirty emits in it).
      dirty: positionsOf(
        this.dirty.filter((g) => this.dirtyFlags[g] === 1),
        ids,
        this.state.table.idLimit,
      ),
      // The groups of each window in the order they came (closing emits them in it), as indices into ids.
      order: this.registryOrder(ids),
      watermark: this.current,
      closedUpTo: this.closedUpTo,
      nextTick: this.nextTick,
      lateRows: this.lateRows,
    }));
  }

  private registryOrder(ids: Int32Array): Int32Array {
    const registered: number[] = [];
    for (const [, groups] of this.registry.upTo(Infinity)) for (const g of groups) registered.push(g);
    return positionsOf(registered, ids, this.state.table.idLimit);
  }

  restore(s: StateSnapshot): void {
    const snap = s as unknown as { dirty: Uint8Array; order: Int32Array; watermark: number; closedUpTo: number; nextTick: number; lateRows: number };
    const size = this.options.window.size;
    const ids = this.state.restore(s, (g) => {
      const start = this.state.table.keyValue(g, 0) as number;
      return this.state.currentRow(g, [start, start + size], 1);
    });
    this.registered = new Uint8Array(Math.max(64, this.state.table.idLimit));
    this.dirtyFlags = new Uint8Array(this.registered.length);
    this.dirty = [];
    this.ensureCapacity(this.state.table.idLimit);
    for (const i of snap.order) {
      const g = ids[i]!;
      this.registered[g] = 1;
      this.registry.add(this.state.table.keyValue(g, 0) as number, g);
    }
    for (const i of snap.dirty) this.markDirty(ids[i]!);
    this.current = snap.watermark;
    this.closedUpTo = snap.closedUpTo;
    this.nextTick = snap.nextTick;
    this.lateRows = snap.lateRows;
  }
}
