/** What an ExpiryQueue holds: when it expires, and a sequence number breaking ties. */
export interface Expiring {
  readonly expiry: number;
  readonly seq: number;
}

/**
 * Items by the time they expire: a binary min-heap, ties in sequence order, so that expiring
 * (and what an outer join emits then) is deterministic.
 */
export class ExpiryQueue<T extends Expiring> {
  private heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The earliest expiry time, +∞ when empty. */
  peekTime(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0]!.expiry;
  }

  push(item: T): void {
    const h = this.heap;
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(item, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = item;
  }

  /** Removes and returns the item that expires first. */
  pop(): T {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[child]!, last)) break;
      h[i] = h[child]!;
      i = child;
    }
    h[i] = last;
    return top;
  }

  clear(): void {
    this.heap = [];
  }
}

function before(a: Expiring, b: Expiring): boolean {
  return a.expiry < b.expiry || (a.expiry === b.expiry && a.seq < b.seq);
}
