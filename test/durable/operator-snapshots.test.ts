import { describe, expect, it } from 'vitest';
import { batchRows, type Batch, type Schema } from '../../engine/exec/batch/batch.js';
import { rowsToBatch } from '../../engine/exec/consolidate.js';
import { LimitOperator } from '../../engine/exec/operators/limit-operator.js';
import type { BatchSink } from '../../engine/exec/operators/operator.js';
import { SortOperator } from '../../engine/exec/operators/sort-operator.js';
import { UnionOperator } from '../../engine/exec/operators/union-operator.js';
import { decodeState, encodeState } from '../../engine/session/durable/columnar.js';
import type { StateSnapshot } from '../../engine/state/keyed-state.js';
import { WatermarkMark } from '../../engine/time/watermark.js';

const SCHEMA: Schema = [
  { name: 'k', type: 'VARCHAR', nullable: true },
  { name: 'v', type: 'INT', nullable: true },
];
const rows = (...r: [string | null, number | null][]): Batch => rowsToBatch(SCHEMA, r);

/** What an operator emits, in order: rows, watermarks and the end. */
class Recorder implements BatchSink {
  events: string[] = [];
  push(b: Batch): void {
    for (const r of batchRows(b)) this.events.push(r.map(String).join(','));
  }
  watermark(m: WatermarkMark): void {
    this.events.push(`watermark ${m.value}${m.idle ? ' idle' : ''}`);
  }
  flush(): void {}
  end(): void {
    this.events.push('end');
  }
}

/** A snapshot as a checkpoint writes it and reads it back. */
const throughCheckpoint = (s: StateSnapshot): StateSnapshot => decodeState(encodeState(s)) as StateSnapshot;

/**
 * Runs `steps` on a fresh operator; then again with a checkpoint after step `at`: the operator
 * restored from it runs the remaining steps. Returns both runs' output after step `at`.
 */
function resumed<T extends { snapshot(): StateSnapshot; restore(s: StateSnapshot): void }>(make: (out: Recorder) => T, steps: ((op: T) => void)[], at: number): { straight: string[]; resumed: string[] } {
  const straight = new Recorder();
  const one = make(straight);
  steps.forEach((step, i) => {
    step(one);
    if (i === at) straight.events = [];
  });
  const before = new Recorder();
  const two = make(before);
  steps.slice(0, at + 1).forEach((step) => step(two));
  const after = new Recorder();
  const three = make(after);
  three.restore(throughCheckpoint(two.snapshot()));
  steps.slice(at + 1).forEach((step) => step(three));
  return { straight: straight.events, resumed: after.events };
}

describe('snapshots of UNION ALL, ORDER BY and LIMIT', () => {
  it('ORDER BY keeps the rows so far, their arrival order for ties and the watermark it holds back', () => {
    const steps: ((op: SortOperator) => void)[] = [
      (op) => op.push(rows(['a', 2], ['b', 1], ['c', 2])),
      (op) => op.watermark(new WatermarkMark(40)),
      (op) => op.push(rows(['d', 3], ['e', 2])),
      (op) => op.end(),
    ];
    for (let at = 0; at < 3; at++) {
      const run = resumed((out) => new SortOperator(SCHEMA, [{ column: 1, descending: true, nullsFirst: false }], 3, 1, true, out), steps, at);
      expect(run.resumed).toEqual(run.straight);
      expect(run.straight).toEqual(['a,2', 'c,2', 'e,2', 'watermark 40', 'end']);
    }
  });

  it('UNION ALL keeps each input watermark, which inputs ended, and the watermark it emitted', () => {
    type Inputs = { union: UnionOperator; inputs: BatchSink[] };
    const make = (out: Recorder) => {
      const union = new UnionOperator(2, out);
      const inputs = [union.input(), union.input()];
      return Object.assign(union, { inputs }) as UnionOperator & Inputs;
    };
    const steps: ((op: UnionOperator & Inputs) => void)[] = [
      (op) => op.inputs[0]!.watermark(new WatermarkMark(5)),
      (op) => op.inputs[1]!.watermark(new WatermarkMark(3)),
      (op) => op.inputs[1]!.end(),
      (op) => op.inputs[0]!.watermark(new WatermarkMark(4)),
      (op) => op.inputs[0]!.watermark(new WatermarkMark(9)),
      (op) => op.inputs[0]!.end(),
    ];
    for (let at = 0; at < 5; at++) {
      const run = resumed(make, steps, at);
      expect(run.resumed).toEqual(run.straight);
    }
    expect(resumed(make, steps, 1).straight).toEqual(['watermark 5', 'watermark 9', 'watermark Infinity', 'end']);
  });

  it('LIMIT keeps the rows it skipped and passed', () => {
    const steps: ((op: LimitOperator) => void)[] = [(op) => op.push(rows(['a', 1], ['b', 2])), (op) => op.push(rows(['c', 3])), (op) => op.push(rows(['d', 4], ['e', 5]))];
    for (let at = 0; at < 2; at++) {
      const run = resumed((out) => new LimitOperator(2, 1, out, () => undefined), steps, at);
      expect(run.resumed).toEqual(run.straight);
    }
    expect(resumed((out) => new LimitOperator(2, 1, out, () => undefined), steps, 0).straight).toEqual(['c,3', 'end']);
  });
});
