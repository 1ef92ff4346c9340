import type { SortKey } from '../../../plan/logical.js';
import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import type { WatermarkMark } from '../../../time/watermark.js';
import { DELETE, INSERT, UPDATE_AFTER, UPDATE_BEFORE, batchRows, type Batch, type Schema } from '../../batch/batch.js';
import type { Scalar } from '../../batch/column.js';
import { rowKey, rowsToBatch } from '../../consolidate.js';
import { compareRows } from '../sort-operator.js';
import type { EmitGranularity } from '../aggregate/hash-aggregate.js';
import type { BatchSink } from '../operator.js';

export interface TopNOptions {
  readonly partition: readonly number[];
  readonly order: readonly SortKey[];
  /** Only ranks 1 … limit are output (null: every rank; the input is then bounded). */
  readonly limit: number | null;
  /** Output the rank as a last column (else only which rows are in). */
  readonly rank: boolean;
  readonly appendOnlyInput: boolean;
  readonly emit: EmitGranularity;
  readonly output: Schema;
}

interface Entry {
  readonly row: Scalar[];
  /** Arrival order: ties in the ORDER BY keep it. */
  readonly seq: number;
}

/**
 * ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) with rank ≤ limit: per partition, its rows in
 * order. A row entering the top pushes the last one out (-U it, +U the new one); with the rank
 * output, rows whose rank changes are updated too. An input that only inserts keeps just the
 * top rows of each partition (a row that falls out can never come back); an input that
 * retracts keeps every row, so a retraction can promote the next one. With limit 1 and
 * ORDER BY time this is deduplication: the first (ASC) or last (DESC) row of each key wins.
 */
export class TopN implements BatchSink, KeyedState {
  private readonly partitions = new Map<string, Entry[]>();
  private seq = 0;
  private out: Scalar[][] = [];
  private outKinds: number[] = [];
  /** With 'final' granularity nothing is recorded until the end. */
  private emitting: boolean;

  constructor(
    private readonly options: TopNOptions,
    private readonly downstream: BatchSink,
  ) {
    this.emitting = options.emit !== 'final';
  }

  keyCount(): number {
    return this.partitions.size;
  }

  push(batch: Batch): void {
    const rows = batchRows(batch);
    rows.forEach((row, i) => {
      const kind = batch.kinds === null ? INSERT : batch.kinds[i]!;
      if (kind === INSERT || kind === UPDATE_AFTER) this.insert(row);
      else this.retract(row);
    });
    this.pushOutput();
  }

  watermark(mark: WatermarkMark): void {
    this.downstream.watermark(mark);
  }

  flush(): void {
    this.downstream.flush();
  }

  end(): void {
    if (!this.emitting) {
      // Nothing was emitted yet: the final ranking, partitions in order of first appearance.
      this.emitting = true;
      for (const list of this.partitions.values()) list.slice(0, this.visible(list)).forEach((e, r) => this.append(e, r, INSERT));
    }
    this.pushOutput();
    this.downstream.end();
  }

  private visible(list: readonly Entry[]): number {
    return this.options.limit === null ? list.length : Math.min(list.length, this.options.limit);
  }

  private compare(a: Entry, b: Entry): number {
    return compareRows(a.row, b.row, this.options.order) || a.seq - b.seq;
  }

  private insert(row: Scalar[]): void {
    const key = rowKey(this.options.partition.map((c) => row[c]!));
    let list = this.partitions.get(key);
    if (!list) this.partitions.set(key, (list = []));
    const entry: Entry = { row, seq: this.seq++ };
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(list[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    const limit = this.options.limit ?? Infinity;
    if (lo >= limit && this.options.appendOnlyInput) return; // never enters the top
    list.splice(lo, 0, entry);
    if (lo < limit) {
      const pushedOut = list.length > limit ? list[limit]! : null;
      if (pushedOut) this.append(pushedOut, limit - 1, UPDATE_BEFORE);
      this.shiftRanks(list, lo + 1, Math.min(list.length, limit), -1);
      this.append(entry, lo, pushedOut ? UPDATE_AFTER : INSERT);
    }
    // Rows below the top can never come back when nothing retracts.
    if (this.options.appendOnlyInput && list.length > limit) list.length = limit;
  }

  private retract(row: Scalar[]): void {
    const key = rowKey(this.options.partition.map((c) => row[c]!));
    const list = this.partitions.get(key);
    if (!list) return;
    const target = rowKey(row);
    let at = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (rowKey(list[i]!.row) === target) {
        at = i;
        break;
      }
    }
    if (at < 0) return;
    const [removed] = list.splice(at, 1);
    const limit = this.options.limit ?? Infinity;
    if (at < limit) {
      const promoted = list.length >= limit ? list[limit - 1]! : null;
      this.append(removed!, at, promoted ? UPDATE_BEFORE : DELETE);
      this.shiftRanks(list, at, Math.min(list.length, limit) - (promoted ? 1 : 0), +1);
      if (promoted) this.append(promoted, limit - 1, UPDATE_AFTER);
    }
    if (list.length === 0) this.partitions.delete(key);
  }

  /**
   * Rows at positions [from, to) moved by one: with the rank output, each is updated (its
   * rank before the move is its position + 1 + delta).
   */
  private shiftRanks(list: readonly Entry[], from: number, to: number, delta: number): void {
    if (!this.options.rank) return;
    for (let i = from; i < to; i++) {
      this.append(list[i]!, i + delta, UPDATE_BEFORE);
      this.append(list[i]!, i, UPDATE_AFTER);
    }
  }

  private append(e: Entry, position: number, kind: number): void {
    if (!this.emitting) return;
    this.out.push(this.options.rank ? [...e.row, position + 1] : e.row);
    this.outKinds.push(kind);
  }

  private pushOutput(): void {
    if (this.out.length === 0) return;
    const batch = rowsToBatch(this.options.output, this.out);
    const kinds = Uint8Array.from(this.outKinds);
    this.out = [];
    this.outKinds = [];
    this.downstream.push({ ...batch, kinds: kinds.every((k) => k === INSERT) ? null : kinds });
  }

  snapshot(): StateSnapshot {
    return { version: 1, seq: this.seq, partitions: [...this.partitions].map(([k, list]) => [k, list.map((e) => ({ row: e.row, seq: e.seq }))]) };
  }

  restore(s: StateSnapshot): void {
    const snap = s as unknown as { seq: number; partitions: [string, Entry[]][] };
    this.partitions.clear();
    for (const [k, list] of snap.partitions) this.partitions.set(k, list.map((e) => ({ row: [...e.row], seq: e.seq })));
    this.seq = snap.seq;
  }
}
