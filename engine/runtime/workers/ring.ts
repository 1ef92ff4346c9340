/**
 * A single-producer single-consumer ring of variable-length records in a SharedArrayBuffer,
 * for moving batches between the coordinator and worker threads without copies through
 * `postMessage`. The only shared counter is `used` (bytes in the ring): the producer adds
 * after writing a record, the consumer subtracts after reading one, both with Atomics, so no
 * lock is needed. Each side keeps its own offset. A record is an 8-byte header (the payload's
 * length) and its payload, padded to 8 bytes; a record that does not fit before the end of the
 * buffer starts again at 0 after a wrap marker. Capacity is the producer's credit: a full ring makes it wait, which is
 * how backpressure reaches a fast source.
 *
 * Waiting is through a doorbell: an Int32 the other side bumps and notifies when a record
 * lands in an empty ring, or a read leaves the ring at most half full. A worker that serves
 * many rings waits on one doorbell for all.
 */

const USED = 0;
const CLOSED = 1;
/** Bytes of the header: `used`, `closed`, padding. */
const HEADER = 16;
const WRAP = 0xffffffff;

/** The shared memory of one ring; structured-cloneable (SharedArrayBuffers are shared, not copied). */
export interface RingMemory {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
}

export function createRing(capacity: number): RingMemory {
  const size = align8(capacity);
  return { buffer: new SharedArrayBuffer(HEADER + size), capacity: size };
}

/**
 * A counter to wait on, bumped by whoever has news for the waiter. Waking a thread is a system
 * call, so ring() only notifies when someone waits: a waiter registers in the second cell
 * before it waits, and waits only while the count is still the one it saw; the ringer bumps
 * the count before it looks for waiters. Either the waiter sees the new count and does not
 * sleep, or the ringer sees the waiter and wakes it (both sides use sequentially consistent
 * atomics).
 */
export class Doorbell {
  /** [count, waiters]. */
  readonly cell: Int32Array;

  constructor(shared: SharedArrayBuffer) {
    this.cell = new Int32Array(shared, 0, 2);
  }

  static create(): Doorbell {
    return new Doorbell(new SharedArrayBuffer(8));
  }

  ring(): void {
    Atomics.add(this.cell, 0, 1);
    if (Atomics.load(this.cell, 1) > 0) Atomics.notify(this.cell, 0);
  }

  /** The current count, to wait for a change from. */
  read(): number {
    return Atomics.load(this.cell, 0);
  }

  /** Blocks (worker threads only) until the count differs from `seen`, or the timeout (ms). */
  waitSync(seen: number, timeoutMs?: number): void {
    Atomics.add(this.cell, 1, 1);
    Atomics.wait(this.cell, 0, seen, timeoutMs);
    Atomics.sub(this.cell, 1, 1);
  }

  /** Resolves when the count differs from `seen` (any thread; the main thread must not block). */
  async wait(seen: number, timeoutMs?: number): Promise<void> {
    Atomics.add(this.cell, 1, 1);
    try {
      const r = Atomics.waitAsync(this.cell, 0, seen, timeoutMs);
      if (r.async) await r.value;
    } finally {
      Atomics.sub(this.cell, 1, 1);
    }
  }
}

class RingEnd {
  protected readonly header: Int32Array;
  protected readonly bytes: Uint8Array;
  protected readonly view: DataView;
  protected offset = 0;

  constructor(readonly memory: RingMemory) {
    this.header = new Int32Array(memory.buffer, 0, HEADER / 4);
    this.bytes = new Uint8Array(memory.buffer, HEADER, memory.capacity);
    this.view = new DataView(memory.buffer, HEADER, memory.capacity);
  }

  get used(): number {
    return Atomics.load(this.header, USED);
  }

  get closed(): boolean {
    return Atomics.load(this.header, CLOSED) === 1;
  }
}

/** The writing end. */
export class RingWriter extends RingEnd {
  constructor(
    memory: RingMemory,
    /** Rung when a record lands in the empty ring, for the consumer. */
    private readonly consumerBell: Doorbell,
  ) {
    super(memory);
  }

  /**
   * The largest payload a record can have: half the ring (less its header), so that an empty
   * ring always has room for one, before or after the wrap.
   */
  get maxPayload(): number {
    return ((this.memory.capacity / 2) & ~7) - 8;
  }

  /**
   * Writes a record of `length` bytes, filled by `fill` (given the ring's bytes and view and the
   * payload's offset in them, 8-aligned); false when there is no room now (try again once the
   * consumer has read).
   */
  tryWrite(length: number, fill: (bytes: Uint8Array, view: DataView, at: number) => void): boolean {
    if (length > this.maxPayload) throw new RangeError(`a record of ${length} bytes does not fit a ring of ${this.memory.capacity}`);
    const need = 8 + align8(length);
    const capacity = this.memory.capacity;
    const tail = capacity - this.offset;
    // A record never straddles the end: skip to 0 (the skipped bytes count as used).
    const skip = need > tail ? tail : 0;
    if (skip + need > capacity - this.used) return false;
    if (skip > 0) {
      this.view.setUint32(this.offset, WRAP, true);
      this.offset = 0;
    }
    this.view.setUint32(this.offset, length, true);
    fill(this.bytes, this.view, this.offset + 8);
    this.offset = (this.offset + need) % capacity;
    // The consumer only waits on an empty ring: ring when this record ends one (a system call saved per record).
    if (Atomics.add(this.header, USED, skip + need) === 0) this.consumerBell.ring();
    return true;
  }

  /** No more records will come (the consumer sees it once it has read the rest). */
  close(): void {
    Atomics.store(this.header, CLOSED, 1);
    this.consumerBell.ring();
  }
}

/** The reading end. */
export class RingReader extends RingEnd {
  constructor(
    memory: RingMemory,
    /** Rung after reads that leave the ring at most half full, for the producer waiting for room. */
    private readonly producerBell: Doorbell,
  ) {
    super(memory);
  }

  /**
   * Reads the next record with `read` (given the bytes, view, payload offset and length) and
   * frees it; returns undefined when the ring is empty.
   */
  tryRead<T>(read: (bytes: Uint8Array, view: DataView, at: number, length: number) => T): T | undefined {
    if (this.used === 0) return undefined;
    const capacity = this.memory.capacity;
    let skipped = 0;
    if (this.view.getUint32(this.offset, true) === WRAP) {
      skipped = capacity - this.offset;
      this.offset = 0;
    }
    const length = this.view.getUint32(this.offset, true);
    const value = read(this.bytes, this.view, this.offset + 8, length);
    const need = 8 + align8(length);
    this.offset = (this.offset + need) % capacity;
    // A producer waiting for room is woken once the ring is at most half full, and at every read
    // after that: half a ring always has room for a record unless the wrap wastes the tail, and
    // then a later read wakes it again. Waking it at every read would cost a system call each.
    const left = Atomics.sub(this.header, USED, skipped + need) - skipped - need;
    if (left <= capacity / 2) this.producerBell.ring();
    return value;
  }

  /** True once the producer closed the ring and every record was read. */
  get drained(): boolean {
    return this.closed && this.used === 0;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
