import { LaminarError } from '../../errors/laminar-error.js';
import type { ErrorCode } from '../../errors/codes.js';
import { ERROR_CODES } from '../../errors/codes.js';
import { gatherBatch, sliceBatch, type Batch } from '../../exec/batch/batch.js';
import type { Column } from '../../exec/batch/column.js';
import { compileCalc } from '../../exec/compile/calc.js';
import type { EmitGranularity } from '../../exec/operators/aggregate/hash-aggregate.js';
import type { BatchSink } from '../../exec/operators/operator.js';
import { WatermarkMark } from '../../time/watermark.js';
import type { StageRun } from '../instantiate.js';
import { isTwoPhase, partialAggregateOperator, type KeyedNode } from '../keyed-operator.js';
import { PENDING, type InputEvent, type QueryInput } from '../query-input.js';
import { partitionRows } from './key-hash.js';
import { createRing, Doorbell, RingReader, RingWriter } from './ring.js';
import { decodeMessage, encodeMessage, type StageMessage } from './stage-codec.js';
import type { PlanOrigin } from './stage-plan.js';
import { STAGE_COUNTER_BYTES, STAGE_COUNTERS } from './stage-protocol.js';
import { transferList } from '../../state/transfer.js';
import type { WorkerPool } from './worker-pool.js';
import type { StateSnapshot } from '../../state/keyed-state.js';

/** Bytes of each ring: a record (a batch, split if need be) is at most half of it. */
const RING_BYTES = 2 << 20;

export interface StageOptions {
  readonly pool: WorkerPool;
  readonly id: number;
  /** The query the stage belongs to, as errors name it: "q3 (select)". */
  readonly query: string;
  readonly node: KeyedNode;
  readonly path: readonly number[];
  readonly origin: PlanOrigin;
  readonly emit: EmitGranularity;
  /** The node is a two-phase GROUP BY (isTwoPhase): batches go round-robin, workers emit partial states. */
  readonly twoPhase: boolean;
  /** Where a window's late rows go (LATE DATA TO). */
  readonly lateRoute: (target: string) => (rows: Batch) => void;
  /** Each worker's share of the state to start from (a checkpoint's), in worker order. */
  readonly restore?: readonly StateSnapshot[];
}

interface WorkerLink {
  readonly writer: RingWriter;
  readonly reader: RingReader;
  readonly counters: Float64Array;
  /** Input records waiting for room in the worker's input ring. */
  readonly backlog: StageMessage[];
  readonly forget: () => void;
  /** Sends the worker back the buffers of its written share of a checkpoint. */
  readonly recycle: (buffers: ArrayBuffer[]) => void;
}

/**
 * A keyed node running sharded on the session's workers, from the coordinator's side: an
 * exchange per input (rows to the worker their key hashes to; watermarks, flushes and ends to
 * all, each event closed by an epoch marker) and a gather reading the workers' output epoch by
 * epoch, worker 0 first, so the merged output is the same on every run.
 */
export function startStage(o: StageOptions): StageRun {
  const workers = o.pool.size;
  const bell = Doorbell.create();
  let death: LaminarError | null = null;
  // Checkpoint barriers waiting for each worker's state.
  const awaitingState = new Map<number, { resolve: (s: StateSnapshot) => void; reject: (e: Error) => void }>();
  const died = (e: LaminarError) => {
    death ??= new LaminarError(e.code, `query ${o.query} failed: ${e.message}`);
    for (const w of awaitingState.values()) w.reject(e);
    awaitingState.clear();
  };
  const links: WorkerLink[] = [];
  for (let w = 0; w < workers; w++) {
    const worker = o.pool.worker(w);
    const input = createRing(RING_BYTES);
    const output = createRing(RING_BYTES);
    const counters = new SharedArrayBuffer(STAGE_COUNTER_BYTES);
    const forgetDeath = worker.onDeath(died);
    const forgetState = worker.onMessage((m) => {
      const waiter = m.stage === o.id ? awaitingState.get(m.worker) : undefined;
      if (!waiter) return;
      awaitingState.delete(m.worker);
      if (m.snapshot === null) waiter.reject(new LaminarError('QUERY_FAILED', `worker ${m.worker} of stage ${o.id} has no state to checkpoint (its share failed)`));
      else waiter.resolve(m.snapshot);
    });
    const forget = () => {
      forgetDeath();
      forgetState();
    };
    const restore = o.restore?.[w];
    worker.post({ type: 'start', stage: o.id, worker: w, origin: o.origin, path: o.path, emit: o.emit, twoPhase: o.twoPhase, input, output, coordinatorBell: bell.cell.buffer as SharedArrayBuffer, counters, ...(restore ? { restore } : {}) });
    links.push({
      writer: new RingWriter(input, worker.bell),
      reader: new RingReader(output, worker.bell),
      counters: new Float64Array(counters),
      backlog: [],
      forget: () => {
        forget();
        worker.post({ type: 'stop', stage: o.id });
      },
      recycle: (buffers) => worker.post({ type: 'buffers', stage: o.id, buffers }),
    });
  }

  // A worker whose share of the operator has ended (it wrote 'end') takes nothing more.
  const ended = new Array<boolean>(workers).fill(false);
  const send = (w: number, m: StageMessage) => {
    if (ended[w]) return;
    const link = links[w]!;
    if ((m.kind === 'batch' || m.kind === 'late') && m.batch.length > 1 && encodeMessage(m).length > link.writer.maxPayload) {
      const half = m.batch.length >> 1;
      send(w, { ...m, batch: sliceBatch(m.batch, 0, half) });
      send(w, { ...m, batch: sliceBatch(m.batch, half, m.batch.length) });
      return;
    }
    link.backlog.push(m);
    pump(link);
  };
  const pump = (link: WorkerLink): boolean => {
    while (link.backlog.length > 0) {
      const e = encodeMessage(link.backlog[0]!);
      if (!link.writer.tryWrite(e.length, e.write)) return false;
      link.backlog.shift();
    }
    return true;
  };
  const toAll = (m: StageMessage) => {
    for (let w = 0; w < workers; w++) send(w, m);
  };
  // Epochs sent, and read back from each worker: the stage has work in flight until they match.
  let epochsSent = 0;
  const epochsRead = new Array<number>(workers).fill(0);
  const epoch = () => {
    epochsSent++;
    toAll({ kind: 'epoch' });
  };

  // Two phases: whole batches, no hashing, each to the worker with the least waiting for it
  // (any split merges to the same result, so a slower thread never holds the others up). A
  // batch that finds even that ring full is aggregated here, by a share of the session's own,
  // rather than waited with: its partial state joins the workers' at the end.
  const localOut: Batch[] = [];
  const local = o.twoPhase && isTwoPhase(o.node, o.emit) ? partialAggregateOperator(o.node, { push: (b) => localOut.push(b), watermark: () => undefined, flush: () => undefined, end: () => undefined }).inputs[0]! : null;
  const deal = (batch: Batch) => {
    let best = 0;
    for (let w = 1; w < workers; w++) if (queued(w) < queued(best)) best = w;
    const m: StageMessage = { kind: 'batch', batch, port: 0 };
    const link = links[best]!;
    if (local !== null && link.backlog.length === 0) {
      const e = encodeMessage(m);
      if (e.length <= link.writer.maxPayload) {
        if (!link.writer.tryWrite(e.length, e.write)) local.push(batch);
        return;
      }
    }
    send(best, m);
  };
  const queued = (w: number) => (ended[w] ? Infinity : links[w]!.backlog.length * RING_BYTES + links[w]!.writer.used);
  const exchange = (port: number): BatchSink => {
    const keysOf = keyExtractor(o.node, port);
    let parts = new Uint16Array(1024);
    let order = new Int32Array(1024);
    const starts = new Int32Array(workers + 1);
    return {
      push: (batch) => {
        const n = batch.length;
        if (o.twoPhase) {
          // No epoch: the first phase emits nothing before the end, so there is nothing to order.
          deal(batch);
          return;
        }
        if (parts.length < n) {
          parts = new Uint16Array(n);
          order = new Int32Array(n);
        }
        partitionRows(keysOf(batch), n, workers, parts);
        sortByWorker(parts, n, workers, starts, order);
        for (let w = 0; w < workers; w++) {
          const count = starts[w + 1]! - starts[w]!;
          if (count === 0) continue;
          send(w, { kind: 'batch', batch: count === n ? batch : gatherBatch(batch, order.subarray(starts[w], starts[w + 1]), count), port });
        }
        // In 'batch' mode a flush follows every batch and closes the epoch.
        if (o.emit !== 'batch') epoch();
      },
      watermark: (mark) => {
        toAll({ kind: 'watermark', value: mark.value, idle: mark.idle, port });
        epoch();
      },
      flush: () => {
        toAll({ kind: 'flush' });
        epoch();
      },
      end: () => {
        local?.end();
        toAll({ kind: 'end', port });
        epoch();
      },
    };
  };

  // The gather: epoch by epoch, worker by worker.
  let cursor = 0;
  const marks = new Array<number>(workers).fill(-Infinity);
  const idle = new Array<boolean>(workers).fill(false);
  let emitted = -Infinity;
  let seenAtPoll = bell.read();
  const inputsDone: ((input: number) => void)[] = [];
  let finished = false;
  const next = () => {
    for (let k = 1; k <= workers; k++) {
      const w = (cursor + k) % workers;
      if (!ended[w]) {
        cursor = w;
        return;
      }
    }
  };
  const lateRoute = o.node.op === 'window_aggregate' && o.node.late ? o.lateRoute(o.node.late.target) : null;
  const output: QueryInput = {
    name: `stage ${o.id}`,
    blocking: true,
    poll(): InputEvent | null | typeof PENDING {
      seenAtPoll = bell.read();
      // Records still waiting for room (an end sent while a ring was full) go out from here too:
      // once its inputs have ended, nothing else calls room() for the stage.
      for (const link of links) pump(link);
      // What an ended share still echoes (epochs of events sent before its end was seen) is dropped.
      links.forEach((l, w) => {
        if (ended[w]) while (l.reader.tryRead(() => true) !== undefined);
      });
      for (;;) {
        if (death) throw death;
        const own = localOut.shift();
        if (own !== undefined) return own;
        if (ended.every(Boolean)) {
          if (!finished) {
            finished = true;
            // Every share has ended: the stage needs no more input.
            const ports = o.node.op === 'join' ? [0, 1] : [0];
            for (const f of inputsDone) for (const port of ports) f(port);
          }
          return null;
        }
        const m = links[cursor]!.reader.tryRead((bytes, view, at) => decodeMessage(bytes, view, at));
        if (m === undefined) return PENDING;
        switch (m.kind) {
          case 'batch':
            return m.batch;
          case 'late':
            lateRoute?.(m.batch);
            continue;
          case 'watermark': {
            marks[cursor] = Math.max(marks[cursor]!, m.value);
            idle[cursor] = m.idle;
            const w = combined(marks, idle, ended);
            if (w > emitted) {
              emitted = w;
              return new WatermarkMark(w, idle.every((x, i) => x || ended[i]));
            }
            continue;
          }
          case 'epoch':
            epochsRead[cursor]!++;
            next();
            continue;
          case 'end':
            ended[cursor] = true;
            links[cursor]!.backlog.length = 0;
            marks[cursor] = Infinity;
            next();
            continue;
          case 'failed':
            throw new LaminarError(m.code in ERROR_CODES ? (m.code as ErrorCode) : 'QUERY_FAILED', `${m.message} (query ${o.query}, on worker thread ${cursor})`);
          case 'flush':
            continue;
        }
      }
    },
    ready: () => (death ? Promise.resolve() : bell.wait(seenAtPoll)),
    close: () => {
      for (const link of links) link.forget();
    },
    pending: () => {
      if (localOut.length > 0) return true;
      if (finished) return false;
      if (death !== null || links.some((l, w) => !ended[w] && (l.backlog.length > 0 || l.reader.used > 0))) return true;
      return epochsRead.some((n, w) => !ended[w] && n < epochsSent);
    },
  };

  const sum = (slot: number) => links.reduce((s, l) => s + l.counters[slot]!, 0);
  // Time the exchange spent waiting for room in a worker's input ring, per worker.
  const waitedMs = new Array<number>(workers).fill(0);
  return {
    twoPhase: o.twoPhase,
    inputs: o.node.op === 'join' ? [exchange(0), exchange(1)] : [exchange(0)],
    state: { keyCount: () => sum(STAGE_COUNTERS.stateKeys) },
    lateRows: () => sum(STAGE_COUNTERS.lateRows),
    output,
    room: () => {
      const seen = bell.read();
      const full = links.map((l) => !pump(l));
      if (!full.includes(true)) return null;
      if (death) return Promise.resolve();
      const since = performance.now();
      return bell.wait(seen).then(() => {
        const ms = performance.now() - since;
        full.forEach((f, w) => f && (waitedMs[w]! += ms));
      });
    },
    workers: () =>
      links.map((l, w) => ({
        worker: w,
        rowsIn: l.counters[STAGE_COUNTERS.rowsIn]!,
        inputRingUsed: l.writer.used / l.writer.memory.capacity,
        outputRingUsed: l.reader.used / l.reader.memory.capacity,
        blockedMs: l.counters[STAGE_COUNTERS.blockedMs]!,
        waitedMs: waitedMs[w]!,
      })),
    onInputsDone: (stop) => inputsDone.push(stop),
    // A barrier behind everything sent so far; each worker answers with its share's state.
    snapshot: () =>
      Promise.all(
        links.map(
          (_, w) =>
            new Promise<StateSnapshot>((resolve, reject) => {
              if (death) return reject(death);
              awaitingState.set(w, { resolve, reject });
              send(w, { kind: 'snapshot' });
            }),
        ),
      ),
    recycle: (snapshots) => {
      if (!death) links.forEach((l, w) => l.recycle(transferList(snapshots[w])));
    },
  };
}

/**
 * A counting sort of row indices by worker (each worker's rows stay in input order): worker
 * w's rows are order[starts[w] … starts[w + 1]).
 */
function sortByWorker(parts: Uint16Array, n: number, workers: number, starts: Int32Array, order: Int32Array): void {
  starts.fill(0);
  for (let i = 0; i < n; i++) starts[parts[i]! + 1]!++;
  for (let w = 0; w < workers; w++) starts[w + 1]! += starts[w]!;
  const next = starts.slice(0, workers);
  for (let i = 0; i < n; i++) order[next[parts[i]!]!++] = i;
}

/** The minimum over the workers not idle (or over all when all are); ended ones are +∞. */
function combined(marks: readonly number[], idle: readonly boolean[], ended: readonly boolean[]): number {
  const active = marks.filter((_, i) => !idle[i] && !ended[i]);
  return Math.min(...(active.length > 0 ? active : marks));
}

/** The key columns rows are routed by, for input `port` of a keyed node. */
function keyExtractor(node: KeyedNode, port: number): (batch: Batch) => Column[] {
  const columns = (indices: readonly number[]) => (batch: Batch) => indices.map((c) => batch.columns[c]!);
  switch (node.op) {
    case 'hash_aggregate':
      return columns(node.input.schema.slice(0, node.keyCount).map((_, i) => i));
    case 'window_aggregate':
      return columns(node.keys);
    case 'top_n':
      return columns(node.partition);
    case 'join': {
      const input = port === 0 ? node.left : node.right;
      const calc = compileCalc({ input: input.schema, filter: null, projections: port === 0 ? node.leftKeys : node.rightKeys });
      return (batch) => calc({ ...batch, kinds: null, rowWatermarks: null }).columns as Column[];
    }
  }
}
