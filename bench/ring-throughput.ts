import { Worker } from 'node:worker_threads';
import type { Batch } from '../engine/index.js';
import { createRing, Doorbell, RingWriter } from '../engine/runtime/workers/ring.js';
import { encodeMessage } from '../engine/runtime/workers/stage-codec.js';

const RING_BYTES = 2 << 20;

/**
 * Moves `count` copies of `batch` to another thread and waits until it has counted their rows:
 * through an SPSC ring (encoded as stage messages, as the exchange does), or with postMessage,
 * each column copied into a fresh buffer and transferred (the usual way without shared memory).
 * Returns the milliseconds taken.
 */
export async function moveBatches(mode: 'ring' | 'post', batch: Batch, count: number): Promise<number> {
  const memory = createRing(RING_BYTES);
  const bell = Doorbell.create();
  const producerBell = Doorbell.create();
  const worker = new Worker(new URL('./ring-worker.js', import.meta.url), {
    workerData: mode === 'ring' ? { mode, memory, bell: bell.cell.buffer, producerBell: producerBell.cell.buffer } : { mode },
  });
  await new Promise((resolve) => worker.once('online', resolve));
  const counted = new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const t0 = performance.now();
  if (mode === 'ring') {
    const writer = new RingWriter(memory, bell);
    const write = async (m: Parameters<typeof encodeMessage>[0]) => {
      const e = encodeMessage(m);
      for (;;) {
        const seen = producerBell.read();
        if (writer.tryWrite(e.length, e.write)) return;
        await producerBell.wait(seen, 50);
      }
    };
    for (let i = 0; i < count; i++) await write({ kind: 'batch', batch });
    await write({ kind: 'end' });
  } else {
    for (let i = 0; i < count; i++) {
      const columns = batch.columns.map((c) => (c.data as unknown as { slice(): { buffer: ArrayBuffer } }).slice().buffer);
      worker.postMessage({ length: batch.length, columns }, columns);
    }
    worker.postMessage({ end: true });
  }
  const rows = await counted;
  const ms = performance.now() - t0;
  await worker.terminate();
  if (rows !== count * batch.length) throw new Error(`${mode}: the reader counted ${rows} rows of ${count * batch.length}`);
  return ms;
}

/** Bytes of a batch's column data (what both ways move). */
export function batchBytes(batch: Batch): number {
  return batch.columns.reduce((n, c) => n + (c.data as unknown as { byteLength: number }).byteLength, 0);
}
