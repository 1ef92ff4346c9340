import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LaminarError } from '../errors/laminar-error.js';

/** Writes `data` to a new file and waits until it is on disk. */
export async function writeDurable(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a directory's entries (files created, renamed or removed in it) durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (e) {
    // Some file systems cannot sync a directory; their renames are then as durable as they get.
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL' && (e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` atomically: the data goes to a temporary file beside it, which is synced,
 * renamed over `path`, and the directory synced. A crash leaves the old file or the new one.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    await writeDurable(temp, data);
    await rename(temp, path);
    await syncDir(dirname(path));
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new LaminarError('IO_ERROR', `cannot write '${path}': ${(e as Error).message}`, { cause: e });
  }
}
