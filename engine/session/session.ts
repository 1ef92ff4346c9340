import { availableParallelism } from 'node:os';
import { LaminarError, isLaminarError } from '../errors/laminar-error.js';
import type { WalSync } from '../storage/wal.js';
import { Durability, type CheckpointInfo, type RecoveryInfo } from './durable/durability.js';
import { WorkerPool } from '../runtime/workers/worker-pool.js';
import type { RecordBatch } from 'apache-arrow';
import { recordBatchToBatch } from '../exec/batch/arrow.js';
import { rowsToBatch as jsRowsToBatch } from '../exec/batch/from-js.js';
import type { Batch } from '../exec/batch/batch.js';
import type { Statement } from '../sql/ast.js';
import { parseScript } from '../sql/parser/parse-script.js';
import type { QueryKind, QueryMetrics, QueryStatus } from '../runtime/running-query.js';
import { complete, type Completions } from './completion.js';
import type { ExecContext } from './exec-context.js';
import { inspectObject, type ObjectInfo } from './inspect.js';
import { SessionState } from './session-state.js';
import type { ExecuteOptions, StatementResult } from './statement-result.js';
import { createQueryObject } from './statements/create-query-object.js';
import { createSource } from './statements/create-source.js';
import { createTable } from './statements/create-table.js';
import { drop } from './statements/drop.js';
import { insert } from './statements/insert.js';
import { select } from './statements/select.js';
import { describe, explain, show } from './statements/show.js';
import { Subscription } from './subscription.js';

export interface SessionOptions {
  /** Preferred rows per batch read from sources. Default 8192. */
  readonly batchSize?: number;
  /**
   * Threads keyed operators (GROUP BY, windows, joins, Top-N) run on, each owning a share of
   * the keys. 1 runs everything on the session's thread. Default: the LAMINAR_WORKERS
   * environment variable, else the number of cores.
   */
  readonly workers?: number;
  /**
   * A session directory: the session is durable (docs/decisions/durable-sessions.md). Its
   * catalog statements and pushed rows go to a write-ahead log, its views' and sinks' state
   * to checkpoints; opening the directory again resumes where it stopped. A directory with a
   * checkpoint reopens with that checkpoint's number of workers unless `workers` is given.
   */
  readonly dir?: string;
  /** Milliseconds between automatic checkpoints of a durable session; 0 for none. Default 10000. */
  readonly checkpointInterval?: number;
  /** Checkpoints a durable session keeps (the newest). Default 3. */
  readonly keepCheckpoints?: number;
  /** When the write-ahead log reaches the disk: 'always' (before push or INSERT returns; the default) or 'never'. */
  readonly walSync?: WalSync;
}

export interface QueryInfo {
  readonly id: string;
  /** 'select' (a query's subscription or result), 'view', 'sink' or 'insert' (INSERT … SELECT). */
  readonly kind: QueryKind;
  readonly label: string;
  readonly sql: string;
  readonly status: QueryStatus;
  readonly error: LaminarError | null;
  readonly metrics: QueryMetrics;
}

export interface SourceInfo {
  /** Rows read from the connector (by every query reading it), or pushed. */
  readonly rows: number;
  /** Recent rows per second. */
  readonly eventsPerSecond: number;
  /** Bad rows skipped or sent to the dead-letter file. */
  readonly badRows: number;
  readonly lastError: string | null;
  readonly bytesRead: number;
  readonly filesRead: number;
}

export interface SessionMetrics {
  readonly queries: readonly QueryInfo[];
  readonly sources: Readonly<Record<string, SourceInfo>>;
}

function defaultWorkers(): number {
  const env = process.env.LAMINAR_WORKERS;
  if (env === undefined || env === '') return availableParallelism();
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1) throw new LaminarError('INVALID_OPTION', `LAMINAR_WORKERS must be a positive whole number, not '${env}'`);
  return n;
}

function workerPool(workers: number): WorkerPool | null {
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new LaminarError('INVALID_OPTION', `workers must be a whole number from 1 to 256, not ${workers}`);
  return workers > 1 ? new WorkerPool(workers) : null;
}

/**
 * Opens a session: an empty catalog and no running queries; or, with `dir`, the session that
 * directory holds, resumed from its last checkpoint and write-ahead log.
 */
export async function open(options: SessionOptions = {}): Promise<Session> {
  if (options.dir === undefined) return new Session(options);
  const interval = options.checkpointInterval ?? 10_000;
  if (!Number.isFinite(interval) || interval < 0) throw new LaminarError('INVALID_OPTION', `checkpointInterval must be a number of milliseconds (0 for none), not ${interval}`);
  if (options.walSync !== undefined && options.walSync !== 'always' && options.walSync !== 'never') {
    throw new LaminarError('INVALID_OPTION', `walSync must be 'always' or 'never', not '${String(options.walSync)}'`);
  }
  const workers = options.workers ?? (await Durability.checkpointWorkers(options.dir)) ?? undefined;
  const session = new Session({ ...options, ...(workers !== undefined ? { workers } : {}) });
  try {
    await session['startDurable'](options.dir, options, interval);
  } catch (e) {
    // Not a checkpoint of a half-recovered session: it would replace the good ones.
    await session['closeWith'](false);
    throw e;
  }
  return session;
}

/**
 * A LaminarDB session: the one API the kernel, the REPL and `laminar run` use. Statements
 * run in order; a failing statement throws a LaminarError and leaves the session usable.
 */
export class Session {
  private readonly state: SessionState;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private recoveryInfo: RecoveryInfo | null = null;

  constructor(options: SessionOptions = {}) {
    const batchSize = options.batchSize ?? 8192;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new LaminarError('INVALID_OPTION', `batchSize must be a positive whole number, not ${batchSize}`);
    this.state = new SessionState(batchSize, workerPool(options.workers ?? defaultWorkers()));
  }

  private async startDurable(dir: string, options: SessionOptions, interval: number): Promise<void> {
    const { durability, recovery } = await Durability.open({ dir, ...(options.keepCheckpoints !== undefined ? { keepCheckpoints: options.keepCheckpoints } : {}), ...(options.walSync ? { walSync: options.walSync } : {}) }, this.state, async (sql) => {
      for (const stmt of parseScript(sql)) await this.run(stmt, { state: this.state, source: sql, options: {}, settle: () => Promise.resolve() });
    });
    this.state.durable = durability;
    this.recoveryInfo = recovery;
    if (interval > 0) {
      this.timer = setInterval(() => {
        durability.checkpoint().catch((e: unknown) => (durability.lastError = isLaminarError(e) ? e : new LaminarError('IO_ERROR', String(e))));
      }, interval);
      this.timer.unref();
    }
  }

  /**
   * For a durable session: the checkpoint it resumed from and what recovery had to say
   * (damaged checkpoints skipped, a damaged log tail cut). Null for a session without a directory.
   */
  get recovery(): RecoveryInfo | null {
    return this.recoveryInfo;
  }

  /** The session directory of a durable session; null for a session without one. */
  get dir(): string | null {
    return this.state.durable?.dir ?? null;
  }

  /**
   * Writes a checkpoint of a durable session now (as the CHECKPOINT statement does); sinks'
   * output up to it becomes visible in their files. NOT_DURABLE without a directory.
   */
  async checkpoint(): Promise<CheckpointInfo> {
    this.checkOpen();
    const durable = this.state.durable;
    if (!durable) {
      throw new LaminarError('NOT_DURABLE', 'CHECKPOINT needs a session opened on a directory', {
        hint: "open({ dir }), laminar run --session DIR, laminar repl --session DIR, or the kernel's %session",
      });
    }
    return durable.checkpoint();
  }

  /** Threads keyed operators run on (1: the session's own). */
  get workers(): number {
    return this.state.workers?.size ?? 1;
  }

  /**
   * Runs keyed operators on `n` threads from now on. Only while no query runs (a running
   * query's state lives on the threads it started on): INVALID_OPTION otherwise.
   */
  async setWorkers(n: number): Promise<void> {
    const running = [...this.state.queries.values()].filter((q) => q.status === 'running');
    if (running.length > 0) {
      throw new LaminarError('INVALID_OPTION', `workers can change only while no query runs (${running.length} running: ${running.map((q) => q.label).join(', ')})`, {
        hint: 'stop them first, or set LAMINAR_WORKERS before the session starts',
      });
    }
    const pool = workerPool(n);
    const old = this.state.workers;
    this.state.workers = pool;
    await old?.close();
  }

  /** Runs every statement of `sql` in order and returns their results. */
  async execute(sql: string, options: ExecuteOptions = {}): Promise<StatementResult[]> {
    const results: StatementResult[] = [];
    for await (const r of this.executeEach(sql, options)) results.push(r);
    return results;
  }

  /**
   * Runs the statements of `sql` one at a time, yielding each result as it is ready. The whole
   * text is parsed first: a syntax error anywhere runs nothing.
   */
  async *executeEach(sql: string, options: ExecuteOptions = {}): AsyncGenerator<StatementResult> {
    this.checkOpen();
    const statements = parseScript(sql);
    const ctx: ExecContext = { state: this.state, source: sql, options, settle: () => this.settle() };
    for (const stmt of statements) yield await this.run(stmt, ctx);
  }

  private async run(stmt: Statement, ctx: ExecContext): Promise<StatementResult> {
    const durable = this.state.durable;
    if (durable === null) return this.runStatement(stmt, ctx);
    switch (stmt.kind) {
      case 'create_source':
      case 'create_table':
      case 'create_stream':
      case 'create_materialized_view':
      case 'create_sink':
      case 'drop':
        // Catalog statements are logged once they succeed, with no checkpoint in between.
        return durable.exclusive(async () => {
          const skipped = ctx.options.skipExisting === true && stmt.kind !== 'drop' && this.state.catalog.has(stmt.name.name);
          const result = await this.runStatement(stmt, ctx);
          if (!skipped) await durable.logStatement(ctx.source.slice(stmt.span.start, stmt.span.end));
          return result;
        });
      case 'insert': {
        const result = await this.runStatement(stmt, ctx);
        await durable.synced();
        return result;
      }
      default:
        return this.runStatement(stmt, ctx);
    }
  }

  private runStatement(stmt: Statement, ctx: ExecContext): Promise<StatementResult> | StatementResult {
    switch (stmt.kind) {
      case 'checkpoint':
        return this.checkpoint().then((c) => ({ kind: 'ok', statement: 'checkpoint', message: `CHECKPOINT ${c.id} (${c.bytes} bytes)` }));
      case 'create_source':
        return createSource(stmt, ctx);
      case 'create_table':
        return createTable(stmt, ctx);
      case 'create_stream':
      case 'create_materialized_view':
      case 'create_sink':
        return createQueryObject(stmt, ctx);
      case 'insert':
        return insert(stmt, ctx);
      case 'drop':
        return drop(stmt, ctx);
      case 'show':
        return show(stmt, ctx);
      case 'describe':
        return describe(stmt, ctx);
      case 'explain':
        return explain(stmt, ctx);
      case 'query':
        return select(stmt, ctx);
    }
  }

  /**
   * Follows a stream, view or source: its current rows, then its changes. For a view this is
   * its maintained result; for a stream or source, a query over it.
   */
  async subscribe(name: string, options: Pick<ExecuteOptions, 'changes' | 'keepRows' | 'bufferBatches' | 'overflow'> = {}): Promise<Subscription> {
    this.checkOpen();
    const entry = this.state.catalog.get(name);
    if (!entry || entry.kind === 'sink') {
      throw new LaminarError('UNKNOWN_OBJECT', `nothing named '${name}' can be subscribed to`);
    }
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [result] = await this.execute(`SELECT * FROM ${quoted}`, { ...options, subscribe: true });
    return (result as Extract<StatementResult, { kind: 'subscription' }>).subscription;
  }

  /**
   * Adds rows to a source without a connector (or a table): objects keyed by column name,
   * arrays in column order, or an Arrow RecordBatch. Resolves once every query reading the
   * source has seen them. Returns the number of rows added.
   */
  async push(name: string, rows: readonly (Readonly<Record<string, unknown>> | readonly unknown[])[] | RecordBatch): Promise<number> {
    this.checkOpen();
    const entry = this.state.catalog.get(name);
    const log = this.state.pushLogs.get(name);
    const table = this.state.tables.get(name);
    if (!entry || (!log && !table)) {
      throw new LaminarError('UNKNOWN_OBJECT', `no source without a connector, and no table, named '${name}'`, {
        hint: 'push() feeds sources declared without FROM, and tables',
      });
    }
    const batch: Batch = Array.isArray(rows)
      ? jsRowsToBatch(entry.schema, rows as readonly (Readonly<Record<string, unknown>> | readonly unknown[])[])
      : recordBatchToBatch(rows as RecordBatch, entry.schema).batch;
    if (log) {
      log.append(batch);
      this.state.rateOf(name).record(batch.length);
    }
    else table!.apply(batch);
    await this.state.durable?.synced();
    await this.settle();
    return batch.length;
  }

  /** Marks a push source as ended: queries reading it finish once they have read everything. */
  async end(name: string): Promise<void> {
    const log = this.state.pushLogs.get(name);
    if (!log) throw new LaminarError('UNKNOWN_OBJECT', `no source without a connector named '${name}'`);
    log.end();
    await this.state.durable?.synced();
    await this.settle();
  }

  /** Completions at a cursor (a UTF-16 offset into `text`): keywords, functions, objects, columns. */
  complete(text: string, cursor: number): Completions {
    return complete(text, cursor, this.state.catalog);
  }

  /** What a source, table, stream, view or sink is: its columns, definition and live state. */
  inspect(name: string): ObjectInfo | null {
    return inspectObject(this.state, name);
  }

  /** Running and finished queries, with their metrics. */
  queries(): QueryInfo[] {
    return [...this.state.queries.values()].map((q) => ({ id: q.id, kind: q.kind, label: q.label, sql: q.sql, status: q.status, error: q.error, metrics: q.metrics() }));
  }

  /**
   * Resolves once each of these queries has stopped, or has caught up: everything its inputs
   * have produced is processed and it waits only for live inputs (a sink over a table has
   * written the table). A query over an unbounded generator never catches up.
   */
  async waitIdle(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      // Inputs held by a checkpoint make a query look idle: wait until they are let go.
      await this.state.durable?.gate.opened();
      const q = this.state.queries.get(id);
      if (q) await q.whenIdle();
    }
  }

  /** Stops a query by id (or a view or sink by name, which keeps its definition). */
  stop(idOrName: string): boolean {
    const q = this.state.queries.get(idOrName) ?? this.state.views.get(idOrName)?.query ?? this.state.sinks.get(idOrName)?.query;
    if (!q || q.status !== 'running') return false;
    q.cancel();
    return true;
  }

  metrics(): SessionMetrics {
    const sources: Record<string, SourceInfo> = {};
    for (const s of this.state.catalog.list('source')) {
      const m = this.state.metricsOf(s.name);
      const log = this.state.pushLogs.get(s.name);
      sources[s.name] = {
        rows: log ? log.channel.rows : m.rowsRead,
        eventsPerSecond: this.state.rateOf(s.name).perSecond(),
        badRows: m.badRows,
        lastError: m.lastError,
        bytesRead: m.bytesRead,
        filesRead: m.filesRead,
      };
    }
    return { queries: this.queries(), sources };
  }

  /** Stops every query and releases everything. Idempotent. */
  async close(): Promise<void> {
    await this.closeWith(true);
  }

  private async closeWith(checkpoint: boolean): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    const durable = this.state.durable;
    if (durable && checkpoint) {
      // A clean close commits everything so far.
      await durable.checkpoint().catch((e: unknown) => (durable.lastError = isLaminarError(e) ? e : new LaminarError('IO_ERROR', String(e))));
    }
    this.closed = true;
    const running = this.state.runningQueries();
    for (const q of running) q.cancel();
    await Promise.all(running.map((q) => q.done));
    await this.state.workers?.close();
    await durable?.close();
  }

  /**
   * Waits until rows pushed so far have reached every query reading them, and the changes
   * they caused have reached the queries reading those (views over views). Queries held up by
   * a consumer that does not read are not waited for.
   */
  private async settle(): Promise<void> {
    // Inputs held by a checkpoint have pending rows too: wait until the gate lets them go.
    while (this.state.durable?.gate.isClosed === true || this.state.runningQueries().some((q) => q.hasWorkPending)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new LaminarError('SESSION_CLOSED', 'the session is closed');
  }
}
