import { WatermarkMark } from '../../time/watermark.js';
import type { Snapshottable, StateSnapshot } from '../../state/keyed-state.js';
import type { Batch } from '../batch/batch.js';
import type { BatchSink } from './operator.js';

interface InputMark {
  value: number;
  idle: boolean;
  ended: boolean;
}

/**
 * UNION ALL: every input's changes pass through; the output ends when every input has. Its
 * watermark is the minimum over its inputs (idle inputs left out), and never moves back.
 */
export class UnionOperator implements Snapshottable {
  private open: number;
  private readonly marks: InputMark[] = [];
  private emitted = -Infinity;

  constructor(
    inputs: number,
    private readonly downstream: BatchSink,
  ) {
    this.open = inputs;
  }

  /** The sink for the next input. */
  input(): BatchSink {
    const state = { value: -Infinity, idle: false, ended: false };
    this.marks.push(state);
    return {
      // Per-row watermarks describe one input; downstream of a union only its minimum holds.
      push: (batch: Batch) => this.downstream.push(batch.rowWatermarks ? { ...batch, rowWatermarks: null } : batch),
      watermark: (mark: WatermarkMark) => {
        state.value = Math.max(state.value, mark.value);
        state.idle = mark.idle;
        this.advance();
      },
      flush: () => this.downstream.flush(),
      end: () => {
        if (state.ended) return;
        state.ended = true;
        state.value = Infinity;
        this.advance();
        if (--this.open === 0) this.downstream.end();
      },
    };
  }

  /** Each input's watermark and whether it ended, and the watermark emitted. */
  snapshot(): StateSnapshot {
    return { version: 1, marks: this.marks.map((m) => ({ ...m })), emitted: this.emitted };
  }

  restore(s: StateSnapshot): void {
    const marks = s.marks as InputMark[];
    marks.forEach((m, k) => Object.assign(this.marks[k]!, m));
    this.open = marks.filter((m) => !m.ended).length;
    this.emitted = s.emitted as number;
  }

  private advance(): void {
    const active = this.marks.filter((m) => !m.idle || m.ended);
    const all = active.length === 0;
    const value = Math.min(...(all ? this.marks : active).map((m) => m.value));
    if (value > this.emitted) {
      this.emitted = value;
      this.downstream.watermark(new WatermarkMark(value, all));
    }
  }
}
