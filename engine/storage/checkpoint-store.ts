import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LaminarError } from '../errors/laminar-error.js';
import { syncDir, writeDurable } from './atomic-file.js';
import { crc32c } from './crc32c.js';
import { decodeManifest, encodeManifest, newManifest, type Manifest } from './manifest.js';

export const MANIFEST = 'MANIFEST';

/** A checkpoint read back: its id, its verified files and its metadata. */
export interface LoadedCheckpoint {
  readonly id: number;
  readonly manifest: Manifest;
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Newer checkpoints that were damaged and skipped, each naming the checkpoint and why. */
  readonly warnings: readonly string[];
}

const NAME = /^\d{8}$/;

export function checkpointName(id: number): string {
  return String(id).padStart(8, '0');
}

/**
 * The checkpoints of a session directory, each a directory `checkpoints/<id>/` of files and a
 * MANIFEST with their sizes and CRC-32Cs. A checkpoint is written into a temporary directory,
 * every file synced, the manifest written last, then the directory renamed into place and its
 * parent synced: a crash leaves either a complete checkpoint or none. The newest `keep` stay.
 */
export class CheckpointStore {
  readonly root: string;

  constructor(
    dir: string,
    private readonly keep = 3,
  ) {
    this.root = join(dir, 'checkpoints');
  }

  /** Writes checkpoint `id` and drops the ones older than the newest `keep`. */
  async write(id: number, files: ReadonlyMap<string, Uint8Array>, meta: unknown): Promise<void> {
    const final = join(this.root, checkpointName(id));
    const temp = `${final}.tmp`;
    try {
      await mkdir(this.root, { recursive: true });
      await rm(temp, { recursive: true, force: true });
      await mkdir(temp);
      for (const [name, data] of files) await writeDurable(join(temp, name), data);
      await writeDurable(join(temp, MANIFEST), encodeManifest(newManifest(id, files, meta)));
      await syncDir(temp);
      await rename(temp, final);
      await syncDir(this.root);
    } catch (e) {
      throw new LaminarError('IO_ERROR', `cannot write checkpoint ${checkpointName(id)} in '${this.root}': ${(e as Error).message}`, { cause: e });
    }
    const ids = await this.ids();
    for (const old of ids.slice(this.keep)) await rm(join(this.root, checkpointName(old)), { recursive: true, force: true });
  }

  /** Checkpoint ids on disk, newest first (leftover temporary directories are removed). */
  async ids(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    for (const n of names) if (n.endsWith('.tmp')) await rm(join(this.root, n), { recursive: true, force: true });
    return names.filter((n) => NAME.test(n)).map(Number).sort((a, b) => b - a);
  }

  /**
   * The newest checkpoint whose manifest and files pass their checksums; older ones are tried
   * when newer ones are damaged (each skip is a warning). Null when there is none at all;
   * CHECKPOINT_CORRUPT when every one is damaged; CHECKPOINT_VERSION for another format.
   */
  async loadLatest(): Promise<LoadedCheckpoint | null> {
    const ids = await this.ids();
    const warnings: string[] = [];
    for (const id of ids) {
      const name = checkpointName(id);
      const checked = await this.verify(id);
      if (typeof checked === 'string') {
        warnings.push(`checkpoint ${name} is damaged (${checked}) and was skipped`);
        continue;
      }
      return { id, manifest: checked.manifest, files: checked.files, warnings };
    }
    if (ids.length > 0) {
      throw new LaminarError('CHECKPOINT_CORRUPT', `every checkpoint in '${this.root}' is damaged: ${warnings.join('; ')}`, {
        hint: 'restore the directory from a backup, or start a new session directory',
      });
    }
    return null;
  }

  private async verify(id: number): Promise<{ manifest: Manifest; files: Map<string, Uint8Array> } | string> {
    const dir = join(this.root, checkpointName(id));
    let text: string;
    try {
      text = await readFile(join(dir, MANIFEST), 'utf8');
    } catch (e) {
      return `its manifest cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
    const manifest = decodeManifest(text, `checkpoint ${checkpointName(id)} in '${this.root}'`);
    if (typeof manifest === 'string') return manifest;
    if (manifest.id !== id) return `its manifest names checkpoint ${manifest.id}`;
    const files = new Map<string, Uint8Array>();
    for (const [name, expected] of Object.entries(manifest.files)) {
      let data: Uint8Array;
      try {
        data = await readFile(join(dir, name));
      } catch {
        return `file ${name} is missing`;
      }
      if (data.length !== expected.bytes) return `file ${name} has ${data.length} bytes, not ${expected.bytes}`;
      if (crc32c(data) !== expected.crc32c) return `file ${name} fails its checksum`;
      files.set(name, data);
    }
    return { manifest, files };
  }
}
