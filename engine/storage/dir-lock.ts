import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LaminarError } from '../errors/laminar-error.js';

const LOCK = 'LOCK';

/**
 * Claims a session directory for this process: a `LOCK` file holding the process id and host,
 * created exclusively. Two processes appending to one log would interleave their records, so a
 * directory another live process holds is refused (SESSION_IN_USE); a lock left by a process
 * that died (a crash, `kill -9`) is taken over. A lock from another host, or a reused process
 * id, cannot be told from a live one: the message says how to remove it.
 */
export async function lockDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK);
  const mine = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new LaminarError('IO_ERROR', `cannot lock session directory '${dir}': ${(e as Error).message}`, { cause: e });
    }
    const holder = await readFile(path, 'utf8').catch(() => '');
    const [pid, host] = holder.trim().split(' ');
    // This process already holds it (a session reopened in the same process, as tests crash one).
    if (holder === mine) return () => rm(path, { force: true });
    if (host === hostname() && !alive(Number(pid))) {
      await rm(path, { force: true });
      continue;
    }
    throw new LaminarError('SESSION_IN_USE', `session directory '${dir}' is in use by process ${pid ?? '?'} on ${host ?? '?'}`, {
      hint: `close that session first; if that process is gone, remove '${path}'`,
    });
  }
  throw new LaminarError('SESSION_IN_USE', `session directory '${dir}' is being locked by another process`, { hint: 'try again' });
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
