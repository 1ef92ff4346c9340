import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, 'crash-child.mjs');
const TRIALS = 20;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs the child; kills it after `killAfterMs` unless it is done first. */
function runChild(dir: string, out: string, workers: number, killAfterMs: number | null): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, out, String(workers), '15'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** A small seeded generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

async function outputs(out: string): Promise<[string, string, string]> {
  const read = (p: string) => readFile(p, 'utf8').catch(() => '');
  return [await read(`${out}-totals.csv`), await read(`${out}-windows.jsonl`), await read(`${out}-rare.csv`)];
}

describe.each([1, 2])('crash test with %i worker(s)', (workers) => {
  it(`survives ${TRIALS} SIGKILLs at random moments with exactly the output of an uninterrupted run`, async () => {
    const base = await mkdtemp(join(tmpdir(), 'laminar-crash-'));
    const t0 = performance.now();
    const clean = await runChild(join(base, 'clean'), join(base, 'clean'), workers, null);
    // Kills land anywhere from startup to near the end of an uninterrupted run.
    const span = performance.now() - t0;
    expect(clean).toEqual({ code: 0, signal: null, stderr: '' });
    const [totals, windows, rare] = await outputs(join(base, 'clean'));
    expect(totals.split('\n').length).toBeGreaterThan(1000);
    expect(windows.split('\n').length).toBeGreaterThan(1000);
    expect(rare.split('\n').length).toBeGreaterThan(1000);

    const seed = Date.now() % 100000;
    const next = random(seed);
    // Episodes: a fresh directory, killed and resumed until a run gets to the end; until the kills are done.
    let kills = 0;
    let midRun = 0;
    for (let episode = 0; kills < TRIALS; episode++) {
      const dir = join(base, `crashed-${episode}`);
      const out = dir;
      for (;;) {
        const exit = await runChild(dir, out, workers, Math.floor((0.05 + 0.6 * next()) * span));
        if (exit.signal !== 'SIGKILL') {
          expect(exit, `seed ${seed}`).toEqual({ code: 0, signal: null, stderr: '' });
          break;
        }
        kills++;
        // What is visible after a crash is always a prefix of the uninterrupted output.
        const [t, w, r] = await outputs(out);
        expect(totals.startsWith(t), `seed ${seed}, kill ${kills}: totals is not a prefix`).toBe(true);
        expect(windows.startsWith(w), `seed ${seed}, kill ${kills}: windows is not a prefix`).toBe(true);
        expect(rare.startsWith(r), `seed ${seed}, kill ${kills}: rare is not a prefix`).toBe(true);
        if (t.length > 0 && t.length < totals.length) midRun++;
      }
      const [t, w, r] = await outputs(out);
      expect(t === totals, `seed ${seed}, episode ${episode}: totals differ`).toBe(true);
      expect(w === windows, `seed ${seed}, episode ${episode}: windows differ`).toBe(true);
      expect(r === rare, `seed ${seed}, episode ${episode}: rare differ`).toBe(true);
    }
    // Most kills hit a query part way, with committed output behind it and more to come.
    expect(midRun, `seed ${seed}`).toBeGreaterThanOrEqual(TRIALS / 4);
  }, 300_000);
});
