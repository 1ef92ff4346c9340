import type { Batch } from '../batch/batch.js';
import type { BatchSink } from './operator.js';

/** UNION ALL: every input's changes pass through; the output ends when every input has. */
export class UnionOperator {
  private open: number;

  constructor(
    inputs: number,
    private readonly downstream: BatchSink,
  ) {
    this.open = inputs;
  }

  /** The sink for input i. */
  input(): BatchSink {
    let ended = false;
    return {
      push: (batch: Batch) => this.downstream.push(batch),
      flush: () => this.downstream.flush(),
      end: () => {
        if (ended) return;
        ended = true;
        if (--this.open === 0) this.downstream.end();
      },
    };
  }
}
