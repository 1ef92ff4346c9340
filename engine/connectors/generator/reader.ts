import { LaminarError } from '../../errors/laminar-error.js';
import type { ScanRequest, SourceChunk, SourcePosition } from '../source.js';
import { MAX_BATCH_SIZE } from './common-options.js';
import type { GeneratorTable } from './table.js';

/** How one reader runs: which table, up to which event, which natural columns. */
export interface ReadPlan {
  readonly table: GeneratorTable;
  /** Total events, or null when unbounded. */
  readonly events: number | null;
  /** The batch_size option, overriding the request's. */
  readonly batchSize: number | null;
  /** natural[c] = natural column index of the source's column c. */
  readonly natural: readonly number[];
}

/**
 * Generates batches as fast as the consumer takes them. Between batches it yields to the event
 * loop (a macrotask, not just a microtask), so an unbounded generator never starves the kernel's
 * sockets or timers, and an abort is noticed within one batch.
 */
export async function* readGenerator(plan: ReadPlan, request: ScanRequest): AsyncGenerator<SourceChunk, void, undefined> {
  const { table, events } = plan;
  const columns = request.columns.map((c) => {
    const n = plan.natural[c];
    if (n === undefined) throw new LaminarError('INTERNAL', `generator has no column ${c}`);
    return n;
  });
  const wanted = plan.batchSize ?? request.batchSize;
  const batchSize = Number.isFinite(wanted) ? Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(wanted))) : DEFAULT_BATCH_SIZE;
  const end = events === null ? Infinity : table.rowsBefore(events);
  let k = request.resumeFrom === undefined ? 0 : table.rowsBefore(resumeOffset(request.resumeFrom));
  const write = table.newWriter();
  const { signal, metrics } = request;
  while (k < end && !signal.aborted) {
    const n = Math.min(batchSize, end - k);
    const batch = { length: n, columns: write(k, n, columns), kinds: null };
    k += n;
    metrics.rowsRead += n;
    const position: SourcePosition = { offset: table.eventOf(k - 1) + 1 };
    yield { batch, partition: 0, position };
    if (signal.aborted) return;
    await nextMacrotask();
  }
}

/** Used only when a request's batch size is not a number. */
const DEFAULT_BATCH_SIZE = 1024;

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function resumeOffset(position: SourcePosition): number {
  const offset = position['offset'];
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw new LaminarError('INTERNAL', `a generator cannot resume from ${JSON.stringify(position)}; it expects { offset: <event index> }`);
  }
  return offset;
}
