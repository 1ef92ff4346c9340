import { open, type FileHandle } from 'node:fs/promises';
import { LaminarError } from '../errors/laminar-error.js';
import { crc32c } from './crc32c.js';

/**
 * When appends reach the disk. 'always': each append is synced before it resolves, so a row
 * push() or INSERT acknowledged survives a crash of the process or the machine. 'never': the
 * operating system writes when it likes (a process crash loses nothing, a power cut may lose
 * the last appends); checkpoints are synced either way.
 */
export type WalSync = 'always' | 'never';

/** Bytes before each record's payload: its length and its CRC-32C, little-endian u32s. */
const RECORD_HEADER = 8;

export interface WalContents {
  readonly records: Uint8Array[];
  /** Bytes of whole, valid records from the start. */
  readonly validBytes: number;
  /** Why reading stopped before the end of the file, or null when it did not. */
  readonly damage: string | null;
}

/** Reads records until the end or the first one that is cut off or fails its checksum. */
export function readWalBytes(bytes: Uint8Array): WalContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + RECORD_HEADER > bytes.length) return { records, validBytes: at, damage: `a record header at byte ${at} is cut off` };
    const length = view.getUint32(at, true);
    const crc = view.getUint32(at + 4, true);
    const end = at + RECORD_HEADER + length;
    if (end > bytes.length) return { records, validBytes: at, damage: `the record at byte ${at} is cut off (${bytes.length - at - RECORD_HEADER} of ${length} bytes)` };
    const payload = bytes.subarray(at + RECORD_HEADER, end);
    if (crc32c(payload) !== crc) return { records, validBytes: at, damage: `the record at byte ${at} fails its checksum` };
    records.push(payload);
    at = end;
  }
  return { records, validBytes: at, damage: null };
}

/**
 * A write-ahead log: length-prefixed records, each with its CRC-32C, appended in order. On
 * open, a damaged tail (a torn last write, or bytes that fail their checksum) is cut off and
 * reported; the records before it are returned for replay.
 */
export class Wal {
  private chain: Promise<void> = Promise.resolve();
  private size: number;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly sync: WalSync,
    size: number,
  ) {
    this.size = size;
  }

  /** Opens (or creates) the log; returns it with the records to replay and a warning if a tail was cut. */
  static async open(path: string, sync: WalSync): Promise<{ wal: Wal; records: Uint8Array[]; warning: string | null }> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'a+');
    } catch (e) {
      throw new LaminarError('IO_ERROR', `cannot open the write-ahead log '${path}': ${(e as Error).message}`, { cause: e });
    }
    const bytes = await handle.readFile();
    const contents = readWalBytes(bytes);
    let warning: string | null = null;
    if (contents.damage !== null) {
      warning = `write-ahead log '${path}': ${contents.damage}; ${bytes.length - contents.validBytes} bytes from there on were discarded (${contents.records.length} records kept)`;
      await handle.truncate(contents.validBytes);
      await handle.sync();
    }
    return { wal: new Wal(handle, path, sync, contents.validBytes), records: contents.records, warning };
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends a record; resolves once it is written (and synced, under 'always'). */
  append(payload: Uint8Array): Promise<void> {
    const record = new Uint8Array(RECORD_HEADER + payload.length);
    const view = new DataView(record.buffer);
    view.setUint32(0, payload.length, true);
    view.setUint32(4, crc32c(payload), true);
    record.set(payload, RECORD_HEADER);
    const done = this.chain.then(async () => {
      await this.handle.write(record);
      if (this.sync === 'always') await this.handle.datasync();
      this.size += record.length;
    });
    this.chain = done.catch(() => undefined);
    return done.catch((e: unknown) => {
      throw new LaminarError('IO_ERROR', `cannot append to the write-ahead log '${this.path}': ${(e as Error).message}`, { cause: e });
    });
  }

  /** Waits for pending appends, then closes the file. */
  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}
