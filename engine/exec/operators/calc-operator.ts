import type { Batch } from '../batch/batch.js';
import type { CalcFn } from '../compile/calc.js';
import { Forwarding, type BatchSink } from './operator.js';

/** Filter and projection, compiled into one loop (see compile/calc.ts). */
export class CalcOperator extends Forwarding {
  rowsIn = 0;

  constructor(
    private readonly calc: CalcFn,
    downstream: BatchSink,
  ) {
    super(downstream);
  }

  push(batch: Batch): void {
    this.rowsIn += batch.length;
    const out = this.calc(batch);
    if (out.length > 0) this.downstream.push(out);
  }
}
