import type { BoundExpr } from '../../../plan/bound-expr.js';
import type { AsofMatch } from '../../../plan/logical.js';
import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import { END_OF_INPUT, WatermarkMark } from '../../../time/watermark.js';
import { batchRows, DELETE, UPDATE_BEFORE, type Batch, type Schema } from '../../batch/batch.js';
import type { Scalar } from '../../batch/column.js';
import { rowsToBatch } from '../../consolidate.js';
import type { BatchSink } from '../operator.js';
import { MinHeap } from '../window/min-heap.js';
import { JoinClocks } from './join-clocks.js';
import { JoinKeys } from './join-keys.js';
import { JoinOutput } from './join-output.js';
import { PairFilter } from './pair-filter.js';

export interface AsofJoinOptions {
  readonly type: 'inner' | 'left';
  readonly leftSchema: Schema;
  readonly rightSchema: Schema;
  readonly output: Schema;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  /** Tested on the chosen pair (temporal joins' extra ON conditions); failing means no match. */
  readonly residual: BoundExpr | null;
  /** Which right row is the match: its time relative to the left row's, within a tolerance. */
  readonly match: Omit<AsofMatch, 'left' | 'right'> & { readonly leftTime: number; readonly rightTime: number };
  /**
   * Temporal joins: the right input is a changelog of versions. Its inserts are new versions
   * (valid from their time); its retractions are ignored, since the retracted version stays
   * valid until the next one's time. ASOF inputs only insert.
   */
  readonly versioned: boolean;
  /** The output column the output watermark is about (the left time), or null. */
  readonly eventTime: number | null;
  /** Called when the join is over (its left input ended, every row decided): the right input can stop. */
  readonly onEnd: () => void;
}

/** The right rows of one key, ordered by time (rows with equal times in arrival order). */
interface Versions {
  times: number[];
  rows: Scalar[][];
}

interface Pending {
  readonly id: number;
  readonly row: Scalar[];
  readonly key: number;
  readonly time: number;
  /** Once the right watermark is past this, no better match can arrive. */
  decideAt: number;
}

/**
 * ASOF and temporal joins: each left row gets at most one right row of its key, the one whose
 * time is closest on the side MATCH_CONDITION says ('>=': the latest at or before the left
 * row's time; '<=': the earliest at or after; 'nearest': either, the earlier on a tie; among
 * rows of equal time, the last to arrive). A left row waits until the right input's watermark
 * rules out a better match, then it is emitted joined, NULL-padded (LEFT) or not at all: the
 * output only inserts. Right rows that no pending or future left row can match (behind the
 * left watermark) are dropped, keeping the latest one per key that a later row could still use.
 */
export class AsofJoin implements KeyedState {
  private readonly keys: JoinKeys;
  private readonly filter: PairFilter | null;
  private readonly out: JoinOutput;
  private readonly clocks = new JoinClocks();
  private readonly versions = new Map<number, Versions>();
  private versionCount = 0;
  private sweepAt = 1024;
  private readonly pending = new Map<number, Pending>();
  /** Pending rows per key, when a new right row can change when they are decided ('<=', '<', 'nearest'). */
  private readonly pendingByKey = new Map<number, Set<Pending>>();
  private readonly pendingPerKey = new Map<number, number>();
  private readonly movable: boolean;
  /** (decideAt, id), lazily: entries whose row was decided or re-scheduled are skipped. */
  private readonly decisions = new MinHeap();
  /** (time, id) of pending rows, lazily: the earliest pending time holds back purging and the watermark. */
  private readonly pendingTimes = new MinHeap();
  private nextId = 0;
  private emitted = -Infinity;
  private finished = false;
  /** Keys whose versions or pending rows ran out since the last progress(). */
  private emptied: number[] = [];

  constructor(
    private readonly options: AsofJoinOptions,
    private readonly downstream: BatchSink,
  ) {
    this.keys = new JoinKeys(options.leftSchema, options.rightSchema, options.leftKeys, options.rightKeys);
    this.filter = options.residual ? new PairFilter(options.output, options.leftSchema.length, options.residual) : null;
    this.out = new JoinOutput(options.output, options.leftSchema.length);
    this.movable = options.match.op !== '>=' && options.match.op !== '>';
  }

  input(s: 0 | 1): BatchSink {
    return {
      push: (batch) => (s === 0 ? this.pushLeft(batch) : this.pushRight(batch)),
      watermark: (mark) => {
        if (this.clocks.update(s, mark)) this.progress();
      },
      flush: () => this.downstream.flush(),
      end: () => {
        if (this.clocks.ended[s]) return;
        this.clocks.end(s);
        this.progress();
      },
    };
  }

  keyCount(): number {
    return this.versionCount + this.pending.size;
  }

  private pushLeft(batch: Batch): void {
    const ids = this.keys.assign(0, batch);
    const rows = batchRows(batch);
    const t = this.options.match.leftTime;
    for (let i = 0; i < rows.length; i++) {
      if (batch.kinds !== null && (batch.kinds[i] === UPDATE_BEFORE || batch.kinds[i] === DELETE)) continue;
      const row = rows[i]!;
      const time = row[t] as number | null;
      if (ids[i]! < 0 || time === null) {
        this.decide(row, null);
        this.emptied.push(ids[i]!);
        continue;
      }
      const p: Pending = { id: this.nextId++, row, key: ids[i]!, time, decideAt: Infinity };
      this.pending.set(p.id, p);
      this.pendingPerKey.set(p.key, (this.pendingPerKey.get(p.key) ?? 0) + 1);
      if (this.movable) {
        let set = this.pendingByKey.get(p.key);
        if (set === undefined) this.pendingByKey.set(p.key, (set = new Set()));
        set.add(p);
        this.pendingTimes.push(time, p.id);
      }
      this.schedule(p);
    }
    this.progress();
  }

  private pushRight(batch: Batch): void {
    const ids = this.keys.assign(1, batch);
    const rows = batchRows(batch);
    const t = this.options.match.rightTime;
    const touched = new Set<number>();
    for (let i = 0; i < rows.length; i++) {
      if (batch.kinds !== null && (batch.kinds[i] === UPDATE_BEFORE || batch.kinds[i] === DELETE)) continue;
      const row = rows[i]!;
      const time = row[t] as number | null;
      if (ids[i]! < 0 || time === null) {
        this.emptied.push(ids[i]!);
        continue;
      }
      let v = this.versions.get(ids[i]!);
      if (v === undefined) this.versions.set(ids[i]!, (v = { times: [], rows: [] }));
      const at = upperBound(v.times, time);
      v.times.splice(at, 0, time);
      v.rows.splice(at, 0, row);
      this.versionCount++;
      touched.add(ids[i]!);
    }
    // A new right row can be a closer match for pending rows of its key: decide them sooner.
    for (const key of touched) for (const p of this.pendingByKey.get(key) ?? []) this.schedule(p);
    this.progress();
  }

  /** Computes when a pending row can be decided, and queues it for then. */
  private schedule(p: Pending): void {
    const at = this.decisionTime(p);
    if (at < p.decideAt) {
      p.decideAt = at;
      this.decisions.push(at, p.id);
    }
  }

  private decisionTime(p: Pending): number {
    const { op, tolerance } = this.options.match;
    const t = p.time;
    const reach = tolerance === null ? Infinity : t + tolerance;
    if (op === '>=') return t;
    if (op === '>') return t - 1;
    const v = this.versions.get(p.key);
    if (op === '<=' || op === '<') {
      const c = v ? firstAtOrAfter(v.times, op === '<=' ? t : t + 1) : undefined;
      return Math.min(c ?? Infinity, reach);
    }
    // nearest: once the watermark is past t + d, no row closer than the best so far (d) can come.
    let d = Infinity;
    if (v) {
      const f = lastAtOrBefore(v.times, t);
      const c = firstAtOrAfter(v.times, t);
      if (f !== undefined) d = Math.min(d, t - f);
      if (c !== undefined) d = Math.min(d, c - t);
    }
    return Math.min(t + d, reach);
  }

  /** Decides the rows the right watermark allows, drops right rows nothing can match, moves the watermark. */
  private progress(): void {
    const rightWatermark = this.clocks.value[1]!;
    const all = rightWatermark === END_OF_INPUT;
    while (this.decisions.size > 0 && (all || this.decisions.peekKey() < rightWatermark)) {
      const at = this.decisions.peekKey();
      const p = this.pending.get(this.decisions.pop());
      if (p === undefined || p.decideAt !== at) continue;
      this.forget(p);
      this.decide(p.row, this.best(p));
    }
    if (all) {
      for (const p of [...this.pending.values()]) {
        this.forget(p);
        this.decide(p.row, this.best(p));
      }
    }
    if (this.versionCount >= this.sweepAt) this.sweep();
    // Ids of keys nothing holds any more are released (rows being processed carry theirs).
    for (const key of this.emptied) if (!this.versions.has(key) && !this.pendingPerKey.has(key)) this.keys.release(key);
    this.emptied = [];
    const b = this.out.take();
    if (b) this.downstream.push(b);
    this.advance();
    // Once the left input ended and its rows are decided, nothing more can come out.
    if (this.clocks.ended[0] && this.pending.size === 0 && !this.finished) {
      this.finished = true;
      this.downstream.end();
      this.options.onEnd();
    }
  }

  private forget(p: Pending): void {
    this.pending.delete(p.id);
    const left = this.pendingPerKey.get(p.key)! - 1;
    if (left > 0) this.pendingPerKey.set(p.key, left);
    else {
      this.pendingPerKey.delete(p.key);
      this.emptied.push(p.key);
    }
    if (!this.movable) return;
    const set = this.pendingByKey.get(p.key)!;
    set.delete(p);
    if (set.size === 0) this.pendingByKey.delete(p.key);
  }

  /** The right row matching a left row now, or null. */
  private best(p: Pending): Scalar[] | null {
    const v = this.versions.get(p.key);
    if (v === undefined) return null;
    const { op, tolerance } = this.options.match;
    const t = p.time;
    let at = -1;
    if (op === '>=' || op === '>') at = upperBound(v.times, op === '>=' ? t : t - 1) - 1;
    else if (op === '<=' || op === '<') {
      const c = firstAtOrAfter(v.times, op === '<=' ? t : t + 1);
      if (c !== undefined) at = upperBound(v.times, c) - 1;
    } else {
      const f = upperBound(v.times, t) - 1;
      const c = firstAtOrAfter(v.times, t);
      at = f;
      if (c !== undefined && (f < 0 || c - t < t - v.times[f]!)) at = upperBound(v.times, c) - 1;
    }
    if (at < 0) return null;
    if (tolerance !== null && Math.abs(v.times[at]! - t) > tolerance) return null;
    return v.rows[at]!;
  }

  private decide(left: Scalar[], right: Scalar[] | null): void {
    if (right !== null && this.filter !== null && this.filter.passes([left], [right])[0] === 0) right = null;
    if (right !== null) this.out.add(true, left, right);
    else if (this.options.type === 'left') this.out.add(true, left, null);
  }

  /** The time before which no pending or future left row will look for a match. */
  private horizon(): number {
    // '>=' and '>' decide a row at (just before) its own time: the decision queue is in time order.
    if (!this.movable) return Math.min(this.decisions.peekKey() + (this.options.match.op === '>' ? 1 : 0), this.clocks.value[0]!);
    while (this.pendingTimes.size > 0 && !this.pending.has(this.pendingTimes.peekId())) this.pendingTimes.pop();
    return Math.min(this.pendingTimes.peekKey(), this.clocks.value[0]!);
  }

  /**
   * Drops right rows behind the horizon that no left row can pick: for '<=' and '<' every one;
   * otherwise all but the last (the latest row before a later left row's time).
   */
  private sweep(): void {
    const h = this.horizon();
    const op = this.options.match.op;
    for (const [key, v] of this.versions) {
      const behind = lowerBound(v.times, h);
      const drop = op === '<=' || op === '<' ? behind : Math.max(0, behind - 1);
      if (drop === 0) continue;
      v.times.splice(0, drop);
      v.rows.splice(0, drop);
      this.versionCount -= drop;
      if (v.times.length === 0) {
        this.versions.delete(key);
        this.emptied.push(key);
      }
    }
    this.sweepAt = Math.max(1024, 2 * this.versionCount);
  }

  /** The output watermark: left times of rows still to come are at least the horizon. */
  private advance(): void {
    const w = this.options.eventTime !== null ? this.horizon() : this.clocks.combined();
    if (w > this.emitted) {
      this.emitted = w;
      this.downstream.watermark(new WatermarkMark(w, this.clocks.allIdle));
    }
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      right: [...this.versions.values()].flatMap((v) => v.rows),
      pending: [...this.pending.values()].sort((a, b) => a.id - b.id).map((p) => p.row),
      watermarks: [...this.clocks.value],
      emitted: this.emitted,
    };
  }

  restore(snapshot: StateSnapshot): void {
    const snap = snapshot as unknown as { right: Scalar[][]; pending: Scalar[][]; watermarks: number[]; emitted: number };
    this.versions.clear();
    this.versionCount = 0;
    this.pending.clear();
    this.pendingByKey.clear();
    this.pendingPerKey.clear();
    while (this.decisions.size > 0) this.decisions.pop();
    while (this.pendingTimes.size > 0) this.pendingTimes.pop();
    this.clocks.value[0] = snap.watermarks[0]!;
    this.clocks.value[1] = snap.watermarks[1]!;
    this.emitted = snap.emitted;
    // Replaying the rows rebuilds the versions and the schedule; nothing is decided yet.
    const [l, r] = [this.clocks.value[0], this.clocks.value[1]];
    this.clocks.value[1] = -Infinity;
    if (snap.right.length > 0) this.pushRight(rowsToBatch(this.options.rightSchema, snap.right));
    if (snap.pending.length > 0) this.pushLeft(rowsToBatch(this.options.leftSchema, snap.pending));
    this.clocks.value[0] = l!;
    this.clocks.value[1] = r!;
    this.out.take();
  }
}

/** Index of the first time > t. */
function upperBound(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first time ≥ t. */
function lowerBound(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtOrAfter(times: readonly number[], t: number): number | undefined {
  const i = lowerBound(times, t);
  return i < times.length ? times[i] : undefined;
}

function lastAtOrBefore(times: readonly number[], t: number): number | undefined {
  const i = upperBound(times, t) - 1;
  return i >= 0 ? times[i] : undefined;
}
