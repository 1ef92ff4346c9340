import type { BatchSink } from '../exec/operators/operator.js';
import { WatermarkMark } from '../time/watermark.js';
import { PENDING, type InputEvent, type QueryInput } from './query-input.js';

/** An input of a query and the operator its batches go to. */
export interface Leaf {
  readonly input: QueryInput;
  readonly sink: BatchSink;
  /** Set when a satisfied LIMIT stopped the input: its batches are no longer wanted. */
  stopped: boolean;
  /**
   * Read ahead of the others: each round takes everything it has ready (up to a bound), so a
   * lookup join's right input is current before left rows look it up.
   */
  readonly priority?: boolean;
  /**
   * A promise while the input must not be read (the exchange it feeds waits for room in a
   * worker's ring), null when it may be.
   */
  readonly hold?: () => Promise<void> | null;
  /** Its rows come from inside the query (a stage's workers), not from its inputs: not counted as rows in. */
  readonly internal?: boolean;
}

/** Batches a priority input may deliver in one round. */
const PRIORITY_BATCHES = 64;

export interface DriveOptions {
  readonly signal: AbortSignal;
  /** Call flush after each batch, so coalescing operators emit (live results). */
  readonly flushEachBatch: boolean;
  /** Resolves when the query's consumer has room for more output (backpressure). */
  readonly capacity: () => Promise<void> | null;
  readonly onBatch: (rows: number) => void;
  /** Called whenever every remaining input is live and has nothing more for now. */
  readonly onIdle: () => void;
}

function deliver(leaf: Leaf, r: InputEvent | null, options: DriveOptions): void {
  if (r === null) {
    leaf.stopped = true;
    leaf.sink.end();
    return;
  }
  if (r instanceof WatermarkMark) {
    leaf.sink.watermark(r);
    return;
  }
  options.onBatch(leaf.internal ? 0 : r.length);
  leaf.sink.push(r);
  if (options.flushEachBatch) leaf.sink.flush();
}

/**
 * Runs a query: takes batches from its inputs in round-robin order and pushes them through
 * the operators, until every input has ended, the query is aborted, or an operator throws.
 * Inputs that always produce soon are waited for in turn (deterministic interleaving); live
 * inputs contribute whatever they have when their turn comes.
 */
export async function drive(leaves: Leaf[], options: DriveOptions): Promise<void> {
  // Priority inputs first in every round (a lookup join's table before the rows looking it up).
  let active = [...leaves.filter((l) => l.priority), ...leaves.filter((l) => !l.priority)];
  while (active.length > 0 && !options.signal.aborted) {
    const room = options.capacity();
    if (room) await untilAborted(options.signal, [room]);
    let progressed = false;
    const holds: Promise<void>[] = [];
    const held: Leaf[] = [];
    for (const leaf of active) {
      if (options.signal.aborted) break;
      if (leaf.stopped) continue;
      for (let turn = 0; turn < (leaf.priority ? PRIORITY_BATCHES : 1) && !leaf.stopped; turn++) {
        const hold = leaf.hold?.() ?? null;
        if (hold) {
          holds.push(hold);
          held.push(leaf);
          break;
        }
        let r = leaf.input.poll();
        if (r === PENDING && !leaf.input.blocking && turn === 0) {
          await untilAborted(options.signal, [leaf.input.ready()]);
          if (options.signal.aborted || leaf.stopped) break;
          r = leaf.input.poll();
        }
        if (r === PENDING) break;
        progressed = true;
        deliver(leaf, r, options);
      }
    }
    active = active.filter((l) => !l.stopped);
    // Inputs held back (their exchange was full) go first next round: otherwise the first input
    // takes every slot that frees up, runs ahead of the others, and a join whose watermark is
    // the minimum of its inputs keeps ever more state.
    if (held.length > 0) active = [...active.filter((l) => l.priority), ...held.filter((l) => !l.priority && !l.stopped), ...active.filter((l) => !l.priority && !held.includes(l))];
    if (!progressed && active.length > 0) {
      // Idle: nothing to read now, and nothing on its way (a stage's workers still computing).
      if (holds.length === 0 && !active.some((l) => l.input.pending?.())) options.onIdle();
      const free = active.filter((l) => !l.hold?.());
      await untilAborted(options.signal, [...free.map((l) => l.input.ready()), ...holds]);
    }
  }
}

/**
 * Resolves when one of `waits` settles or the signal aborts. The abort listener lives only as
 * long as the wait (racing a promise that lives as long as the query would keep a reaction per
 * wait, a leak over a long run).
 */
function untilAborted(signal: AbortSignal, waits: readonly Promise<unknown>[]): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    for (const w of waits) void w.then(done, done);
  });
}
