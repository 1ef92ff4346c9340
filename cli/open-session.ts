import { open, type Session } from '../engine/index.js';
import type { CliIo } from './run.js';

/**
 * The session of `laminar run` and `laminar repl`: durable when --session DIR is given
 * (resumed from DIR when it holds one; what recovery had to say goes to standard error).
 */
export async function openSession(args: { readonly workers: number | undefined; readonly session: string | undefined }, io: CliIo): Promise<Session> {
  const session = await open({ ...(args.workers !== undefined ? { workers: args.workers } : {}), ...(args.session !== undefined ? { dir: args.session } : {}) });
  const recovery = session.recovery;
  if (recovery && recovery.records > 0) {
    for (const w of recovery.warnings) await io.stderr.write(`laminar: warning: ${w}\n`);
    await io.stderr.write(`laminar: resumed session '${args.session}' (${recovery.checkpoint === null ? 'no checkpoint yet' : `checkpoint ${recovery.checkpoint}`}, ${recovery.records} log records)\n`);
  }
  return session;
}
