import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LaminarError, open, type Session } from '../../engine/index.js';
import type { CellContext, KernelState } from '../handler/context.js';
import { splitWords } from './chart-args.js';

const USAGE = 'usage: %session [DIR | --temp | --reopen]';

/**
 * `%session`: shows the kernel's session, or replaces it with a durable one. `%session DIR`
 * opens DIR (new, or resumed from its last checkpoint); `--temp` opens a new temporary
 * directory (removed when the session is replaced or the kernel shuts down); `--reopen`
 * closes the durable session and opens its directory again, as a kernel restart would. The
 * session replaced is closed, its live displays stopped.
 */
export async function sessionMagic(args: string, cell: CellContext): Promise<void> {
  const words = splitWords(args);
  if (words.length > 1) throw new LaminarError('INVALID_OPTION', '%session takes one directory, --temp or --reopen', { hint: USAGE });
  const kernel = cell.kernel;
  const [what] = words;
  if (what === undefined) {
    cell.output.stream('stdout', describe(kernel) + '\n');
    return;
  }
  const current = kernel.session.dir;
  // The session's own directory again (however it is spelled) is a reopen: two sessions must not share one.
  if (what === '--reopen' || (current !== null && !what.startsWith('--') && resolve(what) === resolve(current))) {
    const dir = current;
    if (dir === null) throw new LaminarError('NOT_DURABLE', 'the kernel\'s session has no directory to reopen', { hint: '%session DIR or %session --temp makes it durable' });
    await kernel.displays.stopAll();
    await kernel.session.close();
    try {
      kernel.session = await open({ dir });
    } catch (e) {
      // The kernel keeps a session: one in memory, until DIR can be opened again.
      kernel.session = await open();
      throw e;
    }
  } else if (what.startsWith('--') && what !== '--temp') {
    throw new LaminarError('INVALID_OPTION', `unknown option ${what}`, { hint: USAGE });
  } else {
    const temporary = what === '--temp' ? await mkdtemp(join(tmpdir(), 'laminar-session-')) : null;
    // Opened before the old one closes: if DIR cannot be opened, nothing changes.
    let next: Session;
    try {
      next = await open({ dir: temporary ?? resolve(what) });
    } catch (e) {
      if (temporary) await rm(temporary, { recursive: true, force: true });
      throw e;
    }
    await kernel.displays.stopAll();
    await kernel.session.close();
    await removeTemporaryDir(kernel);
    kernel.session = next;
    kernel.temporaryDir = temporary;
  }
  for (const w of kernel.session.recovery?.warnings ?? []) cell.output.stream('stderr', `${w}\n`);
  cell.output.stream('stdout', describe(kernel) + '\n');
}

/** Removes the directory %session --temp made, once its session is closed. */
export async function removeTemporaryDir(kernel: KernelState): Promise<void> {
  const dir = kernel.temporaryDir;
  if (dir === null) return;
  kernel.temporaryDir = null;
  await rm(dir, { recursive: true, force: true });
}

/** One line on the session: where it lives and what it resumed from (a temporary directory unnamed, so notebooks replay the same). */
function describe(kernel: KernelState): string {
  const { session } = kernel;
  const dir = session.dir;
  if (dir === null) return 'session in memory (%session DIR or %session --temp makes it durable)';
  const where = dir === kernel.temporaryDir ? 'a temporary directory' : `'${dir}'`;
  const r = session.recovery;
  const from = r?.checkpoint ? `resumed from checkpoint ${r.checkpoint}, ${r.records} log record${r.records === 1 ? '' : 's'} replayed` : r && r.records > 0 ? `resumed from its log, ${r.records} record${r.records === 1 ? '' : 's'} replayed` : 'new';
  return `durable session in ${where}: ${from}`;
}
