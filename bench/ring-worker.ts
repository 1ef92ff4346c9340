/**
 * The consuming thread of the ring throughput bench: reads batches from a ring (decoding
 * them as a stage's worker does) or from postMessage, counts their rows, and reports the total.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Doorbell, RingReader, type RingMemory } from '../engine/runtime/workers/ring.js';
import { decodeMessage } from '../engine/runtime/workers/stage-codec.js';

type Setup = { mode: 'ring'; memory: RingMemory; bell: SharedArrayBuffer; producerBell: SharedArrayBuffer } | { mode: 'post' };

const setup = workerData as Setup;
const port = parentPort!;

if (setup.mode === 'ring') {
  const bell = new Doorbell(setup.bell);
  const reader = new RingReader(setup.memory, new Doorbell(setup.producerBell));
  let rows = 0;
  for (;;) {
    const seen = bell.read();
    const m = reader.tryRead((bytes, view, at) => decodeMessage(bytes, view, at));
    if (m === undefined) {
      bell.waitSync(seen, 50);
      continue;
    }
    if (m.kind === 'end') break;
    if (m.kind === 'batch') rows += m.batch.length;
  }
  port.postMessage(rows);
} else {
  let rows = 0;
  port.on('message', (m: { end: true } | { length: number; columns: ArrayBuffer[] }) => {
    if ('end' in m) {
      port.postMessage(rows);
      port.close();
      return;
    }
    // What a receiver does first: view the transferred buffers as typed columns.
    const views = m.columns.map((b) => new Float64Array(b));
    rows += views.length > 0 ? m.length : 0;
  });
}
