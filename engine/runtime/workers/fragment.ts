import { sliceBatch } from '../../exec/batch/batch.js';
import type { BatchSink } from '../../exec/operators/operator.js';
import { isLaminarError } from '../../errors/laminar-error.js';
import { WatermarkMark } from '../../time/watermark.js';
import { isKeyedNode, isTwoPhase, keyedOperator, partialAggregateOperator, type KeyedOperator } from '../keyed-operator.js';
import { Doorbell, RingReader, RingWriter } from './ring.js';
import { decodeMessage, encodeMessage, type StageMessage } from './stage-codec.js';
import { nodeAt, replan } from './stage-plan.js';
import { STAGE_COUNTERS, type StageStart } from './stage-protocol.js';
import type { StateSnapshot } from '../../state/keyed-state.js';
import { SnapshotBuffers } from '../../state/snapshot-buffers.js';

/** Input records a fragment takes per step, so one busy stage does not starve the others. */
const RECORDS_PER_STEP = 64;

/**
 * One worker's share of a stage: the stage's operator, fed from the worker's input ring, its
 * output written to the worker's output ring. Output that does not fit waits in `backlog`, and
 * while anything waits no input is read (backpressure towards the coordinator). An operator
 * error is reported as a `failed` record; the fragment then only drains its input.
 */
export class Fragment {
  private readonly reader: RingReader;
  private readonly writer: RingWriter;
  private readonly op: KeyedOperator | null = null;
  /** Memory for this share's checkpoint copies, back from the coordinator after each one. */
  readonly buffers = new SnapshotBuffers();
  private readonly backlog: StageMessage[] = [];
  private readonly counters: Float64Array;
  private failed = false;
  /** The operator keeps nothing of its input batches (a first phase): they need not be copied out of the ring. */
  private readonly inPlace: boolean;
  private blockedSince: number | null = null;

  constructor(
    start: StageStart,
    /** Sends the share's state to the coordinator, at a checkpoint barrier. */
    private readonly report: (snapshot: StateSnapshot | null) => void = () => undefined,
  ) {
    const coordinator = new Doorbell(start.coordinatorBell);
    // Freeing input makes room for the coordinator; writing output gives it something to read.
    this.reader = new RingReader(start.input, coordinator);
    this.writer = new RingWriter(start.output, coordinator);
    this.counters = new Float64Array(start.counters);
    this.inPlace = start.twoPhase;
    try {
      const node = nodeAt(replan(start.origin), start.path);
      if (!isKeyedNode(node)) throw new Error(`the stage's node is a ${node.op}, not a keyed operator`);
      const sink: BatchSink = {
        push: (batch) => this.emit({ kind: 'batch', batch }),
        watermark: (mark) => this.emit({ kind: 'watermark', value: mark.value, idle: mark.idle }),
        flush: () => undefined,
        // The counters are final before the coordinator can see the end.
        end: () => {
          this.updateCounters();
          this.emit({ kind: 'end' });
        },
      };
      if (start.twoPhase) {
        if (!isTwoPhase(node, start.emit)) throw new Error(`the stage's ${node.op} cannot run in two phases`);
        this.op = partialAggregateOperator(node, sink);
      } else {
        this.op = keyedOperator(node, sink, start.emit, {
          lateRoute: () => (rows) => this.emit({ kind: 'late', batch: rows }),
          // The coordinator stops inputs once every worker's share of the stage has ended.
          stopInput: () => undefined,
        });
      }
      if (start.restore) this.op.state.restore(start.restore);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Takes input while the output has room; true when it did anything. */
  step(): boolean {
    const waiting = this.backlog.length;
    this.pump();
    let progressed = this.backlog.length < waiting;
    for (let k = 0; k < RECORDS_PER_STEP && this.backlog.length === 0; k++) {
      // Handled before the record is freed, so a batch can be read where it lies in the ring.
      const read = this.reader.tryRead((bytes, view, at) => {
        this.handle(decodeMessage(bytes, view, at, this.inPlace));
        return true;
      });
      if (read === undefined) break;
      progressed = true;
      this.pump();
    }
    this.updateCounters();
    return progressed;
  }

  private updateCounters(): void {
    if (this.op === null) return;
    this.counters[STAGE_COUNTERS.stateKeys] = this.op.state.keyCount();
    this.counters[STAGE_COUNTERS.lateRows] = this.op.lateRows();
  }

  private handle(m: StageMessage): void {
    if (m.kind === 'epoch') {
      this.emit(m);
      return;
    }
    if (m.kind === 'snapshot') {
      this.report(this.failed || this.op === null ? null : this.op.state.snapshot(this.buffers));
      this.buffers.captured();
      return;
    }
    if (this.failed || this.op === null) return;
    try {
      const input = this.op.inputs[('port' in m ? m.port : 0) ?? 0]!;
      switch (m.kind) {
        case 'batch':
          this.counters[STAGE_COUNTERS.rowsIn]! += m.batch.length;
          input.push(m.batch);
          break;
        case 'watermark':
          input.watermark(new WatermarkMark(m.value, m.idle));
          break;
        case 'flush':
          input.flush();
          break;
        case 'end':
          input.end();
          break;
        default:
          break;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    this.failed = true;
    const code = isLaminarError(e) ? e.code : 'INTERNAL';
    this.emit({ kind: 'failed', code, message: e instanceof Error ? e.message : String(e) });
  }

  /** Writes a record, or queues it behind those waiting; batches too big for a record are split. */
  private emit(m: StageMessage): void {
    if ((m.kind === 'batch' || m.kind === 'late') && m.batch.length > 1) {
      const size = encodeMessage(m).length;
      if (size > this.writer.maxPayload) {
        const half = m.batch.length >> 1;
        this.emit({ ...m, batch: sliceBatch(m.batch, 0, half) });
        this.emit({ ...m, batch: sliceBatch(m.batch, half, m.batch.length) });
        return;
      }
    }
    this.backlog.push(m);
    this.pump();
  }

  /** Moves waiting output into the ring; true when nothing waits any more. */
  private pump(): boolean {
    while (this.backlog.length > 0) {
      const e = encodeMessage(this.backlog[0]!);
      if (!this.writer.tryWrite(e.length, e.write)) {
        this.blockedSince ??= performance.now();
        return false;
      }
      this.backlog.shift();
    }
    if (this.blockedSince !== null) {
      this.counters[STAGE_COUNTERS.blockedMs]! += performance.now() - this.blockedSince;
      this.blockedSince = null;
    }
    return true;
  }
}
