import { mkdtemp, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Wal } from '../../engine/storage/wal.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const texts = (rs: Uint8Array[]) => rs.map((r) => new TextDecoder().decode(r));

async function walWith(records: string[]): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'laminar-wal-')), 'wal.log');
  const { wal } = await Wal.open(path, 'always');
  for (const r of records) await wal.append(bytes(r));
  await wal.close();
  return path;
}

describe('write-ahead log', () => {
  it('replays every record in order', async () => {
    const path = await walWith(['one', 'two', '', 'three']);
    const { wal, records, warning } = await Wal.open(path, 'always');
    expect(texts(records)).toEqual(['one', 'two', '', 'three']);
    expect(warning).toBeNull();
    expect(wal.bytes).toBe(4 * 8 + 11);
    await wal.close();
  });

  it('cuts a torn last record off, says so, and appends after the cut', async () => {
    const path = await walWith(['alpha', 'beta']);
    await truncate(path, 8 + 5 + 8 + 2);
    const first = await Wal.open(path, 'always');
    expect(texts(first.records)).toEqual(['alpha']);
    expect(first.warning).toBe(`write-ahead log '${path}': the record at byte 13 is cut off (2 of 4 bytes); 10 bytes from there on were discarded (1 records kept)`);
    expect((await stat(path)).size).toBe(13);
    await first.wal.append(bytes('gamma'));
    await first.wal.close();
    const second = await Wal.open(path, 'always');
    expect(texts(second.records)).toEqual(['alpha', 'gamma']);
    expect(second.warning).toBeNull();
    await second.wal.close();
  });

  it('cuts a cut-off record header', async () => {
    const path = await walWith(['alpha', 'beta']);
    await truncate(path, 8 + 5 + 3);
    const { wal, records, warning } = await Wal.open(path, 'never');
    expect(texts(records)).toEqual(['alpha']);
    expect(warning).toBe(`write-ahead log '${path}': a record header at byte 13 is cut off; 3 bytes from there on were discarded (1 records kept)`);
    await wal.close();
  });

  it('stops at a record with a flipped byte and reports what it discarded', async () => {
    const path = await walWith(['alpha', 'beta', 'gamma']);
    const b = await readFile(path);
    b[8 + 5 + 8 + 1] = b[8 + 5 + 8 + 1]! ^ 0x01;
    await writeFile(path, b);
    const { wal, records, warning } = await Wal.open(path, 'always');
    expect(texts(records)).toEqual(['alpha']);
    expect(warning).toBe(`write-ahead log '${path}': the record at byte 13 fails its checksum; 25 bytes from there on were discarded (1 records kept)`);
    await wal.close();
  });
});
