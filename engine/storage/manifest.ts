import { LaminarError } from '../errors/laminar-error.js';
import { crc32c } from './crc32c.js';

/**
 * The checkpoint format this build writes and reads. Bumped on any incompatible change: 2 holds
 * operator state as columns (aggregate snapshot version 2).
 */
export const CHECKPOINT_FORMAT_VERSION = 2;
const FORMAT = 'laminardb-checkpoint';

export interface ManifestFile {
  readonly bytes: number;
  readonly crc32c: number;
}

/** What a checkpoint holds: its files with their sizes and checksums, and small metadata. */
export interface Manifest {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly id: number;
  readonly createdAt: string;
  readonly files: Readonly<Record<string, ManifestFile>>;
  readonly meta: unknown;
}

const encoder = new TextEncoder();

export function newManifest(id: number, files: ReadonlyMap<string, Uint8Array>, meta: unknown): Manifest {
  const entries: Record<string, ManifestFile> = {};
  for (const [name, data] of files) entries[name] = { bytes: data.length, crc32c: crc32c(data) };
  return { format: FORMAT, version: CHECKPOINT_FORMAT_VERSION, id, createdAt: new Date().toISOString(), files: entries, meta };
}

/** The manifest's text: its JSON, then a line with the JSON's own CRC-32C. */
export function encodeManifest(m: Manifest): string {
  const json = JSON.stringify(m);
  return `${json}\ncrc32c ${crc32c(encoder.encode(json)).toString(16).padStart(8, '0')}\n`;
}

/**
 * Reads a manifest's text. Damage (a checksum that does not match, cut-off text) is a reason
 * string; a manifest of another format version throws CHECKPOINT_VERSION.
 */
export function decodeManifest(text: string, where: string): Manifest | string {
  const lines = text.split('\n');
  if (lines.length !== 3 || lines[2] !== '' || !lines[1]!.startsWith('crc32c ')) return 'the manifest is cut off or malformed';
  const json = lines[0]!;
  const expected = parseInt(lines[1]!.slice(7), 16);
  if (crc32c(encoder.encode(json)) !== expected) return 'the manifest fails its checksum';
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(json) as Partial<Manifest>;
  } catch {
    return 'the manifest is not JSON';
  }
  if (m.format !== FORMAT) return 'the manifest is not a LaminarDB checkpoint manifest';
  if (m.version !== CHECKPOINT_FORMAT_VERSION) {
    throw new LaminarError('CHECKPOINT_VERSION', `${where} has checkpoint format version ${String(m.version)}; this LaminarDB reads version ${CHECKPOINT_FORMAT_VERSION}`, {
      hint: 'open it with the LaminarDB version that wrote it, or start a new session directory',
    });
  }
  return m as Manifest;
}
