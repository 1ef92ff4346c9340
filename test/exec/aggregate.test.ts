import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELETE, INSERT, ROW_KIND_LABELS, UPDATE_AFTER, UPDATE_BEFORE, batchRows, type Batch, type Schema } from '../../engine/exec/batch/batch.js';
import { ColumnBuilder } from '../../engine/exec/batch/builder.js';
import type { Scalar } from '../../engine/exec/batch/column.js';
import { Consolidator } from '../../engine/exec/consolidate.js';
import { HashAggregate, type EmitGranularity } from '../../engine/exec/operators/aggregate/hash-aggregate.js';
import type { AggregateSpec } from '../../engine/exec/operators/aggregate/create-accumulator.js';
import type { BatchSink } from '../../engine/exec/operators/operator.js';

const INPUT: Schema = [
  { name: 'k', type: 'VARCHAR', nullable: true },
  { name: 'v', type: 'INT', nullable: true },
  { name: 'ok', type: 'BOOLEAN', nullable: true },
];

function batch(rows: readonly (readonly [string, string | null, number | null, boolean?])[]): Batch {
  const b = INPUT.map((f) => new ColumnBuilder(f.type));
  const kinds = new Uint8Array(rows.length);
  rows.forEach(([op, k, v, ok], i) => {
    kinds[i] = ROW_KIND_LABELS.indexOf(op as '+I');
    b[0]!.append(k);
    b[1]!.append(v);
    b[2]!.append(ok ?? true);
  });
  return { length: rows.length, columns: b.map((x) => x.finish()), kinds: kinds.every((x) => x === INSERT) ? null : kinds };
}

/** Collects what an operator emits, as "op|values" lines. */
class Recorder implements BatchSink {
  lines: string[] = [];
  ended = false;
  push(b: Batch): void {
    batchRows(b).forEach((r, i) => this.lines.push(`${ROW_KIND_LABELS[b.kinds === null ? 0 : b.kinds[i]!]} ${r.map(String).join(',')}`));
  }
  flush(): void {}
  watermark(): void {}
  end(): void {
    this.ended = true;
  }
  take(): string[] {
    const l = this.lines;
    this.lines = [];
    return l;
  }
}

const agg = (kind: AggregateSpec['kind'], extra: Partial<AggregateSpec> = {}): AggregateSpec => ({ kind, arg: kind === 'count_star' ? null : 1, filter: null, distinct: false, argType: 'INT', ...extra });

function aggregate(specs: AggregateSpec[], emit: EmitGranularity, appendOnlyInput = false, keyed = true) {
  const out = new Recorder();
  const op = new HashAggregate(
    {
      keyTypes: keyed ? ['VARCHAR'] : [],
      // Without the key column, argument and filter columns shift left by one.
      aggregates: keyed ? specs : specs.map((s) => ({ ...s, arg: s.arg === null ? null : s.arg - 1, filter: s.filter === null ? null : s.filter - 1 })),
      appendOnlyInput,
      emit,
      output: [...(keyed ? [INPUT[0]!] : []), ...specs.map((s, i) => ({ name: `a${i}`, type: s.kind === 'count_star' || s.kind === 'count' || s.kind === 'sum' ? 'BIGINT' as const : s.kind === 'avg' || s.kind.includes('var') || s.kind.includes('stddev') ? 'DOUBLE' as const : 'INT' as const, nullable: true }))],
    },
    out,
  );
  // Keyed input: rows arrive as (k, v, ok); unkeyed input drops k.
  const push = (b: Batch) => op.push(keyed ? b : { ...b, columns: [b.columns[1]!, b.columns[2]!] });
  return { op, out, push };
}

describe('hash aggregate changelog', () => {
  it('emits +I for new groups, -U/+U for changes, -D when every row is retracted, nothing for no change', () => {
    const { op, out, push } = aggregate([agg('count_star'), agg('sum')], 'batch');
    push(batch([['+I', 'a', 1], ['+I', 'b', 2], ['+I', 'a', 3]]));
    op.flush();
    expect(out.take()).toEqual(['+I a,2,4', '+I b,1,2']);
    push(batch([['-D', 'a', 1], ['+I', 'a', 1]]));
    op.flush();
    expect(out.take()).toEqual([]);
    push(batch([['-U', 'b', 2], ['+U', 'b', 5]]));
    op.flush();
    expect(out.take()).toEqual(['-U b,1,2', '+U b,1,5']);
    push(batch([['-D', 'a', 1], ['-D', 'a', 3]]));
    op.flush();
    expect(out.take()).toEqual(['-D a,2,4']);
    push(batch([['+I', 'a', 7]]));
    op.end();
    expect(out.take()).toEqual(['+I a,1,7']);
    expect(out.ended).toBe(true);
    expect(op.keyCount()).toBe(2);
  });

  it("emits every row's change with 'row' granularity, whatever the batch boundaries", () => {
    const rows: [string, string, number][] = [['+I', 'a', 1], ['+I', 'a', 2], ['+I', 'b', 5], ['-D', 'a', 1]];
    const expected = ['+I a,1', '-U a,1', '+U a,2', '+I b,1', '-U a,2', '+U a,1'];
    for (const cut of [1, 2, 3, 4]) {
      const { op, out, push } = aggregate([agg('count_star')], 'row');
      push(batch(rows.slice(0, cut)));
      if (cut < rows.length) push(batch(rows.slice(cut)));
      op.end();
      expect(out.take()).toEqual(expected);
    }
  });

  it("emits only at the end with 'final' granularity", () => {
    const { op, out, push } = aggregate([agg('sum')], 'final');
    push(batch([['+I', 'a', 1]]));
    op.flush();
    push(batch([['+I', 'a', 2]]));
    op.flush();
    expect(out.take()).toEqual([]);
    op.end();
    expect(out.take()).toEqual(['+I a,3']);
  });

  it('gives a global aggregate one row even without input, and keeps it when rows are retracted', () => {
    const { op, out, push } = aggregate([agg('count_star'), agg('sum'), agg('min')], 'batch', false, false);
    op.flush();
    expect(out.take()).toEqual(['+I 0,null,null']);
    push(batch([['+I', null, 4], ['+I', null, 2]]));
    op.flush();
    expect(out.take()).toEqual(['-U 0,null,null', '+U 2,6,2']);
    push(batch([['-D', null, 4], ['-D', null, 2]]));
    op.flush();
    expect(out.take()).toEqual(['-U 2,6,2', '+U 0,null,null']);
  });

  it('retracts every aggregate exactly: MIN/MAX fall back, FIRST/LAST keep order, DISTINCT counts copies', () => {
    const specs = [agg('min'), agg('max'), agg('first_value'), agg('last_value'), agg('count', { distinct: true }), agg('sum', { distinct: true }), agg('avg'), agg('var_samp')];
    const { op, out, push } = aggregate(specs, 'batch');
    push(batch([['+I', 'a', 5], ['+I', 'a', 1], ['+I', 'a', 9], ['+I', 'a', 5]]));
    op.flush();
    expect(out.take()).toEqual(['+I a,1,9,5,5,3,15,5,10.666666666666666']);
    push(batch([['-D', 'a', 1], ['-D', 'a', 9]]));
    op.flush();
    expect(out.take()).toEqual(['-U a,1,9,5,5,3,15,5,10.666666666666666', '+U a,5,5,5,5,1,5,5,0']);
    push(batch([['-D', 'a', 5]]));
    op.flush();
    expect(out.take()).toEqual(['-U a,5,5,5,5,1,5,5,0', '+U a,5,5,5,5,1,5,5,null']);
  });

  it('sum and avg of one argument share their state, and each filter keeps its own', () => {
    const specs = [agg('sum'), agg('avg'), agg('avg', { filter: 2 }), agg('sum', { filter: 2 }), agg('avg', { distinct: true })];
    const { op, out, push } = aggregate(specs, 'row');
    push(batch([['+I', 'a', 2], ['+I', 'a', 4, false], ['+I', 'a', 4], ['-D', 'a', 4, false], ['+I', 'a', null]]));
    op.end();
    expect(out.take()).toEqual([
      '+I a,2,2,2,2,2',
      '-U a,2,2,2,2,2',
      '+U a,6,3,2,2,3',
      '-U a,6,3,2,2,3',
      '+U a,10,3.3333333333333335,3,6,3',
      '-U a,10,3.3333333333333335,3,6,3',
      '+U a,6,3,3,6,3',
    ]);
  });

  it('skips NULL arguments (except first/last) and applies FILTER', () => {
    const specs = [agg('count_star'), agg('count'), agg('sum'), agg('first_value'), agg('count_star', { filter: 2 }), agg('sum', { filter: 2 })];
    const { op, out, push } = aggregate(specs, 'final');
    push(batch([['+I', 'a', null, true], ['+I', 'a', 3, false], ['+I', 'a', 4, true], ['+I', 'b', null, false]]));
    op.end();
    expect(out.take()).toEqual(['+I a,3,2,7,null,2,4', '+I b,1,0,null,null,0,null']);
  });

  it('groups NULL keys together', () => {
    const { op, out, push } = aggregate([agg('count_star')], 'final');
    push(batch([['+I', null, 1], ['+I', 'x', 1], ['+I', null, 2]]));
    op.end();
    expect(out.take()).toEqual(['+I null,2', '+I x,1']);
  });

  it('restores from a snapshot and continues exactly as if uninterrupted', () => {
    const specs = [agg('count_star'), agg('sum'), agg('min'), agg('last_value'), agg('count', { distinct: true }), agg('stddev_pop')];
    const first = batch([['+I', 'a', 1], ['+I', 'b', 2], ['+I', 'a', 3], ['+I', 'c', 3]]);
    const second = batch([['-D', 'a', 1], ['+I', 'b', 7], ['-D', 'c', 3], ['+I', 'd', 0]]);
    const straight = aggregate(specs, 'batch');
    straight.push(first);
    straight.op.flush();
    const snapshot = structuredClone(straight.op.snapshot());
    straight.out.take();
    straight.push(second);
    straight.op.flush();

    const resumed = aggregate(specs, 'batch');
    resumed.op.restore(snapshot);
    resumed.push(second);
    resumed.op.flush();
    expect(resumed.out.take()).toEqual(straight.out.take());
    expect(resumed.op.keyCount()).toBe(straight.op.keyCount());
  });
});

describe('changelog consolidation (property)', () => {
  const op = fc.record({ key: fc.constantFrom('a', 'b', 'c', null), value: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }) });

  it('consolidating the emitted changelog equals recomputing from the surviving rows, for any batching', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.array(fc.boolean(), { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }), (inserts, retractMask, cuts) => {
        // A valid changelog: the inserts, then retractions of some of them.
        const rows: [string, string | null, number | null][] = inserts.map((r) => ['+I', r.key, r.value]);
        const retracted = inserts.filter((_, i) => retractMask[i]);
        for (const r of retracted) rows.push(['-D', r.key, r.value]);
        const specs = [agg('count_star'), agg('count'), agg('sum'), agg('min'), agg('max'), agg('count', { distinct: true })];
        const { op: aggOp, out, push } = aggregate(specs, 'batch');
        const consolidated = new Consolidator([], { appendOnly: false });
        // Cut the changelog into batches of varying sizes.
        let at = 0;
        for (let k = 0; at < rows.length; k++) {
          const n = cuts[k % cuts.length]!;
          push(batch(rows.slice(at, at + n)));
          aggOp.flush();
          at += n;
        }
        for (const line of out.take()) consolidated.apply(lineBatch(line));

        const surviving = [...inserts];
        for (const r of retracted) surviving.splice(surviving.indexOf(r), 1);
        const expected = new Map<string, Scalar[]>();
        for (const key of new Set(surviving.map((r) => r.key))) {
          const vs = surviving.filter((r) => r.key === key).map((r) => r.value);
          const nn = vs.filter((v): v is number => v !== null);
          expected.set(String(key), [key, vs.length, nn.length, nn.length ? nn.reduce((a, b) => a + b, 0) : null, nn.length ? Math.min(...nn) : null, nn.length ? Math.max(...nn) : null, new Set(nn).size]);
        }
        const got = consolidated.rows().map((r) => (r[0] as string).split('|'));
        expect(new Map(got.map((r) => [r[0]!, r.map(parse)]))).toEqual(new Map([...expected].map(([k, r]) => [k, r])));
      }),
      { numRuns: 300 },
    );
  });
});

/** One recorded change line back as a one-row batch of a single text column. */
function lineBatch(line: string): Batch {
  const [op, values] = [line.slice(0, 2), line.slice(3)];
  const b = new ColumnBuilder('VARCHAR');
  b.append(values.split(',').join('|'));
  const kind = op === '+I' ? INSERT : op === '-U' ? UPDATE_BEFORE : op === '+U' ? UPDATE_AFTER : DELETE;
  return { length: 1, columns: [b.finish()], kinds: Uint8Array.of(kind) };
}

function parse(s: string): Scalar {
  return s === 'null' ? null : /^-?\d+$/.test(s) ? Number(s) : s;
}
