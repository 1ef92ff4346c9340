/**
 * Memory for the columns a snapshot copies, reused from one checkpoint to the next. A
 * checkpoint copies state while the pipeline is held; copying a million groups into fresh
 * memory costs several times the copy itself (the pages are new, and the allocations set off
 * garbage collection in the hold), so the copies go into the buffers the last checkpoint used
 * once it has written them (see docs/decisions/durable-sessions.md).
 *
 * Buffers are resizable ArrayBuffers, each taken by one column (a view from its start), which
 * grow when a column needs more room and never shrink: memory a checkpoint has written once
 * is written again without the page faults of fresh memory. Nothing else in the engine makes
 * resizable buffers, so transferList knows one as a column's own and moves it whole.
 */
export type Numeric = Float64Array | Int32Array | Uint8Array;
/** Float64Array, Int32Array or Uint8Array, as a constructor. */
export interface NumericType<T extends Numeric> {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Room for growth: a buffer first taken for n bytes can grow to this many times n (address space only, until used). */
const GROWTH = 4;
/** Smallest buffer worth keeping (smaller columns cost nothing to allocate). */
const MIN_BYTES = 1 << 16;

export class SnapshotBuffers {
  /** Buffers free to take. */
  private free: ArrayBuffer[] = [];

  /** A column of n elements, holding whatever was there before: the caller sets every one. */
  take<T extends Numeric>(type: NumericType<T>, n: number): T {
    const bytes = n * type.BYTES_PER_ELEMENT;
    if (bytes < MIN_BYTES) return new type(new ArrayBuffer(bytes), 0, n);
    const best = this.pick(bytes);
    let buffer: ArrayBuffer;
    if (best < 0) buffer = new ArrayBuffer(bytes, { maxByteLength: bytes * GROWTH });
    else {
      buffer = this.free[best]!;
      this.free.splice(best, 1);
      if (buffer.byteLength < bytes) buffer.resize(bytes);
    }
    return new type(buffer, 0, n);
  }

  /**
   * The free buffer for `bytes`: the smallest that holds them as it is (large ones stay for
   * large columns), else the largest that can grow to them (the fewest new pages); -1 if none.
   */
  private pick(bytes: number): number {
    let fits = -1;
    let grows = -1;
    this.free.forEach((b, i) => {
      if (b.byteLength >= bytes) {
        if (fits < 0 || b.byteLength < this.free[fits]!.byteLength) fits = i;
      } else if (b.maxByteLength >= bytes) {
        if (grows < 0 || b.byteLength > this.free[grows]!.byteLength) grows = i;
      }
    });
    return fits >= 0 ? fits : grows;
  }

  /** Gives back the buffers of a snapshot that has been written (others are left to the garbage collector). */
  give(buffers: Iterable<ArrayBuffer>): void {
    for (const b of buffers) if (b.resizable && b.maxByteLength >= MIN_BYTES) this.free.push(b);
  }

  /**
   * Ends a capture: buffers it did not take are dropped, so between checkpoints the pool holds
   * at most what the last one used.
   */
  captured(): void {
    this.free = [];
  }

  /** Bytes held for the next checkpoint. */
  heldBytes(): number {
    let n = 0;
    for (const b of this.free) n += b.byteLength;
    return n;
  }
}
