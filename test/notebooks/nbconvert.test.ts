import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jupyterEnv, type JupyterEnv } from '../kernel/jupyter-env.js';
import { copyTo, laminarTest, NOTEBOOKS } from './laminar-test.js';

/**
 * Every notebook in notebooks/ runs clean under `jupyter nbconvert --execute` (nbclient, a
 * real Jupyter client) with the kernel installed as users install it; and what nbclient saves
 * is what `laminar test` expects: the executed copies pass the replay.
 */
let jupyter: JupyterEnv;
let copy: ReturnType<typeof copyTo>;
let notebooks: string[];
beforeAll(async () => {
  jupyter = await jupyterEnv();
  copy = copyTo(NOTEBOOKS, 'notebooks');
  notebooks = readdirSync(copy.path).filter((f) => f.endsWith('.ipynb')).sort();
}, 60_000);
afterAll(() => {
  copy.cleanup();
  expect(jupyter.strayKernels()).toEqual([]);
  jupyter.cleanup();
});

describe('jupyter nbconvert --execute', () => {
  it('runs every notebook without an error (cells tagged raises-exception aside)', async () => {
    const args = ['nbconvert', '--execute', '--to', 'notebook', '--inplace', '--ExecutePreprocessor.kernel_name=laminardb', '--ExecutePreprocessor.timeout=120', ...notebooks];
    // nbconvert exits non-zero when a cell fails that is not tagged raises-exception.
    const { stderr } = await promisify(execFile)('/usr/bin/jupyter', args, { cwd: copy.path, env: jupyter.env, timeout: 600_000 });
    expect(stderr.match(/Writing \d+ bytes to .*\.ipynb/g)?.length).toBe(notebooks.length);
  }, 660_000);

  it('saves the outputs that laminar test expects', async () => {
    const r = await laminarTest(['--via', 'in-process', 'notebooks'], copy.dir);
    expect(r.stdout).toMatch(new RegExp(`\\nnotebooks: ${notebooks.length} passed, 0 failed · cells: \\d+ passed, 0 failed, 0 skipped\\n$`));
    expect(r.code).toBe(0);
  }, 240_000);
});
