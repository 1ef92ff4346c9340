import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jupyterEnv, lastJson, python, type JupyterEnv } from '../kernel/jupyter-env.js';

/** A notebook session on a directory (LAMINAR_SESSION), its kernel restarted by jupyter_client. */
let jupyter: JupyterEnv;
beforeAll(async () => (jupyter = await jupyterEnv()));
afterAll(() => {
  expect(jupyter.strayKernels()).toEqual([]);
  jupyter.cleanup();
});

describe('a durable kernel session', () => {
  it('resumes after a kernel restart: the view keeps its state and a live display of it continues', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laminar-kernel-session-'));
    const result = await python(['client_checks.py', 'durable_restart'], { ...jupyter.env, LAMINAR_SESSION: dir });
    expect(lastJson(result)).toEqual({
      live_status: 'ok',
      before: [[1, 2], [2, 1]],
      checkpoint: 'ok',
      checkpoint_text: true,
      // The row inserted after the checkpoint came back from the write-ahead log.
      after_restart: [[1, 2], [2, 1], [3, 1]],
      continued: [[1, 2], [2, 2], [3, 1], [4, 1]],
    });
  });
});
