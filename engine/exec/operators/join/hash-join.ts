import type { BoundExpr } from '../../../plan/bound-expr.js';
import type { JoinKind } from '../../../plan/logical.js';
import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import { WatermarkMark } from '../../../time/watermark.js';
import { batchRows, DELETE, UPDATE_BEFORE, type Batch, type Schema } from '../../batch/batch.js';
import type { Scalar } from '../../batch/column.js';
import { rowKey, rowsToBatch } from '../../consolidate.js';
import type { BatchSink } from '../operator.js';
import { ExpiryQueue, type Expiring } from './expiry-queue.js';
import { JoinClocks } from './join-clocks.js';
import { JoinKeys } from './join-keys.js';
import { JoinOutput } from './join-output.js';
import { PairFilter } from './pair-filter.js';

export interface HashJoinOptions {
  readonly type: JoinKind;
  readonly leftSchema: Schema;
  readonly rightSchema: Schema;
  readonly output: Schema;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  readonly residual: BoundExpr | null;
  /**
   * An interval join: every match has right time − left time in [lower, upper], so a row is
   * dropped once the other input's watermark makes a match impossible (and an outer join's
   * unmatched row is emitted then). Inputs only insert. Null: a regular join.
   */
  readonly interval: { readonly leftTime: number; readonly rightTime: number; readonly lower: number; readonly upper: number } | null;
  /** The output column the output watermark is about (an interval join's left time), or null. */
  readonly eventTime: number | null;
}

interface Entry extends Expiring {
  readonly row: Scalar[];
  readonly key: number;
  /** Event time (interval joins), NaN when not used. */
  readonly time: number;
  /** Rows of the other input it is joined with now (outer joins emit it padded at 0). */
  matches: number;
  removed: boolean;
}

/** A side's rows of one key; expired ones are removed lazily, once they are half of them. */
interface Bucket {
  entries: Entry[];
  expired: number;
}

interface Side {
  readonly buckets: Map<number, Bucket>;
  /** Entries by when no row of the other side can match them any more (interval joins). */
  readonly expiry: ExpiryQueue<Entry>;
  /** Rows kept. */
  rows: number;
  /** An outer join keeps this side's unmatched rows. */
  readonly preserved: boolean;
}

/**
 * A join over changelogs by hashed key (regular and interval strategies, see physical.ts).
 * Each input's rows are kept per key; a row arriving on one side is paired with the other
 * side's rows of its key, the residual condition is tested on the pairs, and the joined rows
 * are emitted (+I), or retracted (-D) when the row is a retraction. An outer join tracks how
 * many matches each kept row has: a row without matches is emitted beside NULLs, and that row
 * is retracted when its first match arrives (regular), or emitted only when the row expires
 * unmatched (interval: its output only inserts).
 */
export class HashJoin implements KeyedState {
  private readonly keys: JoinKeys;
  private readonly filter: PairFilter | null;
  private readonly out: JoinOutput;
  private readonly sides: [Side, Side];
  private readonly clocks = new JoinClocks();
  private emitted = -Infinity;
  private seq = 0;
  /** Keys whose bucket emptied on some side since the last pushOutput. */
  private emptied: number[] = [];

  constructor(
    private readonly options: HashJoinOptions,
    private readonly downstream: BatchSink,
  ) {
    const { leftSchema, rightSchema, type } = options;
    this.keys = new JoinKeys(leftSchema, rightSchema, options.leftKeys, options.rightKeys);
    this.filter = options.residual ? new PairFilter(options.output, leftSchema.length, options.residual) : null;
    this.out = new JoinOutput(options.output, leftSchema.length);
    const side = (preserved: boolean): Side => ({ buckets: new Map(), expiry: new ExpiryQueue(), rows: 0, preserved });
    this.sides = [side(type === 'left' || type === 'full'), side(type === 'right' || type === 'full')];
  }

  /** The sink of input 0 (left) or 1 (right). */
  input(s: 0 | 1): BatchSink {
    return {
      push: (batch) => this.push(s, batch),
      watermark: (mark) => {
        if (this.clocks.update(s, mark)) this.expire();
        this.advance();
      },
      flush: () => this.downstream.flush(),
      end: () => {
        if (this.clocks.ended[s]) return;
        this.clocks.end(s);
        this.expire();
        this.advance();
        if (this.clocks.bothEnded) this.downstream.end();
      },
    };
  }

  keyCount(): number {
    return this.sides[0].rows + this.sides[1].rows;
  }

  private push(s: 0 | 1, batch: Batch): void {
    if (batch.length === 0) return;
    const o = (1 - s) as 0 | 1;
    const other = this.sides[o];
    const self = this.sides[s];
    const ids = this.keys.assign(s, batch);
    const rows = batchRows(batch);
    const interval = this.options.interval;
    const timeColumn = interval ? (s === 0 ? interval.leftTime : interval.rightTime) : -1;
    // An interval join's bound, as limits on the other side's time: right − left in [lower, upper].
    const [below, above] = interval === null ? [0, 0] : s === 0 ? [interval.lower, interval.upper] : [-interval.upper, -interval.lower];
    // Candidate pairs, in row order: row pairRow[k] with the other side's entry pairEntry[k].
    const pairRow: number[] = [];
    const pairEntry: Entry[] = [];
    for (let i = 0; i < rows.length; i++) {
      const bucket = ids[i]! >= 0 ? other.buckets.get(ids[i]!) : undefined;
      if (bucket === undefined) continue;
      const t = interval === null ? 0 : (rows[i]![timeColumn] as number | null);
      if (t === null) continue;
      for (const e of bucket.entries) {
        if (e.removed || (interval !== null && (e.time < t + below || e.time > t + above))) continue;
        pairRow.push(i);
        pairEntry.push(e);
      }
    }
    const pass = this.filter ? this.filter.passes(...this.pairRows(s, rows, pairRow, pairEntry)) : null;
    let k = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const kind = batch.kinds === null ? 0 : batch.kinds[i]!;
      const retract = kind === UPDATE_BEFORE || kind === DELETE;
      let matched = 0;
      const entry: Entry | null = retract ? this.removeEqual(s, ids[i]!, row) : null;
      for (; k < pairRow.length && pairRow[k] === i; k++) {
        if (pass !== null && pass[k] === 0) continue;
        const e = pairEntry[k]!;
        matched++;
        if (retract) {
          this.emitPair(s, false, row, e.row);
          if (--e.matches === 0 && other.preserved) this.emitPadded(o, true, e.row);
        } else {
          if (e.matches++ === 0 && other.preserved && interval === null) this.emitPadded(o, false, e.row);
          this.emitPair(s, true, row, e.row);
        }
      }
      if (retract) {
        if (self.preserved && (entry?.matches ?? matched) === 0) this.emitPadded(s, false, row);
        this.emptied.push(ids[i]!);
        continue;
      }
      const time = timeColumn >= 0 ? (row[timeColumn] as number | null) : NaN;
      // Rows that can never match (a NULL key, or no event time in an interval join) are not kept.
      if (ids[i]! < 0 || time === null) {
        if (self.preserved) this.emitPadded(s, true, row);
        this.emptied.push(ids[i]!);
        continue;
      }
      this.keep(s, this.entry(s, row, ids[i]!, time, matched));
      if (self.preserved && matched === 0 && interval === null) this.emitPadded(s, true, row);
    }
    this.pushOutput();
  }

  /** The rows of each candidate pair as (left, right), for the residual condition. */
  private pairRows(s: 0 | 1, rows: readonly Scalar[][], pairRow: readonly number[], pairEntry: readonly Entry[]): [Scalar[][], Scalar[][]] {
    const mine = pairRow.map((i) => rows[i]!);
    const theirs = pairEntry.map((e) => e.row);
    return s === 0 ? [mine, theirs] : [theirs, mine];
  }

  private emitPair(s: 0 | 1, insert: boolean, row: readonly Scalar[], otherRow: readonly Scalar[]): void {
    if (s === 0) this.out.add(insert, row, otherRow);
    else this.out.add(insert, otherRow, row);
  }

  private emitPadded(s: 0 | 1, insert: boolean, row: readonly Scalar[]): void {
    if (s === 0) this.out.add(insert, row, null);
    else this.out.add(insert, null, row);
  }

  private entry(s: 0 | 1, row: Scalar[], key: number, time: number, matches: number): Entry {
    const interval = this.options.interval;
    // Left rows match right times up to time + upper; right rows left times from time − upper.
    const expiry = interval === null ? Infinity : s === 0 ? time + interval.upper : time - interval.lower;
    return { row, key, time, matches, removed: false, expiry, seq: this.seq++ };
  }

  private keep(s: 0 | 1, e: Entry): void {
    const side = this.sides[s];
    let bucket = side.buckets.get(e.key);
    if (bucket === undefined) side.buckets.set(e.key, (bucket = { entries: [], expired: 0 }));
    bucket.entries.push(e);
    side.rows++;
    if (this.options.interval) side.expiry.push(e);
  }

  /** Removes one kept row equal to `row` (a retraction), returning it. */
  private removeEqual(s: 0 | 1, key: number, row: readonly Scalar[]): Entry | null {
    const side = this.sides[s];
    const bucket = key >= 0 ? side.buckets.get(key) : undefined;
    if (bucket === undefined) return null;
    const want = rowKey(row);
    const at = bucket.entries.findIndex((e) => !e.removed && rowKey(e.row) === want);
    if (at < 0) return null;
    const [e] = bucket.entries.splice(at, 1);
    if (bucket.entries.length === 0) this.dropBucket(s, key);
    side.rows--;
    return e!;
  }

  /**
   * Interval joins: drops rows no future row of the other input can match. A row at the other
   * side's watermark may still arrive, so a left row goes once time + upper < right watermark,
   * and a right row once time − lower < left watermark.
   */
  private expire(): void {
    if (this.options.interval === null) return;
    for (const s of [0, 1] as const) {
      const side = this.sides[s];
      const limit = this.clocks.value[1 - s]!;
      while (side.expiry.peekTime() < limit) {
        const e = side.expiry.pop();
        e.removed = true;
        side.rows--;
        if (side.preserved && e.matches === 0) this.emitPadded(s, true, e.row);
        this.compact(s, e.key);
      }
    }
    this.pushOutput();
  }

  /** Counts an expired entry of a bucket, and removes them once they are half of it. */
  private compact(s: 0 | 1, key: number): void {
    const bucket = this.sides[s].buckets.get(key)!;
    if (++bucket.expired * 2 < bucket.entries.length) return;
    bucket.entries = bucket.entries.filter((e) => !e.removed);
    bucket.expired = 0;
    if (bucket.entries.length === 0) this.dropBucket(s, key);
  }

  /** A side holds no row of a key any more; when neither does, its id is released (see pushOutput). */
  private dropBucket(s: 0 | 1, key: number): void {
    this.sides[s].buckets.delete(key);
    this.emptied.push(key);
  }

  /**
   * The output watermark. An interval join's output (left time) can still get a row for a kept
   * left row with time ≥ right watermark − upper, or for a future left row: the minimum of that
   * and the left watermark. Other joins pass on the minimum of the inputs'.
   */
  private advance(): void {
    const interval = this.options.interval;
    const [l, r] = this.clocks.value as [number, number];
    const w = interval && this.options.eventTime !== null ? Math.min(l, r - interval.upper) : this.clocks.combined();
    if (w > this.emitted) {
      this.emitted = w;
      this.downstream.watermark(new WatermarkMark(w, this.clocks.allIdle));
    }
  }

  /**
   * Emits what was built, and releases the ids of keys no row holds any more. Releasing waits
   * until here: the rows of the batch being processed carry ids assigned before it.
   */
  private pushOutput(): void {
    for (const key of this.emptied) if (!this.sides[0].buckets.has(key) && !this.sides[1].buckets.has(key)) this.keys.release(key);
    this.emptied = [];
    const b = this.out.take();
    if (b) this.downstream.push(b);
  }

  snapshot(): StateSnapshot {
    const side = (s: Side) => [...s.buckets.values()].flatMap((b) => b.entries).filter((e) => !e.removed).map((e) => ({ row: e.row, time: e.time, matches: e.matches }));
    return { version: 1, left: side(this.sides[0]), right: side(this.sides[1]), watermarks: [...this.clocks.value], emitted: this.emitted };
  }

  restore(snapshot: StateSnapshot): void {
    const snap = snapshot as unknown as { left: { row: Scalar[]; time: number; matches: number }[]; right: { row: Scalar[]; time: number; matches: number }[]; watermarks: number[]; emitted: number };
    for (const s of [0, 1] as const) {
      const side = this.sides[s];
      side.buckets.clear();
      side.rows = 0;
      side.expiry.clear();
      const saved = s === 0 ? snap.left : snap.right;
      if (saved.length === 0) continue;
      const schema = s === 0 ? this.options.leftSchema : this.options.rightSchema;
      const ids = this.keys.assign(s, rowsToBatch(schema, saved.map((e) => e.row)));
      saved.forEach((e, i) => this.keep(s, this.entry(s, e.row, ids[i]!, e.time, e.matches)));
    }
    this.clocks.value[0] = snap.watermarks[0]!;
    this.clocks.value[1] = snap.watermarks[1]!;
    this.emitted = snap.emitted;
  }
}
