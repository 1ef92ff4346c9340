import type { WatermarkMark } from '../../time/watermark.js';
import type { Batch } from '../batch/batch.js';

/**
 * Operators form a push-based graph: a producer calls `push` for each batch of changes,
 * `watermark` when event time has advanced, `flush` when it has finished a unit of input (so
 * operators that coalesce changes emit them), and `end` once when its input is exhausted.
 */
export interface BatchSink {
  push(batch: Batch): void;
  watermark(mark: WatermarkMark): void;
  flush(): void;
  end(): void;
}

/** A sink that forwards to another; operators that only transform batches extend it. */
export abstract class Forwarding implements BatchSink {
  constructor(protected readonly downstream: BatchSink) {}

  abstract push(batch: Batch): void;

  watermark(mark: WatermarkMark): void {
    this.downstream.watermark(mark);
  }

  flush(): void {
    this.downstream.flush();
  }

  end(): void {
    this.downstream.end();
  }
}
