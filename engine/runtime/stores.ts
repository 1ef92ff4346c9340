import { LaminarError } from '../errors/laminar-error.js';
import { DELETE, INSERT, UPDATE_AFTER, UPDATE_BEFORE, batchRows, type Batch, type Schema } from '../exec/batch/batch.js';
import type { Scalar } from '../exec/batch/column.js';
import { Consolidator, rowKey, rowsToBatch } from '../exec/consolidate.js';
import type { BatchSink } from '../exec/operators/operator.js';
import type { WatermarkMark } from '../time/watermark.js';
import { Channel } from './channel.js';
import { batchesInput, concatInputs, type QueryInput } from './query-input.js';

/** Rejects NULL in NOT NULL columns, naming the row and column. */
export function checkNotNull(schema: Schema, batch: Batch, target: string): void {
  schema.forEach((f, c) => {
    const v = batch.columns[c]!.validity;
    if (f.nullable || v === null) return;
    for (let i = 0; i < batch.length; i++) {
      if (!((v[i >> 3]! >> (i & 7)) & 1)) {
        throw new LaminarError('CONSTRAINT_VIOLATION', `column '${f.name}' of ${target} cannot be NULL (row ${i + 1} of the insert)`);
      }
    }
  });
}

/**
 * The rows pushed into a source without a connector (by INSERT or the push API). The log is
 * retained, so a query started later still sees every row pushed before it.
 */
export class PushLog {
  readonly channel: Channel;
  /** A durable session's write-ahead log of this source's appends (null batch: the end). */
  journal: ((batch: Batch | null) => void) | null = null;

  constructor(
    readonly name: string,
    readonly schema: Schema,
  ) {
    this.channel = new Channel(name, true);
  }

  get ended(): boolean {
    return this.channel.isClosed;
  }

  /** Appends rows; `journaled` false leaves them out of the write-ahead log (the caller logs them later). */
  append(batch: Batch, journaled = true): void {
    if (this.ended) throw new LaminarError('INVALID_ARGUMENT', `source '${this.name}' has ended and accepts no more rows`);
    checkNotNull(this.schema, batch, `source '${this.name}'`);
    if (journaled) this.journal?.(batch);
    this.channel.append(batch);
  }

  end(): void {
    if (!this.ended) this.journal?.(null);
    this.channel.close();
  }

  /** Every row pushed so far, then (while the source is open) each new push. */
  open(position?: number): QueryInput {
    return position === undefined ? this.channel.reader('start') : this.channel.readerAt(position);
  }
}

/**
 * A reference table. With a primary key, inserting an existing key replaces the row (-U old,
 * +U new); without one, the table is a multiset of the rows inserted.
 */
export class TableStore {
  private readonly rows = new Map<string, Scalar[]>();
  private nextId = 0;
  readonly changes: Channel;
  /** A durable session's write-ahead log of the batches applied. */
  journal: ((batch: Batch) => void) | null = null;

  constructor(
    readonly name: string,
    readonly schema: Schema,
    private readonly primaryKey: readonly number[] | null,
    /**
     * A versioned table (a primary key and a WATERMARK): it keeps every change, so that a
     * temporal join started later still finds the versions valid before it started.
     */
    private readonly versioned = false,
  ) {
    this.changes = new Channel(name, versioned);
  }

  get size(): number {
    return this.rows.size;
  }

  /** Applies inserts (and, from INSERT … SELECT over a changelog, retractions). */
  apply(batch: Batch): void {
    checkNotNull(this.schema, batch, `table '${this.name}'`);
    this.journal?.(batch);
    const out: Scalar[][] = [];
    const kinds: number[] = [];
    const rows = batchRows(batch);
    rows.forEach((row, i) => {
      const kind = batch.kinds === null ? INSERT : batch.kinds[i]!;
      const retract = kind === UPDATE_BEFORE || kind === DELETE;
      if (this.primaryKey === null) {
        if (retract) {
          const key = [...this.rows].find(([, r]) => rowKey(r) === rowKey(row))?.[0];
          if (key !== undefined) {
            this.rows.delete(key);
            out.push(row);
            kinds.push(DELETE);
          }
        } else {
          this.rows.set(String(this.nextId++), row);
          out.push(row);
          kinds.push(INSERT);
        }
        return;
      }
      const key = rowKey(this.primaryKey.map((k) => row[k]!));
      const old = this.rows.get(key);
      if (retract) {
        if (old && rowKey(old) === rowKey(row)) {
          this.rows.delete(key);
          out.push(old);
          kinds.push(DELETE);
        }
        return;
      }
      if (this.primaryKey.some((k) => row[k] === null)) {
        throw new LaminarError('CONSTRAINT_VIOLATION', `primary key of table '${this.name}' cannot be NULL`);
      }
      this.rows.set(key, row);
      if (old) {
        out.push(old, row);
        kinds.push(UPDATE_BEFORE, UPDATE_AFTER);
      } else {
        out.push(row);
        kinds.push(INSERT);
      }
    });
    if (out.length > 0) {
      const b = rowsToBatch(this.schema, out);
      this.changes.append({ ...b, kinds: kinds.every((k) => k === INSERT) ? null : Uint8Array.from(kinds) });
    }
  }

  snapshot(): Batch {
    return rowsToBatch(this.schema, [...this.rows.values()]);
  }

  /**
   * The current rows, then (for a continuous query) every later change. A continuous query
   * reads a versioned table's whole history of changes instead (they consolidate to its rows),
   * so that its temporal joins find versions replaced before it started; a complete result
   * reads the current rows (one version per key; see docs/semantics.md, joins).
   */
  open(continuous: boolean): QueryInput {
    if (!continuous) return batchesInput(this.name, [this.snapshot()]);
    return this.openContinuous(null).input;
  }

  /**
   * A continuous read, from a change position (a checkpoint's: the reader's state holds the
   * table as it was there) or from the start as open() reads; `position` is where it is in the
   * table's changes. Positions count from the table's creation, so replaying the log gives
   * the same ones again.
   */
  openContinuous(from: number | null): { input: QueryInput; position: () => number } {
    const changes = from !== null ? this.changes.readerAt(from) : this.changes.reader(this.versioned ? 'start' : 'now');
    const input = from !== null || this.versioned ? changes : concatInputs(batchesInput(this.name, [this.snapshot()]), changes);
    return { input, position: () => changes.position };
  }
}

/**
 * A materialized view's contents: the consolidated output of its query, plus a channel of its
 * changes for queries that read the view continuously.
 */
export class ViewState implements BatchSink {
  readonly rows: Consolidator;
  readonly changes: Channel;
  private finished = false;

  constructor(
    readonly name: string,
    readonly schema: Schema,
    appendOnly: boolean,
  ) {
    this.rows = new Consolidator(schema, { appendOnly });
    this.changes = new Channel(name, false);
  }

  get ended(): boolean {
    return this.finished;
  }

  push(batch: Batch): void {
    this.rows.apply(batch);
    this.changes.append(batch);
  }

  /** Readers of the view's changes get its watermark too (views over windowed views). */
  watermark(mark: WatermarkMark): void {
    this.changes.append(mark);
  }

  flush(): void {}

  end(): void {
    this.finished = true;
    this.changes.close();
  }

  /** The current rows, then every later change until the view's query ends. */
  open(): QueryInput {
    return concatInputs(batchesInput(this.name, [this.rows.toBatch()]), this.changes.reader('now'));
  }
}
