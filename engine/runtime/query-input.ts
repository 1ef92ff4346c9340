import type { Batch } from '../exec/batch/batch.js';
import type { WatermarkMark } from '../time/watermark.js';

export const PENDING = Symbol('pending');

/** What an input produces: batches of rows, and watermarks between them. */
export type InputEvent = Batch | WatermarkMark;

/**
 * One input of a running query, polled by the driver. `blocking` inputs (live channels) may
 * have nothing for an unbounded time; the others (connectors, snapshots) always produce
 * their next batch soon, so the driver waits for them in turn, which keeps the interleaving
 * of several bounded inputs deterministic.
 */
export interface QueryInput {
  readonly name: string;
  readonly blocking: boolean;
  /** The next batch or watermark, null when the input has ended, PENDING when nothing is ready. */
  poll(): InputEvent | null | typeof PENDING;
  /** Resolves when poll() may return something other than PENDING. */
  ready(): Promise<void>;
  /** Stops the input (a satisfied LIMIT, a cancelled query). */
  close(): void;
  /** Live inputs: true while data (or the end) is waiting to be polled. */
  pending?(): boolean;
}

/** An input that yields fixed batches, then ends (VALUES, a table snapshot). */
export function batchesInput(name: string, batches: readonly InputEvent[]): QueryInput {
  let i = 0;
  return {
    name,
    blocking: false,
    poll: () => (i < batches.length ? batches[i++]! : null),
    ready: () => Promise.resolve(),
    close: () => {
      i = batches.length;
    },
  };
}

/** First `first`'s batches, then `then`'s. */
export function concatInputs(first: QueryInput, then: QueryInput): QueryInput {
  let current = first;
  return {
    name: then.name,
    get blocking() {
      return current.blocking;
    },
    poll() {
      const r = current.poll();
      if (r === null && current === first) {
        current = then;
        return then.poll();
      }
      return r;
    },
    ready: () => current.ready(),
    close() {
      first.close();
      then.close();
    },
    pending: () => current === first || then.pending?.() === true,
  };
}

/**
 * Adapts an async iterator (a connector's reader) to polling: one `next()` is always in
 * flight, its result kept until polled.
 */
export class IteratorInput<T> implements QueryInput {
  readonly blocking = false;
  private inFlight: Promise<void> | null = null;
  private result: IteratorResult<T> | null = null;
  private error: Error | null = null;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly iterator: AsyncIterator<T>,
    private readonly toBatch: (item: T) => Batch,
    private readonly onClose: () => void,
  ) {}

  poll(): InputEvent | null | typeof PENDING {
    if (this.closed) return null;
    if (this.error !== null) throw this.error;
    if (this.result === null) {
      void this.fetch();
      return PENDING;
    }
    const r = this.result;
    this.result = null;
    if (r.done) return null;
    return this.toBatch(r.value);
  }

  ready(): Promise<void> {
    if (this.result !== null || this.error !== null || this.closed) return Promise.resolve();
    return this.fetch();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    void this.iterator.return?.().catch(() => undefined);
  }

  private fetch(): Promise<void> {
    this.inFlight ??= this.iterator.next().then(
      (r) => {
        this.result = r;
        this.inFlight = null;
      },
      (e: unknown) => {
        this.error = e instanceof Error ? e : new Error(String(e));
        this.inFlight = null;
      },
    );
    return this.inFlight;
  }
}
