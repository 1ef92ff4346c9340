import { Worker } from 'node:worker_threads';
import { LaminarError } from '../../errors/laminar-error.js';
import { compiledEntry } from '../compiled-entry.js';
import { Doorbell } from './ring.js';
import type { StageState, ToWorker } from './stage-protocol.js';

interface PoolWorker {
  readonly thread: Worker;
  readonly bell: Doorbell;
  /** Why the thread stopped, once it has. */
  death: LaminarError | null;
  /** Stages running on it: while there are some, the thread keeps the process alive. */
  stages: number;
  readonly onDeath: Set<(error: LaminarError) => void>;
  /** Listeners for the thread's messages (checkpoint states). */
  readonly onMessage: Set<(m: StageState) => void>;
}

/**
 * The session's worker threads, started with the first stage that needs them and stopped by
 * `close()`. A worker that dies fails the stages on it (their queries fail, naming the cause)
 * and is replaced for stages started later.
 */
export class WorkerPool {
  private workers: PoolWorker[] = [];
  private closed = false;

  constructor(readonly size: number) {}

  /** The worker with this index, started (again) if need be. */
  worker(index: number): { bell: Doorbell; post(m: ToWorker): void; onDeath(f: (error: LaminarError) => void): () => void; onMessage(f: (m: StageState) => void): () => void } {
    // Stages start and stop through post(): 'start' refs the thread, 'stop' lets it go when idle.
    if (this.closed) throw new LaminarError('SESSION_CLOSED', 'the session is closed');
    let w = this.workers[index];
    if (!w || w.death) {
      w = this.spawn(index);
      this.workers[index] = w;
    }
    const worker = w;
    return {
      bell: worker.bell,
      post: (m) => {
        if (worker.death) return;
        if (m.type === 'start' && worker.stages++ === 0) worker.thread.ref();
        if (m.type === 'stop' && --worker.stages === 0) worker.thread.unref();
        worker.thread.postMessage(m, m.type === 'buffers' ? m.buffers : []);
        worker.bell.ring();
      },
      onDeath: (f) => {
        if (worker.death) {
          f(worker.death);
          return () => undefined;
        }
        worker.onDeath.add(f);
        return () => worker.onDeath.delete(f);
      },
      onMessage: (f) => {
        worker.onMessage.add(f);
        return () => worker.onMessage.delete(f);
      },
    };
  }

  /**
   * Stops thread `index` at once, as a crash would (its stages fail); for fault tests, and for
   * a caller that must get rid of a thread that hangs.
   */
  async kill(index: number): Promise<void> {
    await this.workers[index]?.thread.terminate();
  }

  /** Stops every thread; resolves once they have exited. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.workers.filter((w) => !w.death);
    this.workers = [];
    await Promise.all(running.map((w) => w.thread.terminate()));
  }

  private spawn(index: number): PoolWorker {
    const bell = Doorbell.create();
    const thread = new Worker(compiledEntry('runtime/workers/worker-main.js'), { workerData: { bell: bell.cell.buffer }, name: `laminar-worker-${index}` });
    // An idle worker waits on its doorbell: it must not keep the process alive.
    thread.unref();
    const w: PoolWorker = { thread, bell, death: null, stages: 0, onDeath: new Set(), onMessage: new Set() };
    thread.on('message', (m: StageState) => {
      for (const f of w.onMessage) f(m);
    });
    const die = (why: string) => {
      if (w.death) return;
      w.death = new LaminarError('QUERY_FAILED', `worker thread ${index} stopped: ${why}`);
      for (const f of w.onDeath) f(w.death);
      w.onDeath.clear();
    };
    thread.on('error', (e) => die(e.message));
    thread.on('exit', (code) => die(this.closed ? 'the session closed' : `it exited with code ${code}`));
    return w;
  }
}
