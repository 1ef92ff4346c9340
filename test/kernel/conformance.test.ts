import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jupyterEnv, python, type JupyterEnv } from './jupyter-env.js';

let jupyter: JupyterEnv;
beforeAll(async () => (jupyter = await jupyterEnv()));
afterAll(() => jupyter.cleanup());

describe('jupyter_kernel_test conformance suite', () => {
  it('passes every test, none skipped, and leaves no kernel running', async () => {
    const result = await python(['-m', 'unittest', '-v', 'test_conformance'], jupyter.env);
    const report = result.stderr;
    expect(report, report).toMatch(/\nOK\n?$/);
    expect(report).not.toMatch(/skipped/);
    const ran = /Ran (\d+) tests?/.exec(report)?.[1];
    // test_kernel_info, execute stdout/stderr, completion, is_complete, pager, error,
    // execute_result, display_data, history, inspect, clear_output.
    expect(Number(ran)).toBe(12);
    for (const name of ['test_kernel_info', 'test_execute_stdout', 'test_execute_stderr', 'test_completion', 'test_is_complete', 'test_pager', 'test_error', 'test_execute_result', 'test_display_data', 'test_history', 'test_inspect', 'test_clear_output']) {
      expect(report).toMatch(new RegExp(`${name} .*\\.\\.\\. ok`));
    }
    expect(jupyter.strayKernels()).toEqual([]);
  }, 300_000);
});
