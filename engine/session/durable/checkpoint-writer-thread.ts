/**
 * The checkpoint writer's thread (see checkpoint-writer.ts): encodes a checkpoint's state,
 * writes it with its other files (CheckpointStore: checksums, sync, rename), and sends the
 * state back with its buffers.
 */
import { parentPort } from 'node:worker_threads';
import { isLaminarError } from '../../errors/laminar-error.js';
import { CheckpointStore } from '../../storage/checkpoint-store.js';
import type { WriterReply, WriterRequest } from './checkpoint-writer.js';
import { encodeState, STATE_FILE } from './columnar.js';

parentPort!.on('message', (job: WriterRequest) => {
  void write(job).then((reply) => parentPort!.postMessage(reply, 'buffers' in reply ? reply.buffers : []));
});

async function write(job: WriterRequest): Promise<WriterReply> {
  try {
    job.files.set(STATE_FILE, encodeState(job.state));
    await new CheckpointStore(job.dir, job.keep).write(job.id, job.files, job.meta);
    let bytes = 0;
    for (const f of job.files.values()) bytes += f.length;
    return { id: job.id, bytes, state: job.state, buffers: job.buffers };
  } catch (e) {
    return { id: job.id, error: isLaminarError(e) ? { code: e.code, message: e.message } : { code: 'IO_ERROR', message: `cannot write checkpoint: ${(e as Error).message}` } };
  }
}
