import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jupyterEnv, lastJson, python, type JupyterEnv } from './jupyter-env.js';

/**
 * The kernel driven by jupyter_client (what notebook servers, nbclient and consoles use):
 * test/kernel/py/client_checks.py runs a scenario and prints what it saw.
 */
let jupyter: JupyterEnv;
beforeAll(async () => (jupyter = await jupyterEnv()));
afterAll(() => {
  expect(jupyter.strayKernels()).toEqual([]);
  jupyter.cleanup();
});

async function scenario<T>(name: string): Promise<T> {
  const result = await python(['client_checks.py', name], jupyter.env);
  return lastJson<T>(result);
}

describe('jupyter_client against the installed kernel', () => {
  it('a live query: the reply comes at once, then update_display_data for one display id at the configured rate', async () => {
    const r = await scenario<{ reply_status: string; reply_seconds: number; updates: number; window: number; display_ids: string[]; parents_are_cell: boolean; counts_grow: boolean; has_status_line: boolean; final_stopped: boolean; final_same_id: boolean }>('live');
    expect(r.reply_status).toBe('ok');
    expect(r.reply_seconds).toBeLessThan(5);
    expect(r.display_ids).toHaveLength(1);
    expect(r.parents_are_cell).toBe(true);
    // Default rate: at most 10 updates per second per display, and a steady stream of them
    // (fewer only on a loaded machine; npm run bench measures the rate kept).
    expect(r.updates).toBeLessThanOrEqual(10 * r.window + 1);
    expect(r.updates).toBeGreaterThanOrEqual(r.window * 2);
    expect(r.counts_grow).toBe(true);
    expect(r.has_status_line).toBe(true);
    expect(r.final_stopped).toBe(true);
    expect(r.final_same_id).toBe(true);
  });

  it('interrupt (interrupt_request on control, and SIGINT) cancels a running query promptly and aborts the queue; the kernel lives on', async () => {
    const r = await scenario<{ reply: object; seconds: number; queued_status: string; after_status: string; live_stopped: boolean; sigint_reply: object; alive_after_sigint: boolean }>('interrupt');
    expect(r.reply).toEqual({ status: 'error', ename: 'QUERY_CANCELLED' });
    expect(r.seconds).toBeLessThan(5);
    expect(r.queued_status).toBe('aborted');
    expect(r.after_status).toBe('ok');
    expect(r.live_stopped).toBe(true);
    expect(r.sigint_reply).toEqual({ status: 'error', ename: 'QUERY_CANCELLED' });
    expect(r.alive_after_sigint).toBe(true);
  });

  it('restart: the old process ends, a fresh session answers', async () => {
    const r = await scenario<{ old_alive: boolean; new_pid_differs: boolean; old_object: string; fresh_status: string; execution_count: number }>('restart');
    expect(r).toMatchObject({ old_alive: false, new_pid_differs: true, old_object: 'UNKNOWN_OBJECT', fresh_status: 'ok', execution_count: 2 });
  });

  it('messages with a bad or missing signature are dropped, never executed; malformed and unknown messages are survived', async () => {
    const r = await scenario<{ answered: string[]; show_status: string; forged_created: boolean; unsigned_created: boolean; kernel_info_ok: boolean }>('bad_signature');
    expect(r).toEqual({ answered: [], show_status: 'ok', forged_created: false, unsigned_created: false, kernel_info_ok: true });
  });

  it('shutdown with a live display running: the process exits promptly', async () => {
    const r = await scenario<{ alive: boolean; seconds: number }>('shutdown');
    expect(r.alive).toBe(false);
    expect(r.seconds).toBeLessThan(5);
  });
});
