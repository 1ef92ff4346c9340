import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSERT, ROW_KIND_LABELS, batchRows, type Batch, type Schema } from '../../engine/exec/batch/batch.js';
import { ColumnBuilder } from '../../engine/exec/batch/builder.js';
import type { AggregateSpec } from '../../engine/exec/operators/aggregate/create-accumulator.js';
import { HashAggregate, type EmitGranularity } from '../../engine/exec/operators/aggregate/hash-aggregate.js';
import type { BatchSink } from '../../engine/exec/operators/operator.js';
import { pack, unpack } from '../../engine/session/durable/columnar.js';
import type { StateSnapshot } from '../../engine/state/keyed-state.js';
import { SnapshotBuffers } from '../../engine/state/snapshot-buffers.js';
import { transferList } from '../../engine/state/transfer.js';

/** Input rows: two key columns (VARCHAR and INT, both nullable), an INT, a DOUBLE and a filter. */
const INPUT: Schema = [
  { name: 'k', type: 'VARCHAR', nullable: true },
  { name: 'j', type: 'INT', nullable: true },
  { name: 'v', type: 'INT', nullable: true },
  { name: 'x', type: 'DOUBLE', nullable: true },
  { name: 'ok', type: 'BOOLEAN', nullable: true },
];
type Row = readonly [string | null, number | null, number | null, number | null, boolean | null];

const spec = (kind: AggregateSpec['kind'], arg: number | null, extra: Partial<AggregateSpec> = {}): AggregateSpec => ({
  kind,
  arg,
  filter: null,
  distinct: false,
  argType: arg === null ? null : INPUT[arg]!.type,
  ...extra,
});

/** Every accumulator kind, over INT and DOUBLE arguments, with DISTINCT and FILTER. */
const SPECS: AggregateSpec[] = [
  spec('count_star', null),
  spec('count', 2),
  spec('sum', 2),
  spec('sum', 3),
  spec('avg', 3),
  spec('min', 2),
  spec('max', 3),
  spec('min', 0),
  spec('first_value', 2),
  spec('last_value', 3),
  spec('count', 2, { distinct: true }),
  spec('sum', 3, { distinct: true }),
  spec('max', 2, { filter: 4 }),
  spec('var_samp', 3),
  spec('stddev_pop', 2),
];

class Recorder implements BatchSink {
  lines: string[] = [];
  push(b: Batch): void {
    batchRows(b).forEach((r, i) => this.lines.push(`${ROW_KIND_LABELS[b.kinds === null ? 0 : b.kinds[i]!]} ${r.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(',')}`));
  }
  flush(): void {}
  watermark(): void {}
  end(): void {}
}

function aggregate(emit: EmitGranularity, appendOnly: boolean, keyed: boolean) {
  const out = new Recorder();
  // Unkeyed: a global aggregate over the same columns (the key columns are then plain inputs).
  const keyFields = keyed ? INPUT.slice(0, 2) : [];
  const op = new HashAggregate(
    {
      keyTypes: keyFields.map((f) => f.type),
      aggregates: SPECS,
      appendOnlyInput: appendOnly,
      emit,
      output: [...keyFields, ...SPECS.map((s, i) => ({ name: `a${i}`, type: s.kind === 'min' && s.arg === 0 ? ('VARCHAR' as const) : ('DOUBLE' as const), nullable: true }))],
    },
    out,
  );
  const push = (rows: readonly (readonly [number, Row])[]) => {
    const b = INPUT.map((f) => new ColumnBuilder(f.type));
    for (const [, r] of rows) r.forEach((v, c) => b[c]!.append(v));
    const kinds = Uint8Array.from(rows.map(([kind]) => kind));
    op.push({ length: rows.length, columns: b.map((x) => x.finish()), kinds: kinds.every((k) => k === INSERT) ? null : kinds });
  };
  return { op, out, push };
}

/** What a checkpoint does to a snapshot: columns packed, V8-serialized, read back. */
function throughCheckpoint(s: StateSnapshot): StateSnapshot {
  return unpack(deserialize(serialize(pack(s)))) as StateSnapshot;
}

const row: fc.Arbitrary<Row> = fc.tuple(
  fc.option(fc.constantFrom('a', 'b', 'é', ''), { nil: null }),
  fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
  fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
  fc.option(fc.constantFrom(0.1, -0, 0, 2.5, 1e300, Number.NaN, -7), { nil: null }),
  fc.option(fc.boolean(), { nil: null }),
);

/**
 * A valid changelog: each step inserts a row, or retracts one still there (-D), or updates
 * one (-U then +U), cut into batches; `flushes` says after which batches the operator flushes.
 */
const changelog = (appendOnly: boolean) =>
  fc.record({
    steps: fc.array(fc.tuple(fc.constantFrom('insert', 'insert', 'retract', 'update'), row, fc.nat()), { minLength: 1, maxLength: 80 }),
    cuts: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
    flushes: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    at: fc.nat(),
  }).map(({ steps, cuts, flushes, at }) => {
    const live: Row[] = [];
    const rows: [number, Row][] = [];
    for (const [what, r, pick] of steps) {
      if (appendOnly || what === 'insert' || live.length === 0) {
        rows.push([INSERT, r]);
        live.push(r);
        continue;
      }
      const [old] = live.splice(pick % live.length, 1);
      if (what === 'retract') rows.push([ROW_KIND_LABELS.indexOf('-D'), old!]);
      else {
        rows.push([ROW_KIND_LABELS.indexOf('-U'), old!], [ROW_KIND_LABELS.indexOf('+U'), r]);
        live.push(r);
      }
    }
    const batches: [number, Row][][] = [];
    for (let i = 0, k = 0; i < rows.length; k++) {
      const n = cuts[k % cuts.length]!;
      batches.push(rows.slice(i, i + n));
      i += n;
    }
    return { batches, flushes, snapshotAfter: at % (batches.length + 1) };
  });

describe('aggregate snapshots (columns) through a checkpoint', () => {
  const cases: [EmitGranularity, boolean, boolean][] = [
    ['batch', false, true],
    ['batch', true, true],
    ['row', false, true],
    ['final', false, true],
    ['batch', false, false],
  ];
  it.each(cases)('restored state continues with exactly the changelog of an uninterrupted run (emit %s, append-only %s, keyed %s)', (emit, appendOnly, keyed) => {
    fc.assert(
      fc.property(changelog(appendOnly), ({ batches, flushes, snapshotAfter }) => {
        const straight = aggregate(emit, appendOnly, keyed);
        let snapshot: StateSnapshot | null = null;
        const run = (target: ReturnType<typeof aggregate>, from: number) => {
          for (let b = from; b < batches.length; b++) {
            if (b === snapshotAfter && target === straight) {
              snapshot = throughCheckpoint(straight.op.snapshot());
              straight.out.lines = [];
            }
            target.push(batches[b]!);
            // Unflushed batches leave groups changed since they last emitted (dirty).
            if (flushes[b % flushes.length]) target.op.flush();
          }
          target.op.end();
        };
        run(straight, 0);
        if (snapshotAfter === batches.length) {
          snapshot = throughCheckpoint(straight.op.snapshot());
          straight.out.lines = [];
        }
        const resumed = aggregate(emit, appendOnly, keyed);
        resumed.op.restore(snapshot!);
        expect(resumed.op.keyCount()).toBe(keyCountAt(snapshot!));
        run(resumed, snapshotAfter);
        expect(resumed.out.lines).toEqual(straight.out.lines);
        expect(resumed.op.keyCount()).toBe(straight.op.keyCount());
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips thousands of groups, some removed and some dirty, through the narrowed columns', () => {
    // Long columns are what the checkpoint narrows (whole numbers, zeros) and gathers around removed ids.
    let x = 7;
    const next = () => (x = (x * 48271) % 2147483647);
    const value = (): number | null => [null, 3, -0, 2 ** 31, -(2 ** 31), 0.25, Number.NaN, 12345678901][next() % 8]!;
    const make = (i: number): Row => [i % 97 === 0 ? null : `k${i % 1500}`, i % 5 === 0 ? null : i % 3, value(), value(), next() % 3 === 0];
    const inserts = Array.from({ length: 6000 }, (_, i) => make(i));
    const first: [number, Row][] = inserts.map((r) => [INSERT, r]);
    // Every row of some groups retracted (their ids freed), a few others updated and left unflushed.
    const retract: [number, Row][] = inserts.filter((r) => r[0] !== null && Number(r[0].slice(1)) % 4 === 0).map((r) => [ROW_KIND_LABELS.indexOf('-D'), r]);
    const dirty: [number, Row][] = inserts.slice(0, 300).map((r) => [INSERT, r]);
    const later: [number, Row][] = [...inserts.slice(1000, 1400).map((r): [number, Row] => [ROW_KIND_LABELS.indexOf('-D'), r]), ...Array.from({ length: 500 }, (_, i): [number, Row] => [INSERT, make(i * 7 + 3)])];
    const straight = aggregate('batch', false, true);
    straight.push(first);
    straight.op.flush();
    straight.push(retract);
    straight.op.flush();
    straight.push(dirty);
    const snapshot = throughCheckpoint(straight.op.snapshot());
    straight.out.lines = [];
    const resumed = aggregate('batch', false, true);
    resumed.op.restore(snapshot);
    for (const op of [straight, resumed]) {
      op.push(later);
      op.op.flush();
      op.op.end();
    }
    expect(resumed.out.lines.length).toBeGreaterThan(1000);
    expect(resumed.out.lines).toEqual(straight.out.lines);
    expect(resumed.op.keyCount()).toBe(straight.op.keyCount());
  });

  it('snapshots twice in a row identically, and again after a restore', () => {
    const a = aggregate('batch', false, true);
    a.push([[INSERT, ['a', null, 1, 0.5, true]], [INSERT, [null, 2, null, -0, null]], [INSERT, ['b', 1, 3, Number.NaN, false]]]);
    a.op.flush();
    a.push([[ROW_KIND_LABELS.indexOf('-D'), ['a', null, 1, 0.5, true]], [INSERT, ['c', 0, 9, 1, true]]]);
    const first = throughCheckpoint(a.op.snapshot());
    expect(throughCheckpoint(a.op.snapshot())).toStrictEqual(first);
    const b = aggregate('batch', false, true);
    b.op.restore(first);
    expect(throughCheckpoint(b.op.snapshot())).toStrictEqual(first);
  });

  it('snapshots into buffers reused from the last checkpoint hold exactly what fresh ones do', () => {
    // Enough groups that the columns come from the pool (small ones are allocated), and the
    // second snapshot has fewer groups than the first: stale values must not show through.
    const rows = (from: number, to: number, kind = INSERT): [number, Row][] =>
      Array.from({ length: to - from }, (_, i): [number, Row] => [kind, [`k${from + i}`, (from + i) % 3, from + i, (from + i) / 8, (from + i) % 2 === 0]]);
    const a = aggregate('batch', false, true);
    a.push(rows(0, 30_000));
    a.op.flush();
    const buffers = new SnapshotBuffers();
    const first = a.op.snapshot(buffers);
    buffers.captured();
    const given = transferList(first);
    expect(given.length).toBeGreaterThan(10);
    buffers.give(given);
    a.push(rows(0, 12_000, ROW_KIND_LABELS.indexOf('-D')));
    a.push(rows(40_000, 41_000));
    const reused = a.op.snapshot(buffers);
    buffers.captured();
    expect(transferList(reused).filter((b) => given.includes(b)).length).toBeGreaterThan(10);
    expect(reused).toStrictEqual(a.op.snapshot());
    const b = aggregate('batch', false, true);
    b.op.restore(throughCheckpoint(reused));
    expect(b.op.snapshot()).toStrictEqual(a.op.snapshot());
  });

  it('refuses state of another snapshot version with CHECKPOINT_VERSION, not silently', () => {
    const a = aggregate('batch', false, true);
    a.push([[INSERT, ['a', 1, 1, 1, true]]]);
    const old = { ...a.op.snapshot(), version: 1 };
    const b = aggregate('batch', false, true);
    let error: unknown = null;
    try {
      b.op.restore(old);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CHECKPOINT_VERSION', message: 'the checkpoint holds aggregate state of snapshot version 1; this LaminarDB reads version 4' });
  });
});

function keyCountAt(s: StateSnapshot): number {
  return (s as unknown as { keys: { count: number } }).keys.count;
}
