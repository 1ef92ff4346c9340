import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { open, type Session } from '../../engine/index.js';
import { encodeEntry } from '../../engine/session/durable/journal.js';
import { CHECKPOINT_FORMAT_VERSION, decodeManifest, encodeManifest } from '../../engine/storage/manifest.js';
import { Wal } from '../../engine/storage/wal.js';
import { viewRows } from './view-rows.js';

const opened: Session[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function session(dir: string): Promise<Session> {
  const s = await open({ dir, workers: 1, checkpointInterval: 0 });
  opened.push(s);
  return s;
}

/** A session that is never closed: what a crash leaves (no final checkpoint). */
async function crashed(dir: string): Promise<Session> {
  return open({ dir, workers: 1, checkpointInterval: 0 });
}

async function flipByte(path: string, at: number): Promise<void> {
  const b = await readFile(path);
  b[at] = b[at]! ^ 0x10;
  await writeFile(path, b);
}

const SETUP = (out: string) => `
  CREATE SOURCE p (k VARCHAR, v INT);
  CREATE MATERIALIZED VIEW totals AS SELECT k, sum(v) AS s FROM p GROUP BY k;
  CREATE SINK big INTO FILE (path = '${out}', format = 'csv') AS SELECT k, v FROM p WHERE v >= 10;`;

describe('durable session: damaged checkpoints', () => {
  it('falls back to the previous checkpoint when the newest has a flipped byte, and loses nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-corrupt-'));
    const out = join(dir, 'big.csv');
    const a = await session(dir);
    await a.execute(SETUP(out));
    await a.push('p', [['x', 10], ['y', 1]]);
    await a.execute('CHECKPOINT');
    await a.push('p', [['x', 20], ['z', 30]]);
    await a.close(); // checkpoint 00000002
    opened.splice(0);
    await flipByte(join(dir, 'checkpoints', '00000002', 'state'), 40);

    const b = await session(dir);
    expect(b.recovery).toEqual({
      checkpoint: '00000001',
      warnings: ['checkpoint 00000002 is damaged (file state fails its checksum) and was skipped', 'recovered from checkpoint 00000001'],
      records: 5,
    });
    expect(await viewRows(b, 'totals')).toEqual([['x', 30], ['y', 1], ['z', 30]]);
    await b.execute('CHECKPOINT');
    expect(await readFile(out, 'utf8')).toBe('k,v\nx,10\nx,20\nz,30\n');
  });

  it('falls back when the newest checkpoint is truncated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-corrupt-'));
    const out = join(dir, 'big.csv');
    const a = await session(dir);
    await a.execute(SETUP(out));
    await a.push('p', [['x', 10]]);
    await a.execute('CHECKPOINT');
    await a.push('p', [['x', 11]]);
    await a.close();
    opened.splice(0);
    const state = join(dir, 'checkpoints', '00000002', 'state');
    await truncate(state, (await stat(state)).size - 7);

    const b = await session(dir);
    expect(b.recovery?.warnings[0]).toMatch(/^checkpoint 00000002 is damaged \(file state has \d+ bytes, not \d+\) and was skipped$/);
    expect(b.recovery?.checkpoint).toBe('00000001');
    expect(await viewRows(b, 'totals')).toEqual([['x', 21]]);
    await b.execute('CHECKPOINT');
    expect(await readFile(out, 'utf8')).toBe('k,v\nx,10\nx,11\n');
  });

  it('refuses a checkpoint of another format version with a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-corrupt-'));
    const a = await session(dir);
    await a.execute(`CREATE SOURCE p (k VARCHAR)`);
    await a.close();
    opened.splice(0);
    const path = join(dir, 'checkpoints', '00000001', 'MANIFEST');
    const m = decodeManifest(await readFile(path, 'utf8'), 'test');
    if (typeof m === 'string') throw new Error(m);
    await writeFile(path, encodeManifest({ ...m, version: 7 }));
    await expect(open({ dir, checkpointInterval: 0 })).rejects.toMatchObject({
      code: 'CHECKPOINT_VERSION',
      message: `checkpoint 00000001 in '${join(dir, 'checkpoints')}' has checkpoint format version 7; this LaminarDB reads version ${CHECKPOINT_FORMAT_VERSION}`,
    });
  });
});

describe('durable session: damaged write-ahead log', () => {
  async function afterCrash(damage: (wal: string, lastRecordAt: number) => Promise<void>): Promise<{ s: Session; out: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-wal-'));
    const out = join(dir, 'big.csv');
    const a = await crashed(dir);
    await a.execute(SETUP(out));
    await a.push('p', [['x', 10]]);
    await a.execute('CHECKPOINT');
    const wal = join(dir, 'wal.log');
    const before = (await stat(wal)).size;
    await a.push('p', [['x', 12], ['y', 13]]);
    // The process dies here: no close, no checkpoint after the second push.
    await damage(wal, before);
    const s = await session(dir);
    return { s, out };
  }

  it('cuts a torn last record, keeps everything before it, and says so', async () => {
    const { s, out } = await afterCrash(async (wal) => truncate(wal, (await stat(wal)).size - 3));
    expect(s.recovery?.checkpoint).toBe('00000001');
    expect(s.recovery?.warnings).toHaveLength(1);
    expect(s.recovery?.warnings[0]).toMatch(/^write-ahead log '.*wal\.log': the record at byte \d+ is cut off \(\d+ of \d+ bytes\); \d+ bytes from there on were discarded \(4 records kept\)$/);
    expect(await viewRows(s, 'totals')).toEqual([['x', 10]]);
    await s.push('p', [['y', 14]]);
    await s.execute('CHECKPOINT');
    expect(await readFile(out, 'utf8')).toBe('k,v\nx,10\ny,14\n');
  });

  it('stops at a record with a flipped byte', async () => {
    const { s } = await afterCrash(async (wal, at) => flipByte(wal, at + 20));
    expect(s.recovery?.warnings[0]).toMatch(/^write-ahead log '.*wal\.log': the record at byte \d+ fails its checksum; \d+ bytes from there on were discarded \(4 records kept\)$/);
    expect(await viewRows(s, 'totals')).toEqual([['x', 10]]);
  });

  it('replays rows pushed after the last checkpoint', async () => {
    const { s, out } = await afterCrash(() => Promise.resolve());
    expect(s.recovery).toEqual({ checkpoint: '00000001', warnings: [], records: 5 });
    expect(await viewRows(s, 'totals')).toEqual([['x', 22], ['y', 13]]);
    await s.execute('CHECKPOINT');
    expect(await readFile(out, 'utf8')).toBe('k,v\nx,10\nx,12\ny,13\n');
  });
});

/** A new session directory with a source `p`, a view `totals` over it, and one row (x, 1). */
async function totalsSession(prefix: string): Promise<{ dir: string; s: Session }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const s = await session(dir);
  await s.execute('CREATE SOURCE p (k VARCHAR, v INT); CREATE MATERIALIZED VIEW totals AS SELECT k, sum(v) AS s FROM p GROUP BY k');
  await s.push('p', [['x', 1]]);
  return { dir, s };
}

/** Closes a session this test opened (it checkpoints first) before the directory is reopened. */
async function closeNow(s: Session): Promise<void> {
  await s.close();
  opened.splice(opened.indexOf(s), 1);
}

describe('durable session: a checkpoint that cannot be written', () => {
  it('fails with IO_ERROR naming the checkpoint, keeps the queries running, and the next one succeeds', async () => {
    const { dir, s } = await totalsSession('laminar-unwritable-');
    // A file where the checkpoints' directory should be: the writer's thread cannot create it.
    await writeFile(join(dir, 'checkpoints'), 'in the way');
    await expect(s.execute('CHECKPOINT')).rejects.toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/^cannot write checkpoint 00000001 in '.*checkpoints': EEXIST/) });
    await s.push('p', [['x', 2]]);
    expect(await viewRows(s, 'totals')).toEqual([['x', 3]]);
    await rm(join(dir, 'checkpoints'));
    await s.execute('CHECKPOINT');
    await closeNow(s);
    const again = await session(dir);
    expect(again.recovery).toMatchObject({ checkpoint: '00000003', warnings: [] });
    expect(await viewRows(again, 'totals')).toEqual([['x', 3]]);
  });
});

describe('durable session: a log that cannot be replayed', () => {
  it('fails to open with the record and its error, writes no checkpoint over the good ones, and unlocks', async () => {
    const { dir, s } = await totalsSession('laminar-replay-fails-');
    await closeNow(s);
    // A record that passes its checksum but whose statement no longer runs.
    const { wal } = await Wal.open(join(dir, 'wal.log'), 'always');
    await wal.append(encodeEntry({ t: 'ddl', sql: 'CREATE MATERIALIZED VIEW broken AS SELECT nope FROM p' }));
    await wal.close();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(open({ dir, workers: 1, checkpointInterval: 0 })).rejects.toMatchObject({
        code: 'UNKNOWN_COLUMN',
        message: expect.stringMatching(/^replaying record 4 of the write-ahead log of '.*' \(CREATE MATERIALIZED VIEW broken AS SELECT nope FROM p\): /),
      });
    }
    expect(await readdir(join(dir, 'checkpoints'))).toEqual(['00000001']);
  });
});

describe('durable session: one process per directory', () => {
  it('refuses a directory another live process holds (SESSION_IN_USE), and takes over the lock of one that died', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'laminar-locked-'));
    const engine = join(import.meta.dirname, '..', '..', 'dist', 'engine', 'index.js');
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `const { open } = await import(${JSON.stringify(engine)}); await open({ dir: ${JSON.stringify(dir)}, workers: 1 }); console.log('ready'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`the holding process exited with ${code}`)));
      });
      await expect(open({ dir, workers: 1 })).rejects.toMatchObject({
        code: 'SESSION_IN_USE',
        message: `session directory '${dir}' is in use by process ${holder.pid} on ${hostname()}`,
      });
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // Its process died without closing: the lock it left is taken over.
    const s = await session(dir);
    expect(s.recovery).toMatchObject({ warnings: [] });
    await closeNow(s);
    await expect(readFile(join(dir, 'LOCK'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('durable session: what it refuses', () => {
  it('CHECKPOINT needs a session directory', async () => {
    const s = await open({ workers: 1 });
    opened.push(s);
    await expect(s.execute('CHECKPOINT')).rejects.toMatchObject({ code: 'NOT_DURABLE', message: 'CHECKPOINT needs a session opened on a directory' });
  });
});
