import { LaminarError, type Session } from '../engine/index.js';
import type { Output } from './output.js';
import type { Stop } from './stop.js';

/**
 * After the last statement, sinks may still be writing: a sink over a file source is done
 * only when the file is read. Closing the session at once would cut their output short, so
 * `laminar run` waits until every sink has stopped or caught up with its inputs (a sink over a
 * table has written the table). A sink reading an unbounded source never catches up: it runs
 * until Ctrl-C, as a streaming job should.
 */
export async function waitForSinks(session: Session, stop: Stop, stderr: Output): Promise<void> {
  const sinks = session.queries().filter((q) => q.kind === 'sink' && q.status === 'running');
  if (sinks.length > 0) {
    const names = sinks.map((q) => q.label).join(', ');
    await stderr.writeLines([`waiting for ${sinks.length === 1 ? 'sink' : 'sinks'} ${names} to finish (Ctrl-C stops ${sinks.length === 1 ? 'it' : 'them'})`]);
    await Promise.race([session.waitIdle(sinks.map((q) => q.id)), stop.requested]);
  }
  const failed = session.queries().find((q) => q.kind === 'sink' && q.status === 'failed');
  if (failed) throw failed.error ?? new LaminarError('QUERY_FAILED', `sink ${failed.label} failed`);
}
