import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isLaminarError, LaminarError } from '../../errors/laminar-error.js';
import type { Batch } from '../../exec/batch/batch.js';
import { CheckpointGate } from '../../runtime/checkpoint-gate.js';
import type { RunningQuery } from '../../runtime/running-query.js';
import type { StateSnapshot } from '../../state/keyed-state.js';
import { SnapshotBuffers } from '../../state/snapshot-buffers.js';
import { transferList } from '../../state/transfer.js';
import { CheckpointStore, checkpointName } from '../../storage/checkpoint-store.js';
import { lockDir } from '../../storage/dir-lock.js';
import { Wal, type WalSync } from '../../storage/wal.js';
import type { PushLog } from '../../runtime/stores.js';
import type { SessionState } from '../session-state.js';
import type { SinkCheckpoint } from './durable-sink.js';
import { DurableSink, publish } from './durable-sink.js';
import { decodeEntry, encodeEntry, type JournalEntry } from './journal.js';
import { decodeState, STATE_FILE } from './columnar.js';
import { CheckpointWriter } from './checkpoint-writer.js';
import { QueryHooks, type QueryRestore, type SourceCheckpoint } from './query-hooks.js';

export interface DurableOptions {
  readonly dir: string;
  /** Checkpoints kept on disk (the newest ones). Default 3. */
  readonly keepCheckpoints?: number;
  readonly walSync?: WalSync;
}

/** A view's or sink's part of a checkpoint. */
interface QueryCheckpoint {
  readonly kind: 'view' | 'sink';
  /** Index of the write-ahead log record whose statement created it. */
  readonly record: number;
  readonly finished: boolean;
  readonly keyed: Map<string, StateSnapshot | StateSnapshot[]>;
  readonly sources: SourceCheckpoint[];
  /** A view: its rows. */
  readonly rows: Batch | null;
  readonly sink: SinkCheckpoint | null;
}

/** The state file of a checkpoint. */
interface CheckpointState {
  /** Log records the checkpoint covers (the log is replayed in full; later DDL starts fresh). */
  readonly records: number;
  readonly workers: number;
  readonly queries: Record<string, QueryCheckpoint>;
}

/** What a session tracks of each view or sink it checkpoints. */
interface Tracked {
  readonly name: string;
  readonly kind: 'view' | 'sink';
  readonly query: RunningQuery;
  readonly hooks: QueryHooks;
  readonly sink: DurableSink | null;
  view: { rows: { toBatch(): Batch } } | null;
  record: number;
}

export interface RecoveryInfo {
  /** The checkpoint the session resumed from (its directory name), or null if it had none. */
  readonly checkpoint: string | null;
  /** Damaged checkpoints skipped, a damaged log tail cut. */
  readonly warnings: readonly string[];
  /** Log records replayed. */
  readonly records: number;
}

export interface CheckpointInfo {
  readonly id: string;
  readonly bytes: number;
  /** Milliseconds the session's queries were held while their state was captured. */
  readonly pauseMs: number;
  readonly durationMs: number;
}

/**
 * Longest a checkpoint waits for the stages' queues to run low before holding the inputs
 * (draining a full ring while held takes a worker a good tenth of a second).
 */
const SETTLE_MS = 500;

/**
 * The durable part of a session opened on a directory (see docs/decisions/durable-sessions.md):
 * a write-ahead log of catalog statements and pushed rows, checkpoints of every view's and
 * sink's state taken at a consistent cut, and recovery that replays the log with that state.
 */
export class Durability {
  readonly gate = new CheckpointGate();
  private readonly store: CheckpointStore;
  private readonly writer: CheckpointWriter;
  /** Memory for the state copies of checkpoints, reused from one to the next. */
  private readonly buffers = new SnapshotBuffers();
  private wal!: Wal;
  private records = 0;
  private replaying = false;
  private restored: CheckpointState | null = null;
  /** The id of the checkpoint recovery started from (0: none). */
  private restoredId = 0;
  private readonly tracked = new Map<string, Tracked>();
  /** Late rows views and sinks routed (LATE DATA TO) since the last checkpoint, not yet logged. */
  private pendingLate: { hooks: QueryHooks; log: PushLog; batch: Batch }[] = [];
  /** Tracked objects created by the statement running now (their record is its log record). */
  private untagged: Tracked[] = [];
  private nextId = 1;
  private chain: Promise<unknown> = Promise.resolve();
  private lastAppend: Promise<void> = Promise.resolve();
  lastError: LaminarError | null = null;

  private constructor(
    readonly dir: string,
    keep: number,
    private readonly state: SessionState,
    private readonly unlock: () => Promise<void>,
  ) {
    this.store = new CheckpointStore(dir, keep);
    this.writer = new CheckpointWriter(dir, keep);
  }

  /** The worker count a checkpoint in `dir` was taken with, if any (a session reopens with it). */
  static async checkpointWorkers(dir: string): Promise<number | null> {
    const cp = await new CheckpointStore(dir).loadLatest().catch(() => null);
    const workers = (cp?.manifest.meta as { workers?: unknown } | undefined)?.workers;
    return typeof workers === 'number' ? workers : null;
  }

  /**
   * Opens the directory and brings the session back to its last state: the checkpoint's
   * state, then the log replayed (statements run again, rows pushed again).
   */
  static async open(o: DurableOptions, state: SessionState, execute: (sql: string) => Promise<void>): Promise<{ durability: Durability; recovery: RecoveryInfo }> {
    try {
      await mkdir(o.dir, { recursive: true });
    } catch (e) {
      throw new LaminarError('IO_ERROR', `cannot use '${o.dir}' as a session directory: ${(e as Error).message}`, { cause: e });
    }
    // No other process may append to the log while this one does.
    const unlock = await lockDir(o.dir);
    const d = new Durability(o.dir, o.keepCheckpoints ?? 3, state, unlock);
    try {
      return await d.recover(o, execute);
    } catch (e) {
      // A session that got as far as replaying is closed (and unlocked) by its owner.
      if (state.durable !== d) await unlock();
      throw e;
    }
  }

  /** The checkpoint's state, then the log replayed (see open). */
  private async recover(o: DurableOptions, execute: (sql: string) => Promise<void>): Promise<{ durability: Durability; recovery: RecoveryInfo }> {
    const cp = await this.store.loadLatest();
    const warnings = [...(cp?.warnings ?? [])];
    if (cp) {
      this.restored = decodeState(cp.files.get(STATE_FILE)!) as CheckpointState;
      this.restoredId = cp.id;
      // Past every checkpoint on disk, damaged ones included (they stay until rotated out).
      this.nextId = Math.max(cp.id, ...(await this.store.ids())) + 1;
      if (warnings.length > 0) warnings.push(`recovered from checkpoint ${checkpointName(cp.id)}`);
      for (const [name, q] of Object.entries(this.restored.queries)) {
        // Phase two again: the file holds exactly what this checkpoint committed.
        if (q.sink) await publish(q.sink.path, q.sink.committedBytes, cp.files.get(sinkFile(name)) ?? new Uint8Array(0));
      }
    }
    const opened = await Wal.open(join(o.dir, 'wal.log'), o.walSync ?? 'always');
    if (opened.warning) warnings.push(opened.warning);
    this.wal = opened.wal;
    this.state.durable = this;
    this.gate.close();
    this.replaying = true;
    try {
      for (const bytes of opened.records) {
        const e = decodeEntry(bytes);
        try {
          await this.replay(e, execute);
        } catch (err) {
          const cause = isLaminarError(err) ? err : new LaminarError('INTERNAL', String(err));
          throw new LaminarError(cause.code, `replaying record ${this.records + 1} of the write-ahead log of '${this.dir}' (${e.t === 'ddl' ? e.sql : e.t}): ${cause.message}`, {
            cause: err,
            hint: 'the session directory is left as it was: fix the cause (a file a source reads, say) and open it again',
          });
        }
        this.records++;
      }
    } finally {
      this.replaying = false;
      this.restored = null;
      this.release();
    }
    this.adopt();
    return { durability: this, recovery: { checkpoint: cp ? checkpointName(cp.id) : null, warnings, records: opened.records.length } };
  }

  private async replay(e: JournalEntry, execute: (sql: string) => Promise<void>): Promise<void> {
    switch (e.t) {
      case 'ddl':
        await execute(e.sql);
        this.tagStatement();
        this.adopt();
        return;
      case 'push':
        // Late rows of a checkpoint after the one recovery starts from: their queries route them again.
        if (e.checkpoint !== undefined && e.checkpoint > this.restoredId) return;
        this.state.pushLogs.get(e.source)?.append(e.batch);
        return;
      case 'end':
        this.state.pushLogs.get(e.source)?.end();
        return;
      case 'apply':
        try {
          this.state.tables.get(e.table)?.apply(e.batch);
        } catch {
          // It failed the same way when it was first applied (a constraint); what it did before failing stays.
        }
        return;
    }
  }

  /** The state a view or sink created by the statement being replayed starts from, if the checkpoint has it. */
  restoreFor(name: string): { restore: QueryRestore; finished: boolean; rows: Batch | null; sink: SinkCheckpoint | null } | null {
    const q = this.restored?.queries[name];
    if (!q || q.record !== this.records) return null;
    return { restore: { keyed: q.keyed, sources: q.sources }, finished: q.finished, rows: q.rows, sink: q.sink };
  }

  /**
   * Whether a sink created now starts its file empty: yes, unless it is being replayed from a
   * statement the checkpoint covers (then the file is the checkpoint's, or left alone if the
   * sink was dropped later).
   */
  freshSinkFile(): boolean {
    return this.restored === null || this.records >= this.restored.records;
  }

  hooks(restore: QueryRestore | null): QueryHooks {
    return new QueryHooks(this.gate, restore);
  }

  /** A view or sink to checkpoint, created by the statement running now. */
  track(t: Omit<Tracked, 'record'>): void {
    const entry = { ...t, record: -1 };
    this.tracked.set(t.name, entry);
    this.untagged.push(entry);
  }

  /**
   * Routes a view's or sink's late rows (LATE DATA TO) to a push source: readers see them now,
   * the log gets them with the next checkpoint. Logged at once, a query resumed from an
   * earlier checkpoint would route them again; not logged at all, those before the checkpoint
   * would be lost (the resumed query does not route them again).
   */
  routeLate(hooks: QueryHooks, log: PushLog, batch: Batch): void {
    log.append(batch, false);
    this.pendingLate.push({ hooks, log, batch });
  }

  /**
   * Logs the pending late rows of the queries `which` picks: a checkpoint's, all of them,
   * tagged with its id; a statement's, those of the views and sinks it dropped.
   */
  private logLate(which: (hooks: QueryHooks) => boolean, checkpoint?: number): void {
    const keep: typeof this.pendingLate = [];
    for (const p of this.pendingLate) {
      if (which(p.hooks)) this.append({ t: 'push', source: p.log.name, batch: p.batch, ...(checkpoint !== undefined ? { checkpoint } : {}) });
      else keep.push(p);
    }
    this.pendingLate = keep;
  }

  /** Whether a tracked view or sink is still the object of its name (not dropped or replaced). */
  private isCurrent(t: Tracked): boolean {
    return (t.kind === 'view' ? this.state.views.get(t.name)?.query : this.state.sinks.get(t.name)?.query) === t.query;
  }

  /** Appends a catalog statement to the log once it has succeeded. */
  async logStatement(sql: string): Promise<void> {
    if (this.replaying) return;
    // A view or sink it dropped or replaced will not route its late rows again after a crash.
    if (this.pendingLate.length > 0) {
      const current = new Set([...this.tracked.values()].filter((t) => this.isCurrent(t)).map((t) => t.hooks));
      this.logLate((hooks) => !current.has(hooks));
    }
    this.tagStatement();
    this.append({ t: 'ddl', sql });
    this.adopt();
    await this.synced();
  }

  private tagStatement(): void {
    for (const t of this.untagged) t.record = this.records;
    this.untagged = [];
  }

  /** Resolves once everything appended to the log so far is written (and synced, by policy). */
  synced(): Promise<void> {
    return this.lastAppend;
  }

  /** Journals the appends of push sources and tables created since the last call. */
  private adopt(): void {
    for (const [name, log] of this.state.pushLogs) {
      log.journal ??= (batch) => this.append(batch === null ? { t: 'end', source: name } : { t: 'push', source: name, batch });
    }
    for (const [name, table] of this.state.tables) table.journal ??= (batch) => this.append({ t: 'apply', table: name, batch });
  }

  private append(e: JournalEntry): void {
    if (this.replaying) return;
    this.records++;
    this.lastAppend = this.wal.append(encodeEntry(e));
  }

  /** Runs `f` with no checkpoint and no other exclusive work in between (catalog statements). */
  exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.chain.then(f, f);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Takes a checkpoint: holds every input of the session's queries, waits until the views and
   * sinks have processed everything already inside them (stages included), captures their
   * state, lets the inputs go, writes the checkpoint, then commits the sinks' output.
   */
  checkpoint(): Promise<CheckpointInfo> {
    return this.exclusive(() => this.takeCheckpoint());
  }

  private async takeCheckpoint(): Promise<CheckpointInfo> {
    const started = performance.now();
    const live = [...this.tracked.values()].filter((t) => this.isCurrent(t));
    this.tracked.clear();
    for (const t of live) this.tracked.set(t.name, t);
    const queries: Record<string, QueryCheckpoint> = {};
    const files = new Map<string, Uint8Array>();
    let state: CheckpointState;
    const commits: (() => Promise<void>)[] = [];
    let pauseMs: number;
    const id = this.nextId++;
    // Closes the gate, once the stages' queues are low (see CheckpointGate.settle).
    const held = await this.gate.settle(() => live.every((t) => t.hooks.settled()), SETTLE_MS);
    try {
      // A view over a view can be handed a batch after it was quiet: wait until all are at once.
      do {
        await Promise.all(live.map((t) => t.query.whenQuiet()));
      } while (!(await allStillQuiet(live.map((t) => t.query))));
      // Late rows routed up to the cut go into the log it covers.
      this.logLate(() => true, id);
      for (const t of live) {
        // A query that stopped (finished, failed, stopped) is not started again on recovery.
        const finished = t.query.status !== 'running';
        const keyed = finished ? new Map<string, StateSnapshot | StateSnapshot[]>() : await t.query.snapshotKeyed(this.buffers);
        let sink: SinkCheckpoint | null = null;
        if (t.sink) {
          const prepared = t.sink.prepare();
          sink = prepared.state;
          files.set(sinkFile(t.name), prepared.text);
          const s = t.sink;
          commits.push(() => s.commit(prepared));
        }
        queries[t.name] = { kind: t.kind, record: t.record, finished, keyed, sources: t.hooks.sources.map((f) => f()), rows: t.view ? t.view.rows.toBatch() : null, sink };
      }
      state = { records: this.records, workers: this.state.workers?.size ?? 1, queries };
    } finally {
      this.buffers.captured();
      this.release();
      pauseMs = performance.now() - held;
    }
    // Snapshots are copies (operators never change the rows and key values they share), so
    // they are encoded and written, on the writer's thread, while the queries run again.
    await this.synced();
    const keyed = Object.values(queries).map((q) => q.keyed);
    const meta = { records: state.records, workers: state.workers, queries: Object.keys(queries) };
    const written = await this.writer.write({ id, state, files, meta, buffers: transferList(keyed) });
    for (const t of live) {
      const q = written.state.queries[t.name];
      if (q && !q.finished) t.query.recycleKeyed(q.keyed, this.buffers);
    }
    for (const commit of commits) await commit();
    return { id: checkpointName(id), bytes: written.bytes, pauseMs, durationMs: performance.now() - started };
  }

  /** Opens the gate: the queries' inputs deliver again, and they are not idle until they find so. */
  private release(): void {
    this.gate.open();
    if (this.gate.isClosed) return;
    // A query reading only views was never held: its driver, asleep on those, finds no news here.
    for (const t of this.tracked.values()) if (t.hooks.gated) t.query.inputsReleased();
  }

  async close(): Promise<void> {
    await this.chain;
    await this.writer.close();
    await this.wal.close();
    await this.unlock();
  }
}

/** True when no query has taken a batch in a turn of the event loop (their inputs' wakeups run in it). */
async function allStillQuiet(queries: readonly RunningQuery[]): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  return queries.every((q) => q.isQuiet);
}

function sinkFile(name: string): string {
  return `sink-${Buffer.from(name).toString('hex')}`;
}
