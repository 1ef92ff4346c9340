import { open, stat } from 'node:fs/promises';
import { LaminarError } from '../../errors/laminar-error.js';
import type { Batch } from '../../exec/batch/batch.js';
import type { FileSinkWriter, SinkWriterState } from '../../connectors/file/sink-writer.js';
import type { QueryOutput } from '../../runtime/running-query.js';

/** A sink's part of a checkpoint. */
export interface SinkCheckpoint {
  readonly path: string;
  readonly writer: SinkWriterState;
  /** Bytes of the file that were visible before this checkpoint's text (stored beside it) is appended. */
  readonly committedBytes: number;
}

/**
 * A file sink of a durable session, written in two phases: the query's text is staged in
 * memory; a checkpoint stores it with the rest of the state, and once the checkpoint is
 * committed the text is appended to the file. So the file only ever holds output of committed
 * checkpoints: after a crash, recovery cuts the file back to the last checkpoint's length and
 * appends that checkpoint's text, and the query resumes from the same cut.
 */
export class DurableSink implements QueryOutput {
  /** Text taken at checkpoints and not yet appended to the file. */
  private pending = '';

  constructor(
    readonly path: string,
    private readonly writer: FileSinkWriter,
    private committed: number,
  ) {}

  get rowsWritten(): number {
    return this.writer.rowsWritten;
  }

  push(batch: Batch): void {
    this.writer.append(batch);
  }

  watermark(): void {}

  flush(): void {}

  end(): void {}

  capacity(): null {
    return null;
  }

  /** The query finished: its last text (a CSV header for an empty result) waits for the next checkpoint. */
  close(): Promise<void> {
    this.writer.finish();
    return Promise.resolve();
  }

  restoreWriter(s: SinkWriterState): void {
    this.writer.restoreState(s);
  }

  /** Phase one, with the query held: the state to store and the text the checkpoint carries. */
  prepare(): { state: SinkCheckpoint; text: Uint8Array } {
    this.pending += this.writer.take();
    return { state: { path: this.path, writer: this.writer.saveState(), committedBytes: this.committed }, text: Buffer.from(this.pending, 'utf8') };
  }

  /** Phase two, once the checkpoint is on disk: the text prepared becomes visible. */
  async commit(prepared: { state: SinkCheckpoint; text: Uint8Array }): Promise<void> {
    await publish(this.path, prepared.state.committedBytes, prepared.text);
    this.committed = prepared.state.committedBytes + prepared.text.length;
    // Checkpoints do not overlap: nothing was staged since prepare().
    this.pending = '';
  }
}

/** Bytes a sink's file holds (recovery has just made it exactly the last checkpoint's). */
export async function committedSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    throw new LaminarError('IO_ERROR', `cannot read sink file '${path}': ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Makes a file hold exactly its first `committed` bytes followed by `text`, durably: what a
 * checkpoint commit writes, and what recovery writes again (idempotent).
 */
export async function publish(path: string, committed: number, text: Uint8Array, create = false): Promise<void> {
  try {
    const handle = await open(path, 'a+');
    try {
      const { size } = await handle.stat();
      if (size < committed && !create) {
        throw new LaminarError('CHECKPOINT_CORRUPT', `sink file '${path}' has ${size} bytes, but the checkpoint committed ${committed}`, {
          hint: 'the file was changed outside LaminarDB; restore it or start a new session directory',
        });
      }
      await handle.truncate(committed);
      if (text.length > 0) await handle.write(text, 0, text.length, committed);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof LaminarError) throw e;
    throw new LaminarError('IO_ERROR', `cannot commit sink output to '${path}': ${(e as Error).message}`, { cause: e });
  }
}
