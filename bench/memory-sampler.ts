import type { Session } from '../engine/index.js';

export interface SampledRun {
  readonly ms: number;
  /** Heap in use (MiB) before the query started. */
  readonly heapBefore: number;
  /** Largest heap in use (MiB) and largest state (rows or groups) seen up to the checkpoint, and over the whole run. */
  readonly peakHeapAtCheckpoint: number;
  readonly peakHeapAtEnd: number;
  readonly peakStateAtCheckpoint: number;
  readonly peakStateAtEnd: number;
  readonly rowsOut: number;
}

const MIB = 1024 * 1024;

/**
 * Runs the statement that starts a sink (over finite inputs) and samples the heap and the
 * query's state every 10 ms until it finishes; peaks are kept up to `checkpoint` input rows
 * and up to the end.
 */
export async function runSampled(session: Session, createSink: string, checkpoint: number): Promise<SampledRun> {
  const heapBefore = process.memoryUsage().heapUsed / MIB;
  const t0 = performance.now();
  await session.execute(createSink);
  const query = () => session.queries().find((q) => q.kind === 'sink')!;
  const peaks = { heapAt: 0, heapEnd: 0, stateAt: 0, stateEnd: 0 };
  const sample = () => {
    const heap = process.memoryUsage().heapUsed / MIB;
    const { rowsIn, stateKeys } = query().metrics;
    if (rowsIn <= checkpoint) {
      peaks.heapAt = Math.max(peaks.heapAt, heap);
      peaks.stateAt = Math.max(peaks.stateAt, stateKeys);
    }
    peaks.heapEnd = Math.max(peaks.heapEnd, heap);
    peaks.stateEnd = Math.max(peaks.stateEnd, stateKeys);
  };
  const timer = setInterval(sample, 10);
  await session.waitIdle([query().id]);
  clearInterval(timer);
  sample();
  const ms = performance.now() - t0;
  const q = query();
  if (q.status !== 'finished') throw new Error(`the run ${q.status}: ${q.error?.message ?? ''}`);
  return {
    ms,
    heapBefore,
    peakHeapAtCheckpoint: peaks.heapAt,
    peakHeapAtEnd: peaks.heapEnd,
    peakStateAtCheckpoint: peaks.stateAt,
    peakStateAtEnd: peaks.stateEnd,
    rowsOut: q.metrics.rowsOut,
  };
}
