import type { WorkerMetrics } from './workers/worker-metrics.js';
import { LaminarError, isLaminarError } from '../errors/laminar-error.js';
import type { Schema } from '../exec/batch/batch.js';
import type { EmitGranularity } from '../exec/operators/aggregate/hash-aggregate.js';
import type { BatchSink } from '../exec/operators/operator.js';
import type { PhysicalPlan } from '../plan/physical.js';
import { drive } from './driver.js';
import { instantiate, type Instance, type LeafResolver } from './instantiate.js';
import { RateMeter } from './rate-meter.js';
import { NO_WATERMARK, watermarkOrNull } from '../time/watermark.js';
import type { StateSnapshot } from '../state/keyed-state.js';
import type { SnapshotBuffers } from '../state/snapshot-buffers.js';

export type QueryStatus = 'running' | 'finished' | 'failed' | 'cancelled';

export interface QueryMetrics {
  readonly rowsIn: number;
  readonly rowsOut: number;
  /** Input rows per second over the last few seconds (the average, once finished). */
  readonly eventsPerSecond: number;
  /** Live keys held by stateful operators (groups of an aggregate). */
  readonly stateKeys: number;
  /** Event time the output has reached (µs), +∞ once every input ended; null before any. */
  readonly watermark: number | null;
  /** Rows that came too late for their windows (dropped, or routed with LATE DATA TO). */
  readonly lateRows: number;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly errors: number;
  /** Each worker thread's share of the query's keyed operators; empty when they run on the session's thread. */
  readonly workers: readonly WorkerMetrics[];
}

/** The end of a query's operator graph: a result, a subscription, a view, a sink. */
export interface QueryOutput extends BatchSink {
  /** A promise while the consumer has no room for more output; null when it has. */
  capacity(): Promise<void> | null;
  /** Finishes asynchronous work (a sink's file writes) once the query stops; may throw. */
  close?(): Promise<void>;
}

/** What a query is for. */
export type QueryKind = 'select' | 'view' | 'sink' | 'insert';

export interface QueryOptions {
  readonly id: string;
  readonly kind: QueryKind;
  /** What the query is for: 'select', a view's or sink's name, 'insert into x'. */
  readonly label: string;
  readonly sql: string;
  readonly plan: PhysicalPlan;
  readonly emit: EmitGranularity;
  readonly output: QueryOutput;
  readonly resolver: LeafResolver;
  /** Keyed operators' state to start from (a checkpoint's), by plan path. */
  readonly restore?: ReadonlyMap<string, StateSnapshot | readonly StateSnapshot[]>;
  /** It had finished when its state was checkpointed: recovered as finished, not run again. */
  readonly finished?: boolean;
  /**
   * True while a checkpoint holds the query's inputs: running out of input then means the
   * query is quiet (drained, see whenQuiet), not that it has caught up (whenIdle).
   */
  readonly held?: () => boolean;
}

/**
 * A query running in the session: its operators, the loop feeding them, its status and
 * metrics. `done` resolves when it stops for any reason; it never rejects (see `error`).
 */
export class RunningQuery {
  readonly id: string;
  readonly kind: QueryKind;
  readonly label: string;
  readonly sql: string;
  readonly plan: PhysicalPlan;
  readonly schema: Schema;
  status: QueryStatus = 'running';
  error: LaminarError | null = null;
  readonly done: Promise<void>;
  private readonly abort = new AbortController();
  private readonly instance: Instance;
  private rowsIn = 0;
  private rowsOut = 0;
  private readonly startedAt = new Date();
  private finishedAt: Date | null = null;
  private readonly rate = new RateMeter();
  private idleWaiters: (() => void)[] = [];
  private idleNow = false;
  private quietWaiters: (() => void)[] = [];
  private quietNow = false;
  private readonly held: () => boolean;
  private waitingForConsumer = false;
  /** The watermark that reached the output. */
  private outputWatermark = NO_WATERMARK;

  constructor(options: QueryOptions) {
    this.id = options.id;
    this.kind = options.kind;
    this.label = options.label;
    this.sql = options.sql;
    this.held = options.held ?? (() => false);
    this.plan = options.plan;
    this.schema = options.plan.schema;
    const counting: QueryOutput = {
      push: (b) => {
        this.rowsOut += b.length;
        options.output.push(b);
      },
      watermark: (m) => {
        this.outputWatermark = Math.max(this.outputWatermark, m.value);
        options.output.watermark(m);
      },
      flush: () => options.output.flush(),
      end: () => options.output.end(),
      capacity: () => options.output.capacity(),
    };
    this.instance = instantiate(options.plan, counting, options.emit, options.resolver);
    if (options.restore) this.restoreKeyed(options.restore);
    this.done = options.finished ? this.finishedBefore() : this.run(options.output, options.emit);
  }

  private async run(output: QueryOutput, emit: EmitGranularity): Promise<void> {
    try {
      await drive(this.instance.leaves, {
        signal: this.abort.signal,
        flushEachBatch: emit === 'batch',
        capacity: () => {
          const room = output.capacity();
          if (!room) return null;
          this.waitingForConsumer = true;
          return room.finally(() => (this.waitingForConsumer = false));
        },
        onBatch: (rows) => {
          this.idleNow = false;
          this.quietNow = false;
          this.rowsIn += rows;
          this.rate.record(rows);
        },
        onIdle: () => this.becameIdle(),
      });
      await output.close?.();
      if (this.status === 'running') this.status = this.abort.signal.aborted ? 'cancelled' : 'finished';
    } catch (e) {
      await output.close?.().catch(() => undefined);
      this.status = 'failed';
      this.error = isLaminarError(e)
        ? e
        : new LaminarError('INTERNAL', `query ${this.id} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    } finally {
      for (const leaf of this.instance.leaves) leaf.input.close();
      this.finishedAt = new Date();
      this.becameIdle();
    }
  }

  private async finishedBefore(): Promise<void> {
    await Promise.resolve();
    for (const leaf of this.instance.leaves) leaf.input.close();
    this.status = 'finished';
    this.finishedAt = new Date();
    this.becameIdle();
  }

  private restoreKeyed(states: ReadonlyMap<string, StateSnapshot | readonly StateSnapshot[]>): void {
    for (const k of this.instance.keyed) {
      const s = states.get(k.path);
      if (s === undefined || k.restore === null) continue;
      if (Array.isArray(s)) {
        throw new LaminarError('INVALID_OPTION', `the checkpoint holds the state of ${this.label} for ${s.length} workers, not 1`, {
          hint: 'reopen the session directory with the number of workers it was checkpointed with',
        });
      }
      k.restore(s as StateSnapshot);
    }
  }

  /**
   * The state of every keyed operator, by plan path. Taken while the query is idle with its
   * inputs held (a checkpoint), so it is a consistent cut.
   */
  async snapshotKeyed(buffers: SnapshotBuffers): Promise<Map<string, StateSnapshot | StateSnapshot[]>> {
    const out = new Map<string, StateSnapshot | StateSnapshot[]>();
    for (const k of this.instance.keyed) out.set(k.path, await k.snapshot(buffers));
    return out;
  }

  /** Gives back the buffers of a snapshot from snapshotKeyed once it is written. */
  recycleKeyed(snapshots: ReadonlyMap<string, StateSnapshot | StateSnapshot[]>, buffers: SnapshotBuffers): void {
    for (const k of this.instance.keyed) {
      const s = snapshots.get(k.path);
      if (s) k.recycle(s, buffers);
    }
  }

  /**
   * Its inputs were held (a checkpoint) and are let go: being idle then said nothing about
   * having caught up, so it is not idle until the driver finds so again.
   */
  inputsReleased(): void {
    if (this.status !== 'running') return;
    this.idleNow = false;
    this.quietNow = false;
  }

  /** Stops the query; its output is left as it was. */
  cancel(): void {
    if (this.status !== 'running') return;
    this.status = 'cancelled';
    this.abort.abort();
  }

  /**
   * Resolves once every input of the query has either ended or is live and drained: the
   * query's output then reflects everything its inputs had.
   */
  whenIdle(): Promise<void> {
    if (this.idleNow || this.status !== 'running') return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * True while a live input holds data the query has not taken and nothing stops it from
   * taking it (a consumer that does not read holds a query up).
   */
  get hasWorkPending(): boolean {
    if (this.status !== 'running' || this.waitingForConsumer) return false;
    return this.instance.leaves.some((l) => !l.stopped && l.input.pending?.() === true);
  }

  /** Drained, as whenQuiet resolves: nothing taken since it last found nothing to read. */
  get isQuiet(): boolean {
    return this.quietNow || this.idleNow || this.status !== 'running';
  }

  get isIdle(): boolean {
    return this.idleNow || this.status !== 'running';
  }

  /**
   * Resolves once the query has processed everything that reached it (its inputs held by a
   * checkpoint, or idle): its state is then a consistent cut.
   */
  whenQuiet(): Promise<void> {
    if (this.isQuiet) return Promise.resolve();
    return new Promise((resolve) => this.quietWaiters.push(resolve));
  }

  private becameIdle(): void {
    this.quietNow = true;
    const q = this.quietWaiters;
    this.quietWaiters = [];
    for (const f of q) f();
    if (this.held() && this.status === 'running') return;
    this.idleNow = true;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  metrics(): QueryMetrics {
    let eps = this.rate.perSecond();
    if (this.finishedAt) {
      const secs = (this.finishedAt.getTime() - this.startedAt.getTime()) / 1000;
      eps = secs > 0 ? this.rowsIn / secs : 0;
    }
    return {
      rowsIn: this.rowsIn,
      rowsOut: this.rowsOut,
      eventsPerSecond: eps,
      stateKeys: this.instance.stateful.reduce((s, k) => s + k.keyCount(), 0),
      watermark: watermarkOrNull(this.outputWatermark),
      lateRows: this.instance.lateRows(),
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      errors: this.status === 'failed' ? 1 : 0,
      workers: this.instance.workers(),
    };
  }
}
