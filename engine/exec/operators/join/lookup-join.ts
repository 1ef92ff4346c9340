import type { BoundExpr } from '../../../plan/bound-expr.js';
import type { KeyedState, StateSnapshot } from '../../../state/keyed-state.js';
import type { WatermarkMark } from '../../../time/watermark.js';
import { batchRows, DELETE, UPDATE_BEFORE, type Batch, type Schema } from '../../batch/batch.js';
import type { Scalar } from '../../batch/column.js';
import { rowKey, rowsToBatch } from '../../consolidate.js';
import type { BatchSink } from '../operator.js';
import { JoinKeys } from './join-keys.js';
import { JoinOutput } from './join-output.js';
import { PairFilter } from './pair-filter.js';

export interface LookupJoinOptions {
  readonly type: 'inner' | 'left';
  readonly leftSchema: Schema;
  readonly rightSchema: Schema;
  readonly output: Schema;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  readonly residual: BoundExpr | null;
  /** The left input retracts: remember what each left row was joined with, to retract exactly that. */
  readonly leftRetracts: boolean;
  /** Called when the left input ends: the join is over, its right input can stop. */
  readonly onEnd: () => void;
}

/**
 * A lookup join (FOR SYSTEM_TIME AS OF PROCTIME()): each left row is joined with the right
 * rows of its key current when it arrives, in processing time. The right input's changes only
 * update the rows later left rows see: nothing already emitted changes. The output follows the
 * left input (its watermarks, its end).
 */
export class LookupJoin implements KeyedState {
  private readonly keys: JoinKeys;
  private readonly filter: PairFilter | null;
  private readonly out: JoinOutput;
  private readonly current = new Map<number, Scalar[][]>();
  private rightRows = 0;
  /** Left row (rowKey) → the right rows each copy of it was joined with. */
  private readonly joined = new Map<string, (Scalar[] | null)[][]>();
  private ended = false;

  constructor(
    private readonly options: LookupJoinOptions,
    private readonly downstream: BatchSink,
  ) {
    this.keys = new JoinKeys(options.leftSchema, options.rightSchema, options.leftKeys, options.rightKeys);
    this.filter = options.residual ? new PairFilter(options.output, options.leftSchema.length, options.residual) : null;
    this.out = new JoinOutput(options.output, options.leftSchema.length);
  }

  input(s: 0 | 1): BatchSink {
    if (s === 1) {
      return { push: (batch) => this.pushRight(batch), watermark: () => undefined, flush: () => undefined, end: () => undefined };
    }
    return {
      push: (batch) => this.pushLeft(batch),
      watermark: (mark: WatermarkMark) => this.downstream.watermark(mark),
      flush: () => this.downstream.flush(),
      end: () => {
        if (this.ended) return;
        this.ended = true;
        this.downstream.end();
        this.options.onEnd();
      },
    };
  }

  keyCount(): number {
    return this.rightRows + this.joined.size;
  }

  private pushRight(batch: Batch): void {
    const ids = this.keys.assign(1, batch);
    const rows = batchRows(batch);
    const emptied: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const key = ids[i]!;
      if (key < 0) continue;
      const row = rows[i]!;
      const retract = batch.kinds !== null && (batch.kinds[i] === UPDATE_BEFORE || batch.kinds[i] === DELETE);
      let bucket = this.current.get(key);
      if (!retract) {
        if (bucket === undefined) this.current.set(key, (bucket = []));
        bucket.push(row);
        this.rightRows++;
        continue;
      }
      const want = rowKey(row);
      const at = bucket?.findIndex((r) => rowKey(r) === want) ?? -1;
      if (at < 0) continue;
      bucket!.splice(at, 1);
      this.rightRows--;
      if (bucket!.length === 0) {
        this.current.delete(key);
        emptied.push(key);
      }
    }
    for (const key of emptied) if (!this.current.has(key)) this.keys.release(key);
  }

  private pushLeft(batch: Batch): void {
    const ids = this.keys.assign(0, batch);
    const rows = batchRows(batch);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const retract = batch.kinds !== null && (batch.kinds[i] === UPDATE_BEFORE || batch.kinds[i] === DELETE);
      if (retract && this.options.leftRetracts) {
        for (const right of this.takeJoined(row)) this.out.add(false, row, right);
        continue;
      }
      const matches = ids[i]! >= 0 ? (this.current.get(ids[i]!) ?? []) : [];
      const pass = this.filter && matches.length > 0 ? this.filter.passes(matches.map(() => row), matches) : null;
      const chosen: (Scalar[] | null)[] = matches.filter((_, k) => pass === null || pass[k] === 1);
      if (chosen.length === 0 && this.options.type === 'left') chosen.push(null);
      for (const right of chosen) this.out.add(!retract, row, right);
      if (this.options.leftRetracts) this.remember(row, chosen);
    }
    // Left rows are not kept: ids of their keys that the right side does not hold are released.
    for (let i = 0; i < rows.length; i++) if (!this.current.has(ids[i]!)) this.keys.release(ids[i]!);
    const b = this.out.take();
    if (b) this.downstream.push(b);
  }

  private remember(row: readonly Scalar[], rights: (Scalar[] | null)[]): void {
    const k = rowKey(row);
    const list = this.joined.get(k);
    if (list) list.push(rights);
    else this.joined.set(k, [rights]);
  }

  private takeJoined(row: readonly Scalar[]): (Scalar[] | null)[] {
    const k = rowKey(row);
    const list = this.joined.get(k);
    const rights = list?.shift() ?? [];
    if (list?.length === 0) this.joined.delete(k);
    return rights;
  }

  snapshot(): StateSnapshot {
    return { version: 1, right: [...this.current.values()].flat(), joined: [...this.joined.entries()] };
  }

  restore(snapshot: StateSnapshot): void {
    const snap = snapshot as unknown as { right: Scalar[][]; joined: [string, (Scalar[] | null)[][]][] };
    this.current.clear();
    this.rightRows = 0;
    if (snap.right.length > 0) this.pushRight(rowsToBatch(this.options.rightSchema, snap.right));
    this.joined.clear();
    for (const [k, v] of snap.joined) this.joined.set(k, v);
  }
}
