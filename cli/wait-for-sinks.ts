import { setTimeout as sleep } from 'node:timers/promises';
import { LaminarError, type Session } from '../engine/index.js';
import type { Output } from './output.js';
import type { Stop } from './stop.js';

const POLL_MS = 50;

/**
 * After the last statement, sinks may still be writing: a sink over a file source is done
 * only when the file is read. Closing the session at once would cut their output short, so
 * `laminar run` waits until no sink is running. A sink reading an unbounded source (or a
 * table, which the engine keeps following) never finishes: it runs until Ctrl-C, as a
 * streaming job should.
 *
 * The Session API has no way to await its queries, so this polls `SHOW SINKS`.
 */
export async function waitForSinks(session: Session, stop: Stop, stderr: Output): Promise<void> {
  let announced = false;
  while (!stop.signal.aborted) {
    const running = await sinksRunning(session);
    if (running.length === 0) return;
    if (!announced) {
      announced = true;
      const names = running.join(', ');
      await stderr.writeLines([`waiting for ${running.length === 1 ? 'sink' : 'sinks'} ${names} to finish (Ctrl-C stops ${running.length === 1 ? 'it' : 'them'})`]);
    }
    await Promise.race([sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined), stop.requested]);
  }
}

/** Names of the sinks still running; throws the error of a sink that failed. */
async function sinksRunning(session: Session): Promise<string[]> {
  const [result] = await session.execute('SHOW SINKS');
  if (result?.kind !== 'table') throw new Error('SHOW SINKS did not return a table');
  const running: string[] = [];
  for (const sink of result.table.objects()) {
    const name = String(sink.name);
    if (sink.status === 'running') running.push(name);
    if (sink.status === 'failed') {
      const query = session.queries().find((q) => q.label === name && q.status === 'failed');
      throw query?.error ?? new LaminarError('QUERY_FAILED', `sink ${name} failed`);
    }
  }
  return running;
}
