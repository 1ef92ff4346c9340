import type { Batch, Schema } from '../exec/batch/batch.js';
import { Consolidator } from '../exec/consolidate.js';
import type { FileSinkWriter } from '../connectors/file/sink-writer.js';
import type { WatermarkMark } from '../time/watermark.js';
import type { QueryOutput } from './running-query.js';

/** Collects a query's complete result (for a query that runs to its end). */
export class CollectOutput implements QueryOutput {
  readonly rows: Consolidator;

  constructor(schema: Schema, appendOnly: boolean) {
    this.rows = new Consolidator(schema, { appendOnly });
  }

  push(batch: Batch): void {
    this.rows.apply(batch);
  }

  watermark(): void {}

  flush(): void {}

  end(): void {}

  capacity(): null {
    return null;
  }
}

/** Forwards to a sink of data (a view's state, a table, a push log) that is never full. */
export function plainOutput(sink: { push(batch: Batch): void; watermark?(mark: WatermarkMark): void; end?(): void }): QueryOutput {
  return {
    push: (b) => sink.push(b),
    watermark: (m) => sink.watermark?.(m),
    flush: () => undefined,
    end: () => sink.end?.(),
    capacity: () => null,
  };
}

/**
 * Writes a query's changes to a file. Writes are asynchronous and happen in order; while
 * more than a few batches wait to be written, the query waits (backpressure).
 */
export class FileSinkOutput implements QueryOutput {
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private failure: Error | null = null;

  constructor(private readonly writer: FileSinkWriter) {}

  get rowsWritten(): number {
    return this.writer.rowsWritten;
  }

  push(batch: Batch): void {
    if (this.failure !== null) throw this.failure;
    this.queued++;
    this.chain = this.chain.then(async () => {
      try {
        await this.writer.write(batch);
      } catch (e) {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
      } finally {
        this.queued--;
      }
    });
  }

  watermark(): void {}

  flush(): void {}

  end(): void {}

  capacity(): Promise<void> | null {
    if (this.failure !== null) throw this.failure;
    return this.queued > 8 ? this.chain : null;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.writer.close();
    if (this.failure !== null) throw this.failure;
  }
}
