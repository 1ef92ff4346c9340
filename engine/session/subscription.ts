import { LaminarError } from '../errors/laminar-error.js';
import { withKinds, type Batch, type Schema } from '../exec/batch/batch.js';
import { Consolidator, rowsToBatch } from '../exec/consolidate.js';
import { compareRows } from '../exec/operators/sort-operator.js';
import type { SortKey } from '../plan/logical.js';
import type { QueryMetrics, QueryOutput, QueryStatus, RunningQuery } from '../runtime/running-query.js';
import { ChangeBatch, ResultTable } from './result-table.js';

export type OverflowPolicy = 'block' | 'drop_oldest' | 'error';

export const OVERFLOW_POLICIES: readonly OverflowPolicy[] = ['block', 'drop_oldest', 'error'];

export interface SubscriptionOptions {
  /**
   * Rows kept of an append-only result that never ends (the latest ones); updating results
   * keep every current row. Default 10000.
   */
  readonly keepRows?: number;
  /** Batches an iterator may fall behind before `overflow` applies. Default 256. */
  readonly bufferBatches?: number;
  /**
   * What happens when an iterator falls `bufferBatches` behind: `block` (the default) makes
   * the query wait for it, so nothing is lost and memory stays bounded; `drop_oldest` drops
   * the iterator's oldest waiting batches (for readers that only need the latest changes; each
   * ChangeBatch says how many rows were dropped before it); `error` fails the query with
   * SUBSCRIPTION_OVERFLOW. `snapshot()` is never affected: it always holds the current rows.
   */
  readonly overflow?: OverflowPolicy;
  /**
   * Changes (rows) kept for the first iterator, so that it sees every change from the start
   * even when taken after the query started (a query over inputs that are all there at once
   * may have ended by then). Beyond this many, the first iterator starts from the current rows
   * like later ones. Default 100 000.
   */
  readonly replayRows?: number;
  /**
   * Rows of an updating result come out of `snapshot()` ordered by every column, rather than
   * in the order they first appeared (which depends on the number of workers). Default false.
   */
  readonly normalizeOrder?: boolean;
}

/**
 * The output of a query that keeps running: its current rows (`snapshot()`), and its changes
 * as an async iterator. The first iterator yields every change from the start (up to
 * `replayRows` of them made before it was taken); later ones first yield the rows current
 * when they start (as +I), then every change. A slow iterator slows the query down (it never
 * loses changes).
 */
export class Subscription implements AsyncIterable<ChangeBatch> {
  readonly schema: Schema;
  readonly output: SubscriptionOutput;
  private query: RunningQuery | null = null;
  private readonly normalizeOrder: boolean;
  private readonly allColumns: readonly SortKey[];
  private sorted: { readonly version: number; readonly table: ResultTable } | null = null;

  constructor(
    readonly name: string,
    schema: Schema,
    /** The query only ever inserts rows (no -U, +U or -D). */
    readonly appendOnly: boolean,
    /** The query ends by itself (its inputs are finite). */
    readonly bounded: boolean,
    options: SubscriptionOptions = {},
  ) {
    this.schema = schema;
    this.output = new SubscriptionOutput(schema, appendOnly, bounded, options);
    this.normalizeOrder = options.normalizeOrder ?? false;
    this.allColumns = schema.map((_, column) => ({ column, descending: false, nullsFirst: false }));
  }

  /** @internal */
  attach(query: RunningQuery): void {
    this.query = query;
    void query.done.then(() => this.output.finish(query.status, query.error));
  }

  get status(): QueryStatus {
    return this.query?.status ?? 'running';
  }

  get error(): LaminarError | null {
    return this.query?.error ?? null;
  }

  metrics(): QueryMetrics | null {
    return this.query?.metrics() ?? null;
  }

  /** Resolves when the query stops: finished (inputs ended), cancelled or failed. */
  get done(): Promise<QueryStatus> {
    return this.query ? this.query.done.then(() => this.status) : Promise.resolve(this.status);
  }

  /** Rows dropped for change iterators that fell behind (overflow `drop_oldest`). */
  get droppedRows(): number {
    return this.output.droppedRows;
  }

  snapshot(): ResultTable {
    if (!this.normalizeOrder || this.appendOnly) return new ResultTable(this.schema, this.output.rows.toBatch());
    // A display polls many times a second; the sort is redone only after a change.
    if (this.sorted?.version !== this.output.version) {
      const rows = this.output.rows.rows();
      rows.sort((a, b) => compareRows(a, b, this.allColumns));
      this.sorted = { version: this.output.version, table: new ResultTable(this.schema, rowsToBatch(this.schema, rows)) };
    }
    return this.sorted.table;
  }

  cancel(): void {
    this.query?.cancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<ChangeBatch> {
    const it = this.output.iterator();
    return {
      next: async () => {
        const b = await it.next();
        return b === null ? { done: true, value: undefined } : { done: false, value: new ChangeBatch(this.schema, b.batch, b.droppedBefore) };
      },
      return: () => {
        it.close();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }
}

/** The query-facing side of a subscription: consolidates, and feeds each open iterator. */
export class SubscriptionOutput implements QueryOutput {
  readonly rows: Consolidator;
  private readonly iterators = new Set<BatchQueue>();
  private status: QueryStatus = 'running';
  private error: LaminarError | null = null;
  private readonly limit: number;
  /** Every change so far, for the first iterator; null once taken or over the budget. */
  private replay: BatchQueue | null = new BatchQueue();
  private replayRows = 0;
  private readonly replayLimit: number;
  private readonly overflow: OverflowPolicy;
  private dropped = 0;

  constructor(
    schema: Schema,
    appendOnly: boolean,
    bounded: boolean,
    options: SubscriptionOptions,
  ) {
    const keep = options.keepRows ?? 10_000;
    this.rows = new Consolidator(schema, appendOnly && !bounded ? { appendOnly, tail: keep } : { appendOnly });
    this.limit = options.bufferBatches ?? 256;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new LaminarError('INVALID_OPTION', `bufferBatches must be a positive whole number, not ${this.limit}`);
    this.replayLimit = options.replayRows ?? 100_000;
    this.overflow = options.overflow ?? 'block';
    if (!OVERFLOW_POLICIES.includes(this.overflow)) throw new LaminarError('INVALID_OPTION', `overflow must be one of ${OVERFLOW_POLICIES.join(', ')}, not '${String(this.overflow)}'`);
  }

  /** Rows dropped so far for iterators that fell behind (`drop_oldest`). */
  get droppedRows(): number {
    return this.dropped;
  }

  /** Bumped by every change to the rows. */
  version = 0;

  push(batch: Batch): void {
    this.version++;
    this.rows.apply(batch);
    for (const q of this.iterators) {
      q.put(batch);
      if (q.length <= this.limit) continue;
      if (this.overflow === 'drop_oldest') this.dropped += q.dropOldest();
      else if (this.overflow === 'error') {
        throw new LaminarError('SUBSCRIPTION_OVERFLOW', `a reader of this query's changes fell more than ${this.limit} batches behind`, {
          hint: "read the changes faster, or subscribe with overflow 'block' (the query waits) or 'drop_oldest'",
        });
      }
    }
    if (this.replay !== null) {
      this.replayRows += batch.length;
      if (this.replayRows > this.replayLimit) this.replay = null;
      else this.replay.put(batch);
    }
  }

  watermark(): void {}

  flush(): void {}

  end(): void {}

  capacity(): Promise<void> | null {
    if (this.overflow !== 'block') return null;
    for (const q of this.iterators) {
      const room = q.room(this.limit);
      if (room) return room;
    }
    return null;
  }

  /** @internal */
  finish(status: QueryStatus, error: LaminarError | null): void {
    this.status = status;
    this.error = error;
    for (const q of this.iterators) q.wake();
  }

  iterator(): { next(): Promise<{ batch: Batch; droppedBefore: number } | null>; close(): void } {
    let q = this.replay;
    this.replay = null;
    if (q === null) {
      q = new BatchQueue();
      const current = this.rows.toBatch();
      if (current.length > 0) q.put(withKinds(current, null));
    }
    this.iterators.add(q);
    return {
      next: async () => {
        for (;;) {
          const batch = q.take();
          if (batch !== undefined) return { batch, droppedBefore: q.takeDropped() };
          if (this.status === 'failed') throw this.error ?? new LaminarError('QUERY_FAILED', 'the query failed');
          if (this.status !== 'running') return null;
          await q.waitForData();
        }
      },
      close: () => {
        this.iterators.delete(q);
        q.wake();
      },
    };
  }
}

class BatchQueue {
  private items: Batch[] = [];
  /** Rows dropped since the reader last took a batch. */
  private droppedRows = 0;

  get length(): number {
    return this.items.length;
  }

  /** Drops the oldest batch; returns its rows. */
  dropOldest(): number {
    const rows = this.items.shift()?.length ?? 0;
    this.droppedRows += rows;
    return rows;
  }

  takeDropped(): number {
    const n = this.droppedRows;
    this.droppedRows = 0;
    return n;
  }

  private dataWaiter: (() => void) | null = null;
  private roomWaiter: { promise: Promise<void>; resolve: () => void } | null = null;

  put(b: Batch): void {
    this.items.push(b);
    this.wakeData();
  }

  take(): Batch | undefined {
    const b = this.items.shift();
    if (b !== undefined && this.roomWaiter && this.items.length === 0) {
      this.roomWaiter.resolve();
      this.roomWaiter = null;
    }
    return b;
  }

  room(limit: number): Promise<void> | null {
    if (this.items.length < limit) return null;
    if (!this.roomWaiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.roomWaiter = { promise, resolve };
    }
    return this.roomWaiter.promise;
  }

  waitForData(): Promise<void> {
    return new Promise((resolve) => (this.dataWaiter = resolve));
  }

  wake(): void {
    this.wakeData();
    this.roomWaiter?.resolve();
    this.roomWaiter = null;
  }

  private wakeData(): void {
    const w = this.dataWaiter;
    this.dataWaiter = null;
    w?.();
  }
}
