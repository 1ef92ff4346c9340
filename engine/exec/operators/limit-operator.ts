import type { WatermarkMark } from '../../time/watermark.js';
import { sliceBatch, type Batch } from '../batch/batch.js';
import type { BatchSink } from './operator.js';

/**
 * LIMIT / OFFSET on an append-only stream, without ORDER BY: the first rows to arrive pass,
 * and once `limit` rows have passed the output ends and `onSatisfied` stops the inputs, so an
 * unbounded source with LIMIT finishes.
 */
export class LimitOperator implements BatchSink {
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

  /** Ends the output now (a LIMIT 0 ends before any input). */
  finish(): void {
    if (this.done) return;
    this.done = true;
    this.downstream.flush();
    this.downstream.end();
    this.onSatisfied();
  }
}
