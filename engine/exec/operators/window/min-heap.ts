/** A binary min-heap of (key, id) pairs; ties pop in id order, so closing order is deterministic. */
export class MinHeap {
  private keys: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, id: number): void {
    this.keys.push(key);
    this.ids.push(id);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  peekKey(): number {
    return this.keys.length === 0 ? Infinity : this.keys[0]!;
  }

  /** The id of the smallest pair (undefined when empty). */
  peekId(): number {
    return this.ids[0]!;
  }

  /** Removes the smallest pair and returns its id. */
  pop(): number {
    const id = this.ids[0]!;
    const lastKey = this.keys.pop()!;
    const lastId = this.ids.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.ids[0] = lastId;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && this.less(l, m)) m = l;
        if (r < this.keys.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return id;
  }

  private less(a: number, b: number): boolean {
    return this.keys[a]! < this.keys[b]! || (this.keys[a] === this.keys[b] && this.ids[a]! < this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
  }
}
