import type { BatchSink } from '../exec/operators/operator.js';
import { WatermarkMark } from '../time/watermark.js';
import { PENDING, type QueryInput } from './query-input.js';

/** An input of a query and the operator its batches go to. */
export interface Leaf {
  readonly input: QueryInput;
  readonly sink: BatchSink;
  /** Set when a satisfied LIMIT stopped the input: its batches are no longer wanted. */
  stopped: boolean;
}

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

/**
 * Runs a query: takes batches from its inputs in round-robin order and pushes them through
 * the operators, until every input has ended, the query is aborted, or an operator throws.
 * Inputs that always produce soon are waited for in turn (deterministic interleaving); live
 * inputs contribute whatever they have when their turn comes.
 */
export async function drive(leaves: Leaf[], options: DriveOptions): Promise<void> {
  let active = leaves.slice();
  const aborted = new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
  while (active.length > 0 && !options.signal.aborted) {
    const room = options.capacity();
    if (room) await Promise.race([room, aborted]);
    let progressed = false;
    for (const leaf of active) {
      if (options.signal.aborted) break;
      if (leaf.stopped) continue;
      let r = leaf.input.poll();
      if (r === PENDING && !leaf.input.blocking) {
        await Promise.race([leaf.input.ready(), aborted]);
        if (options.signal.aborted) break;
        if (leaf.stopped) continue;
        r = leaf.input.poll();
      }
      if (r === PENDING) continue;
      progressed = true;
      if (r === null) {
        leaf.stopped = true;
        leaf.sink.end();
        continue;
      }
      if (r instanceof WatermarkMark) {
        leaf.sink.watermark(r);
        continue;
      }
      options.onBatch(r.length);
      leaf.sink.push(r);
      if (options.flushEachBatch) leaf.sink.flush();
    }
    active = active.filter((l) => !l.stopped);
    if (!progressed && active.length > 0) {
      options.onIdle();
      await Promise.race([...active.map((l) => l.input.ready()), aborted]);
    }
  }
}
