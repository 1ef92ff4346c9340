import { describe, expect, it } from 'vitest';
import { gather } from '../../engine/state/gather.js';
import { SnapshotBuffers } from '../../engine/state/snapshot-buffers.js';
import { transferList } from '../../engine/state/transfer.js';

const BIG = 100_000;

describe('snapshot buffers', () => {
  it('hands out whole buffers, so snapshot columns can move to another thread', () => {
    const pool = new SnapshotBuffers();
    const column = pool.take(Float64Array, BIG);
    expect(column.length).toBe(BIG);
    expect(column.byteLength).toBe(column.buffer.byteLength);
    expect(transferList({ column })).toEqual([column.buffer]);
  });

  it('reuses a buffer given back, for a shorter column or grown within its room, and drops what a capture did not take', () => {
    const pool = new SnapshotBuffers();
    const a = pool.take(Float64Array, BIG);
    const b = pool.take(Int32Array, BIG);
    pool.give([a.buffer, b.buffer]);
    expect(pool.heldBytes()).toBe(BIG * 12);
    // The smallest buffer that fits: the Int32Array's for a column of BIG / 2 doubles.
    const smaller = pool.take(Float64Array, BIG / 2);
    expect(smaller.buffer).toBe(b.buffer);
    // A column shorter than its buffer still moves with it (the buffer never shrinks).
    expect(transferList({ smaller })).toEqual([b.buffer]);
    const larger = pool.take(Float64Array, BIG + 10);
    expect(larger.buffer).toBe(a.buffer);
    expect(larger.length).toBe(BIG + 10);
    pool.give([smaller.buffer]);
    pool.captured();
    expect(pool.heldBytes()).toBe(0);
    expect(pool.take(Float64Array, BIG / 2).buffer).not.toBe(b.buffer);
  });

  it('allocates small columns and buffers too large for any free one', () => {
    const pool = new SnapshotBuffers();
    const small = pool.take(Uint8Array, 100);
    pool.give([small.buffer]);
    expect(pool.heldBytes()).toBe(0);
    const big = pool.take(Uint8Array, BIG);
    pool.give([big.buffer]);
    expect(pool.take(Uint8Array, BIG * 10).buffer).not.toBe(big.buffer);
  });

  it('gathers into pooled memory exactly what it gathers into fresh memory, stale values overwritten', () => {
    const pool = new SnapshotBuffers();
    const src = Float64Array.from({ length: BIG }, (_, i) => i * 1.5);
    pool.give([pool.take(Float64Array, BIG).fill(-1).buffer]);
    const sparse = Int32Array.from({ length: BIG / 4 }, (_, i) => i * 4 + 1);
    expect(gather(src, sparse, pool)).toEqual(gather(src, sparse));
    const dense = Int32Array.from({ length: BIG - 7 }, (_, i) => i);
    pool.give([pool.take(Float64Array, BIG).fill(-1).buffer]);
    expect(gather(src, dense, pool)).toEqual(src.subarray(0, BIG - 7));
  });
});
