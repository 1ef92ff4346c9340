import { Worker } from 'node:worker_threads';
import { LaminarError } from '../../errors/laminar-error.js';
import type { ErrorCode } from '../../errors/codes.js';
import { compiledEntry } from '../../runtime/compiled-entry.js';

/** A checkpoint to write: its files but the state file, and the state that file encodes. */
export interface CheckpointJob<S> {
  readonly id: number;
  readonly state: S;
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly meta: unknown;
  /** Buffers of `state` that move to the writer and back instead of being copied (see transferList). */
  readonly buffers: ArrayBuffer[];
}

/** A checkpoint on disk: its size, and its state back, over the same buffers. */
export interface Written<S> {
  readonly bytes: number;
  readonly state: S;
}

export type WriterRequest = Omit<CheckpointJob<unknown>, 'files'> & { readonly files: Map<string, Uint8Array>; readonly dir: string; readonly keep: number };
export type WriterReply =
  | { readonly id: number; readonly bytes: number; readonly state: unknown; readonly buffers: ArrayBuffer[] }
  | { readonly id: number; readonly error: { readonly code: ErrorCode; readonly message: string } };

/**
 * Writes checkpoints on a thread of its own. Encoding, checksumming and writing the state of a
 * million groups keeps a thread busy for a good tenth of a second; on the session's thread,
 * its queries would wait through it (see docs/decisions/durable-sessions.md). The thread
 * starts with the first checkpoint and keeps the process alive only while it writes one.
 */
export class CheckpointWriter {
  private thread: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (w: Written<unknown>) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly dir: string,
    private readonly keep: number,
  ) {}

  write<S>(job: CheckpointJob<S>): Promise<Written<S>> {
    const thread = this.started();
    return new Promise<Written<S>>((resolve, reject) => {
      this.pending.set(job.id, { resolve: resolve as (w: Written<unknown>) => void, reject });
      thread.ref();
      const request: WriterRequest = { ...job, files: new Map(job.files), dir: this.dir, keep: this.keep };
      thread.postMessage(request, job.buffers);
    });
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    await thread?.terminate();
  }

  private started(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(compiledEntry('session/durable/checkpoint-writer-thread.js'), { name: 'laminar-checkpoint-writer' });
    thread.on('message', (m: WriterReply) => {
      const waiter = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) thread.unref();
      if (!waiter) return;
      if ('error' in m) waiter.reject(new LaminarError(m.error.code, m.error.message));
      else waiter.resolve({ bytes: m.bytes, state: m.state });
    });
    const fail = (why: string) => {
      if (this.thread === thread) this.thread = null;
      for (const w of this.pending.values()) w.reject(new LaminarError('IO_ERROR', `the checkpoint writer stopped: ${why}`));
      this.pending.clear();
    };
    thread.on('error', (e) => fail(e.message));
    thread.on('exit', (code) => fail(`it exited with code ${code}`));
    this.thread = thread;
    return thread;
  }
}
