import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/cli-process.js';
import { copyTo, editNotebook, laminarTest, NOTEBOOKS } from './laminar-test.js';

function clearOutputs(path: string): void {
  editNotebook(path, (cells) => {
    for (const c of cells) if (c.cell_type === 'code') Object.assign(c, { outputs: [], execution_count: null });
  });
}

const notebooks = readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort();
/** Each notebook's code cells: how many run, how many are skipped. */
const counts = notebooks.map((f) => {
  const cells = (JSON.parse(readFileSync(join(NOTEBOOKS, f), 'utf8')) as { cells: { cell_type: string; metadata: { tags?: string[] } }[] }).cells.filter((c) => c.cell_type === 'code');
  const skipped = cells.filter((c) => c.metadata.tags?.includes('skip-execution')).length;
  return { name: f, run: cells.length - skipped, skipped };
});
const total = (key: 'run' | 'skipped'): number => counts.reduce((n, c) => n + c[key], 0);

beforeAll(() => assertBuilt());

describe('every notebook in notebooks/ replays with the outputs saved in it', () => {
  it('has the tutorials', () => {
    expect(notebooks).toEqual(['changelogs-and-views.ipynb', 'durable-sessions.ipynb', 'getting-started.ipynb', 'joins.ipynb', 'live-charts.ipynb', 'nexmark.ipynb', 'streaming-sql.ipynb', 'windows-and-watermarks.ipynb']);
  });

  it.each(['kernel', 'in-process'])('--via %s', async (via) => {
    const r = await laminarTest(['--via', via], join(NOTEBOOKS, '..'));
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual([
      ...counts.map((c) => `PASS notebooks/${c.name} (${c.run} passed, 0 failed, ${c.skipped} skipped)`),
      `notebooks: ${notebooks.length} passed, 0 failed · cells: ${total('run')} passed, 0 failed, ${total('skipped')} skipped`,
    ]);
    expect(r.code).toBe(0);
  }, 240_000);
});

describe('both replay modes agree', () => {
  let kernel: ReturnType<typeof copyTo>;
  let inProcess: ReturnType<typeof copyTo>;
  beforeAll(async () => {
    kernel = copyTo(NOTEBOOKS, 'notebooks');
    inProcess = copyTo(NOTEBOOKS, 'notebooks');
    // Recorded afresh by each mode (outputs cleared first), the notebooks must come out the same.
    for (const copy of [kernel, inProcess]) for (const name of notebooks) clearOutputs(join(copy.path, name));
    expect((await laminarTest(['--update', '--via', 'kernel'], kernel.dir)).code).toBe(0);
    expect((await laminarTest(['--update', '--via', 'in-process'], inProcess.dir)).code).toBe(0);
  }, 240_000);
  afterAll(() => {
    kernel.cleanup();
    inProcess.cleanup();
  });

  // Only the events per second of stopped live displays and what notebooks sanitize differ
  // between runs, and the outputs of cells tagged nbval-ignore-output; everything else,
  // Arrow bytes and SVG charts included, is identical.
  const compared = (path: string): string => {
    const nb = JSON.parse(readFileSync(path, 'utf8')) as { metadata: { laminar?: { sanitizers?: { regex: string; replacement: string }[] } }; cells: { metadata: { tags?: string[] }; outputs?: unknown[] }[] };
    for (const c of nb.cells) if (c.metadata.tags?.includes('nbval-ignore-output')) c.outputs = [];
    // The notebook's own sanitizers hide what it says varies (durations, sizes).
    const sanitizers = nb.metadata.laminar?.sanitizers ?? [];
    let text = JSON.stringify(nb, null, 1).replace(/[0-9.,]+[KM]? events\/s/g, 'N events/s');
    for (const s of sanitizers) text = text.replace(new RegExp(s.regex, 'g'), s.replacement);
    return text;
  };

  it.each(notebooks)('%s', (name) => {
    expect(compared(join(inProcess.path, name))).toBe(compared(join(kernel.path, name)));
  });
});
