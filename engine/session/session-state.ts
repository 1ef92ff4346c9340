import { SourceMetrics } from '../connectors/source.js';
import { Catalog } from '../plan/catalog.js';
import type { PhysicalPlan } from '../plan/physical.js';
import { RateMeter } from '../runtime/rate-meter.js';
import type { RunningQuery } from '../runtime/running-query.js';
import type { PushLog, TableStore, ViewState } from '../runtime/stores.js';

export interface ViewRuntime {
  readonly state: ViewState;
  readonly query: RunningQuery;
  readonly plan: PhysicalPlan;
}

export interface SinkRuntime {
  readonly query: RunningQuery;
  readonly path: string;
  readonly format: string;
  rowsWritten(): number;
}

/** Everything a session owns: definitions (catalog) and the data and queries behind them. */
import type { WorkerPool } from '../runtime/workers/worker-pool.js';
import type { Durability } from './durable/durability.js';

export class SessionState {
  readonly catalog = new Catalog();
  readonly pushLogs = new Map<string, PushLog>();
  readonly tables = new Map<string, TableStore>();
  readonly views = new Map<string, ViewRuntime>();
  readonly sinks = new Map<string, SinkRuntime>();
  /** Every query that is running or was started by the session and not yet forgotten. */
  readonly queries = new Map<string, RunningQuery>();
  private readonly sourceMetrics = new Map<string, SourceMetrics>();
  private readonly sourceRates = new Map<string, RateMeter>();
  /** The furthest watermark any reader of a source has reached. */
  private readonly sourceWatermarks = new Map<string, number>();
  /** Set when the session is opened on a directory. */
  durable: Durability | null = null;
  private queryCounter = 0;
  private stageCounter = 0;

  constructor(
    readonly batchSize: number,
    /** The worker threads keyed stages run on; null when queries run on the session's thread only. */
    /** The threads keyed operators run on; null runs them on the session's thread. */
    public workers: WorkerPool | null,
  ) {}

  nextQueryId(): string {
    return `q${++this.queryCounter}`;
  }

  /** Stages (keyed operators on worker threads) are numbered across the session. */
  nextStageId(): number {
    return ++this.stageCounter;
  }

  metricsOf(source: string): SourceMetrics {
    let m = this.sourceMetrics.get(source);
    if (!m) this.sourceMetrics.set(source, (m = new SourceMetrics()));
    return m;
  }

  /** Rows per second a source delivers (to all the queries reading it, or pushed into it). */
  rateOf(source: string): RateMeter {
    let r = this.sourceRates.get(source);
    if (!r) this.sourceRates.set(source, (r = new RateMeter()));
    return r;
  }

  noteWatermark(source: string, watermark: number): void {
    this.sourceWatermarks.set(source, Math.max(this.sourceWatermarks.get(source) ?? -Infinity, watermark));
  }

  watermarkOf(source: string): number {
    return this.sourceWatermarks.get(source) ?? -Infinity;
  }

  forgetMetrics(source: string): void {
    this.sourceMetrics.delete(source);
    this.sourceRates.delete(source);
    this.sourceWatermarks.delete(source);
  }

  runningQueries(): RunningQuery[] {
    return [...this.queries.values()].filter((q) => q.status === 'running');
  }
}
