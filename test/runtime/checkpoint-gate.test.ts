import { describe, expect, it } from 'vitest';
import type { Batch } from '../../engine/exec/batch/batch.js';
import { CheckpointGate, gatedInput } from '../../engine/runtime/checkpoint-gate.js';
import { PENDING, batchesInput } from '../../engine/runtime/query-input.js';

const batch = (length: number): Batch => ({ length, columns: [], kinds: null });

describe('checkpoint gate', () => {
  it('while settling, holds an input only until its stages have settled; closed, holds it until opened', async () => {
    const gate = new CheckpointGate();
    let settled = false;
    const input = gatedInput(batchesInput('g', [batch(1), batch(2), batch(3)]), gate, () => settled);
    expect(input.poll()).toMatchObject({ length: 1 });

    gate.settling = true;
    // Held like a live input with nothing ready: the driver keeps draining the stages' output.
    expect(input.blocking).toBe(true);
    expect(input.poll()).toBe(PENDING);
    expect(input.pending?.()).toBe(false);
    let woke = false;
    void input.ready().then(() => (woke = true));
    settled = true;
    expect(input.blocking).toBe(false);
    expect(input.poll()).toMatchObject({ length: 2 });

    // The checkpoint closes the gate and stops settling: whatever the stages, nothing is delivered.
    settled = false;
    gate.close();
    gate.settling = false;
    await Promise.resolve();
    expect(woke).toBe(true);
    expect(input.poll()).toBe(PENDING);
    gate.open();
    expect(input.poll()).toMatchObject({ length: 3 });
    expect(input.poll()).toBe(null);
  });
});
