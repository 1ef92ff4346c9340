import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import { END_OF_INPUT, NO_WATERMARK, type WatermarkMark } from '../../../time/watermark.js';
import type { Batch } from '../../batch/batch.js';
import { readInt64 } from '../../batch/int64.js';
import { valueAt, type Scalar } from '../../batch/column.js';
import { rowKey } from '../../consolidate.js';
import { AggregateState } from '../aggregate/aggregate-state.js';
import type { BatchSink } from '../operator.js';
import { MinHeap } from './min-heap.js';
import { routeLateRows, type WindowedAggregateOptions } from './window-aggregate.js';
import type { SnapshotBuffers } from '../../../state/snapshot-buffers.js';

export interface SessionAggregateOptions extends WindowedAggregateOptions {
  readonly gap: number;
}

interface Session {
  readonly id: number;
  readonly group: number;
  readonly key: string;
  start: number;
  /** The last row's time + gap. */
  end: number;
  /** Close mode: the session has emitted its row (it may still grow within the lateness). */
  closed: boolean;
  dirty: boolean;
}

/** The sessions of a snapshot, one entry per group in the aggregate state's order. */
interface SessionColumns {
  readonly id: Float64Array;
  readonly key: string[];
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly closed: Uint8Array;
  readonly dirty: Uint8Array;
}

/**
 * GROUP BY SESSION(ts, gap) and keys: per key, rows at most `gap` apart form one session,
 * from the first row's time to the last row's time + gap. A row that bridges two sessions
 * merges them (their accumulators merge; an already emitted session is retracted). Sessions
 * close and are dropped as the watermark passes their end (plus lateness), emitting as the
 * EMIT mode says. Inputs must only insert (the planner checks).
 */
export class SessionAggregate implements BatchSink, KeyedState {
  private readonly state: AggregateState;
  private readonly byKey = new Map<string, Session[]>();
  private readonly byId = new Map<number, Session>();
  /** Sessions by end (lazily: an entry whose end is stale is skipped). */
  private readonly byEnd = new MinHeap();
  /** Closed sessions waiting for end + lateness before they are dropped. */
  private readonly toPurge = new MinHeap();
  private nextId = 0;
  private current = NO_WATERMARK;
  private nextTick = NO_WATERMARK;
  lateRows = 0;

  constructor(
    private readonly options: SessionAggregateOptions,
    private readonly downstream: BatchSink,
  ) {
    this.state = new AggregateState(['BIGINT', ...options.keyTypes], options.aggregates, false, options.output);
  }

  keyCount(): number {
    return this.byId.size;
  }

  push(batch: Batch): void {
    const { gap, lateness, watermarked, timeColumn, keyColumns } = this.options;
    const time = batch.columns[timeColumn]!;
    const keys = keyColumns.map((c) => batch.columns[c]!);
    const late: number[] = [];
    const granularity = this.granularity();
    for (let i = 0; i < batch.length; i++) {
      if (time.validity !== null && !((time.validity[i >> 3]! >> (i & 7)) & 1)) continue;
      const t = readInt64(time.data as Int32Array, i);
      const before = watermarked ? (batch.rowWatermarks?.[i] ?? this.current) : NO_WATERMARK;
      // Event time advances row by row (see WindowAggregate.push).
      // A session ending at t can still grow by a row at t (at most gap apart): it closes once
      // the watermark is past its end.
      if (before > this.current && (before > Math.min(this.byEnd.peekKey(), this.toPurge.peekKey()) || (this.options.emit.mode === 'every' && before >= this.nextTick))) {
        this.pushOutput();
        this.advance(before);
      }
      const keyValues = keys.map((c) => valueAt(c, i));
      const key = rowKey(keyValues);
      const list = this.byKey.get(key) ?? [];
      // Sessions this row touches: within gap of it (as Flink, touching counts).
      const touched = list.filter((s) => s.start <= t + gap && t <= s.end);
      let session: Session;
      if (touched.length === 0) {
        if (t + gap + lateness < before) {
          late.push(i);
          continue;
        }
        session = this.open(key, keyValues, t);
      } else {
        session = touched[0]!;
        for (const other of touched.slice(1)) this.absorb(session, other);
        session.start = Math.min(session.start, t);
        session.end = Math.max(session.end, t + gap);
        // A closed session that grows past the watermark is open again (it re-emits when it closes).
        if (session.end >= this.current) session.closed = false;
        this.byEnd.push(session.end, session.id);
      }
      this.state.updateRow(batch, session.group, i);
      if (granularity === 'row' && this.emitsNow(session)) this.emitSession(session);
      else if (this.emitsNow(session) || this.options.emit.mode === 'every') session.dirty = true;
    }
    if (late.length > 0) this.routeLate(batch, late);
    this.pushOutput();
  }

  watermark(mark: WatermarkMark): void {
    if ((this.options.watermarked || mark.value === END_OF_INPUT) && mark.value > this.current) this.advance(mark.value);
    this.downstream.watermark(mark);
  }

  flush(): void {
    if (this.granularity() === 'batch' && this.options.emit.mode !== 'every') this.emitDirty(() => true);
    this.downstream.flush();
  }

  end(): void {
    if (this.current !== END_OF_INPUT) this.advance(END_OF_INPUT);
    this.downstream.end();
  }

  private granularity(): string {
    const emit = this.options.emit;
    return emit.mode === 'changes' || emit.mode === 'close' ? emit.granularity : 'batch';
  }

  private emitsNow(s: Session): boolean {
    const mode = this.options.emit.mode;
    return mode === 'changes' || (mode === 'close' && s.closed && s.end < this.current);
  }

  private open(key: string, keyValues: Scalar[], t: number): Session {
    const id = this.nextId++;
    const group = this.state.table.add([id, ...keyValues]);
    this.state.ensureCapacity(this.state.table.idLimit);
    const s: Session = { id, group, key, start: t, end: t + this.options.gap, closed: false, dirty: false };
    const list = this.byKey.get(key) ?? [];
    list.push(s);
    list.sort((a, b) => a.start - b.start);
    this.byKey.set(key, list);
    this.byId.set(id, s);
    this.byEnd.push(s.end, id);
    return s;
  }

  /** Merges `other` into `into`: accumulators fold, and other's emitted row is retracted. */
  private absorb(into: Session, other: Session): void {
    this.state.merge(into.group, other.group);
    this.state.emitDelete(other.group);
    this.state.remove(other.group);
    into.start = Math.min(into.start, other.start);
    into.end = Math.max(into.end, other.end);
    this.drop(other);
  }

  private drop(s: Session): void {
    this.byId.delete(s.id);
    const list = this.byKey.get(s.key)!.filter((x) => x !== s);
    if (list.length === 0) this.byKey.delete(s.key);
    else this.byKey.set(s.key, list);
  }

  private advance(to: number): void {
    const { emit, lateness } = this.options;
    this.current = to;
    if (emit.mode === 'every' && to >= this.nextTick) {
      this.emitDirty(() => true);
      this.nextTick = to === END_OF_INPUT ? END_OF_INPUT : (Math.floor(to / emit.interval) + 1) * emit.interval;
    }
    // Sessions whose end the watermark passed: they close.
    while (this.byEnd.size > 0 && this.byEnd.peekKey() < to) {
      const s = this.byId.get(this.byEnd.pop());
      if (!s || s.end >= to || s.closed) continue;
      s.closed = true;
      if (emit.mode === 'close' || (emit.mode === 'every' && s.dirty)) this.emitSession(s);
      this.toPurge.push(s.end + lateness, s.id);
    }
    // Closed sessions past their lateness: emit what is owed, then drop.
    while (this.toPurge.size > 0 && this.toPurge.peekKey() < to) {
      const s = this.byId.get(this.toPurge.pop());
      if (!s || s.end + lateness >= to) {
        if (s && s.closed && s.end + lateness >= to) this.toPurge.push(s.end + lateness, s.id);
        continue;
      }
      if (emit.mode === 'final' || s.dirty || (emit.mode === 'changes' && emit.granularity === 'final')) this.emitSession(s);
      this.state.remove(s.group);
      this.drop(s);
    }
    this.pushOutput();
  }

  private emitDirty(which: (s: Session) => boolean): void {
    for (const s of [...this.byId.values()].sort((a, b) => a.id - b.id)) if (s.dirty && which(s)) this.emitSession(s);
    this.pushOutput();
  }

  private emitSession(s: Session): void {
    s.dirty = false;
    this.state.emitRow(s.group, this.state.currentRow(s.group, [s.start, s.end], 1));
  }

  private routeLate(batch: Batch, late: readonly number[]): void {
    this.lateRows += late.length;
    routeLateRows(batch, late, this.options.late);
  }

  private pushOutput(): void {
    const out = this.state.takeOutput();
    if (out) this.downstream.push(out);
  }

  snapshot(buffers?: SnapshotBuffers): StateSnapshot {
    const byGroup = new Map<number, Session>();
    for (const s of this.byId.values()) byGroup.set(s.group, s);
    return this.state.snapshot(buffers, (ids) => {
      const n = ids.length;
      const sessions: SessionColumns = { id: new Float64Array(n), key: new Array<string>(n), start: new Float64Array(n), end: new Float64Array(n), closed: new Uint8Array(n), dirty: new Uint8Array(n) };
      for (let i = 0; i < n; i++) {
        const s = byGroup.get(ids[i]!)!;
        sessions.id[i] = s.id;
        sessions.key[i] = s.key;
        sessions.start[i] = s.start;
        sessions.end[i] = s.end;
        sessions.closed[i] = s.closed ? 1 : 0;
        sessions.dirty[i] = s.dirty ? 1 : 0;
      }
      return { sessions, watermark: this.current, nextTick: this.nextTick, nextId: this.nextId, lateRows: this.lateRows };
    });
  }

  restore(snap: StateSnapshot): void {
    const s = snap as unknown as { sessions: SessionColumns; watermark: number; nextTick: number; nextId: number; lateRows: number };
    const c = s.sessions;
    // A session's row carries its bounds; they are the snapshot's, by group (ids follow its order).
    const groups = this.state.restore(snap, (g) => this.state.currentRow(g, [c.start[g]!, c.end[g]!], 1));
    this.byKey.clear();
    this.byId.clear();
    for (let i = 0; i < groups.length; i++) {
      const session: Session = { id: c.id[i]!, group: groups[i]!, key: c.key[i]!, start: c.start[i]!, end: c.end[i]!, closed: c.closed[i] === 1, dirty: c.dirty[i] === 1 };
      this.byId.set(session.id, session);
      const list = this.byKey.get(session.key) ?? [];
      list.push(session);
      this.byKey.set(session.key, list);
      if (session.closed) this.toPurge.push(session.end + this.options.lateness, session.id);
      else this.byEnd.push(session.end, session.id);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => a.start - b.start);
    this.current = s.watermark;
    this.nextTick = s.nextTick;
    this.nextId = s.nextId;
    this.lateRows = s.lateRows;
  }
}
