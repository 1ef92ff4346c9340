/**
 * A worker thread's entry point: runs its shares of stages (see fragment.ts) until the
 * coordinator terminates it. Waiting is on the worker's doorbell, asynchronously, so control
 * messages (a stage to start or stop) arrive while it is idle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { transferList } from '../../state/transfer.js';
import { Fragment } from './fragment.js';
import { Doorbell } from './ring.js';
import type { StageState, ToWorker } from './stage-protocol.js';

const bell = new Doorbell((workerData as { bell: SharedArrayBuffer }).bell);
const fragments = new Map<number, Fragment>();

parentPort!.on('message', (m: ToWorker) => {
  // A share's state is a fresh copy: its buffers move to the coordinator instead of being cloned.
  if (m.type === 'start') fragments.set(m.stage, new Fragment(m, (snapshot) => parentPort!.postMessage({ type: 'state', stage: m.stage, worker: m.worker, snapshot } satisfies StageState, transferList(snapshot))));
  else if (m.type === 'buffers') fragments.get(m.stage)?.buffers.give(m.buffers);
  else fragments.delete(m.stage);
  bell.ring();
});

/** Longest a worker blocks waiting for work before looking at control messages. */
const WAIT_MS = 5;

/**
 * Steps the fragments until none has anything to do, then waits on the doorbell. The wait is
 * synchronous (Atomics.wait wakes within microseconds, Atomics.waitAsync only when the event
 * loop next turns) and short: after it the loop yields once, so control messages get in.
 */
async function run(): Promise<never> {
  for (;;) {
    const seen = bell.read();
    let progressed = false;
    for (const f of fragments.values()) progressed = f.step() || progressed;
    if (!progressed) bell.waitSync(seen, WAIT_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

void run();
