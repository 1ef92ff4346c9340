import { mkdtemp, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../engine/storage/checkpoint-store.js';
import { CHECKPOINT_FORMAT_VERSION, encodeManifest, newManifest } from '../../engine/storage/manifest.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

async function storeWith(ids: number[]): Promise<{ dir: string; store: CheckpointStore }> {
  const dir = await mkdtemp(join(tmpdir(), 'laminar-cp-'));
  const store = new CheckpointStore(dir, 3);
  for (const id of ids) await store.write(id, new Map([['state', bytes(`state of ${id}`)], ['catalog', bytes(`catalog ${id}`)]]), { n: id });
  return { dir, store };
}

async function flipByte(path: string, at: number): Promise<void> {
  const b = await readFile(path);
  b[at] = b[at]! ^ 0x40;
  await writeFile(path, b);
}

describe('checkpoint store', () => {
  it('writes checkpoints atomically, keeps the newest three, loads the newest', async () => {
    const { dir, store } = await storeWith([1, 2, 3, 4, 5]);
    expect((await readdir(join(dir, 'checkpoints'))).sort()).toEqual(['00000003', '00000004', '00000005']);
    const cp = (await store.loadLatest())!;
    expect(cp.id).toBe(5);
    expect(cp.warnings).toEqual([]);
    expect(cp.manifest.meta).toEqual({ n: 5 });
    expect(text(cp.files.get('state'))).toBe('state of 5');
    expect(text(cp.files.get('catalog'))).toBe('catalog 5');
  });

  it('is empty for a new directory', async () => {
    const { store } = await storeWith([]);
    expect(await store.loadLatest()).toBeNull();
  });

  it('falls back to the previous checkpoint when a file of the newest has a flipped byte', async () => {
    const { dir, store } = await storeWith([1, 2]);
    await flipByte(join(dir, 'checkpoints', '00000002', 'state'), 3);
    const cp = (await store.loadLatest())!;
    expect(cp.id).toBe(1);
    expect(text(cp.files.get('state'))).toBe('state of 1');
    expect(cp.warnings).toEqual(['checkpoint 00000002 is damaged (file state fails its checksum) and was skipped']);
  });

  it('falls back when a file of the newest is truncated, or its manifest is', async () => {
    const { dir, store } = await storeWith([1, 2, 3]);
    await truncate(join(dir, 'checkpoints', '00000003', 'catalog'), 4);
    const manifest = join(dir, 'checkpoints', '00000002', 'MANIFEST');
    await truncate(manifest, (await readFile(manifest)).length - 5);
    const cp = (await store.loadLatest())!;
    expect(cp.id).toBe(1);
    expect(cp.warnings).toEqual([
      'checkpoint 00000003 is damaged (file catalog has 4 bytes, not 9) and was skipped',
      'checkpoint 00000002 is damaged (the manifest is cut off or malformed) and was skipped',
    ]);
  });

  it('falls back when a byte of the newest manifest is flipped', async () => {
    const { dir, store } = await storeWith([1, 2]);
    await flipByte(join(dir, 'checkpoints', '00000002', 'MANIFEST'), 20);
    const cp = (await store.loadLatest())!;
    expect(cp.id).toBe(1);
    expect(cp.warnings).toEqual(['checkpoint 00000002 is damaged (the manifest fails its checksum) and was skipped']);
  });

  it('fails with CHECKPOINT_CORRUPT when every checkpoint is damaged', async () => {
    const { dir, store } = await storeWith([7]);
    await flipByte(join(dir, 'checkpoints', '00000007', 'state'), 0);
    await expect(store.loadLatest()).rejects.toMatchObject({
      code: 'CHECKPOINT_CORRUPT',
      message: `every checkpoint in '${join(dir, 'checkpoints')}' is damaged: checkpoint 00000007 is damaged (file state fails its checksum) and was skipped`,
    });
  });

  it('fails with CHECKPOINT_VERSION for a checkpoint of another format version', async () => {
    const { dir, store } = await storeWith([1]);
    const m = { ...newManifest(1, new Map(), null), version: 99 };
    await writeFile(join(dir, 'checkpoints', '00000001', 'MANIFEST'), encodeManifest(m));
    await expect(store.loadLatest()).rejects.toMatchObject({
      code: 'CHECKPOINT_VERSION',
      message: `checkpoint 00000001 in '${join(dir, 'checkpoints')}' has checkpoint format version 99; this LaminarDB reads version ${CHECKPOINT_FORMAT_VERSION}`,
    });
  });

  it('removes a checkpoint a crash left half written', async () => {
    const { dir, store } = await storeWith([1]);
    await writeFile(join(dir, 'checkpoints', '00000002.tmp'), 'partial');
    expect((await store.loadLatest())!.id).toBe(1);
    expect(await readdir(join(dir, 'checkpoints'))).toEqual(['00000001']);
  });
});
