import type { Snapshottable, StateSnapshot } from '../../state/keyed-state.js';
import type { WatermarkMark } from '../../time/watermark.js';
import { sliceBatch, type Batch } from '../batch/batch.js';
import type { BatchSink } from './operator.js';

/**
 * LIMIT / OFFSET on an append-only stream, without ORDER BY: the first rows to arrive pass,
 * and once `limit` rows have passed the output ends and `onSatisfied` stops the inputs, so an
 * unbounded source with LIMIT finishes.
 */
export class LimitOperator implements BatchSink, Snapshottable {
  private skipped = 0;
  private passed = 0;
  private done = false;

  constructor(
    private readonly limit: number | null,
    private readonly offset: number,
    private readonly downstream: BatchSink,
    private readonly onSatisfied: () => void,
  ) {}

  push(batch: Batch): void {
    if (this.done) return;
    let start = 0;
    if (this.skipped < this.offset) {
      start = Math.min(batch.length, this.offset - this.skipped);
      this.skipped += start;
    }
    let end = batch.length;
    if (this.limit !== null) end = Math.min(end, start + (this.limit - this.passed));
    if (end > start) {
      this.passed += end - start;
      this.downstream.push(sliceBatch(batch, start, end));
    }
    if (this.limit !== null && this.passed >= this.limit) this.finish();
  }

  watermark(mark: WatermarkMark): void {
    if (!this.done) this.downstream.watermark(mark);
  }

  flush(): void {
    if (!this.done) this.downstream.flush();
  }

  end(): void {
    if (!this.done) this.finish();
  }

  /** Rows skipped (OFFSET) and passed so far. */
  snapshot(): StateSnapshot {
    return { version: 1, skipped: this.skipped, passed: this.passed };
  }

  restore(s: StateSnapshot): void {
    this.skipped = s.skipped as number;
    this.passed = s.passed as number;
    this.done = this.limit !== null && this.passed >= this.limit;
  }

  /** Ends the output now (a LIMIT 0 ends before any input). */
  finish(): void {
    if (this.done) return;
    this.done = true;
    this.downstream.flush();
    this.downstream.end();
    this.onSatisfied();
  }
}
