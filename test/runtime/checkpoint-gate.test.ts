import { describe, expect, it } from 'vitest';
import type { Batch } from '../../engine/exec/batch/batch.js';
import { CheckpointGate, gatedInput } from '../../engine/runtime/checkpoint-gate.js';
import { PENDING, batchesInput } from '../../engine/runtime/query-input.js';

const batch = (length: number): Batch => ({ length, columns: [], kinds: null });

describe('checkpoint gate', () => {
  it('settling holds an input while its stages have work queued, then closes instead of delivering; closed, it holds until opened', async () => {
    const gate = new CheckpointGate();
    let stagesLow = false;
    let everythingSettled = false;
    const input = gatedInput(batchesInput('g', [batch(1), batch(2), batch(3)]), gate, () => stagesLow);
    expect(input.poll()).toMatchObject({ length: 1 });

    const closed = gate.settle(() => everythingSettled, 60_000);
    expect(gate.isSettling).toBe(true);
    // Held like a live input with nothing ready: the driver keeps draining the stages' output.
    expect(input.blocking).toBe(true);
    expect(input.poll()).toBe(PENDING);
    expect(input.pending?.()).toBe(false);
    let woke = false;
    void input.ready().then(() => (woke = true));
    // Its own stages are low, another query's are not: it delivers (the pipeline keeps running).
    stagesLow = true;
    expect(input.blocking).toBe(false);
    expect(input.poll()).toMatchObject({ length: 2 });
    // Everything settled: the next poll closes the gate rather than deliver.
    everythingSettled = true;
    expect(input.poll()).toBe(PENDING);
    expect(gate.isClosed).toBe(true);
    expect(gate.isSettling).toBe(false);
    expect(await closed).toBeGreaterThan(0);
    expect(woke).toBe(true);
    expect(input.poll()).toBe(PENDING);
    gate.open();
    expect(input.poll()).toMatchObject({ length: 3 });
    expect(input.poll()).toBe(null);
  });

  it('closes at once when already settled, and after the time limit when never', async () => {
    const gate = new CheckpointGate();
    await gate.settle(() => true, 60_000);
    expect(gate.isClosed).toBe(true);
    gate.open();
    await gate.settle(() => false, 1);
    expect(gate.isClosed).toBe(true);
    expect(gate.isSettling).toBe(false);
  });
});
