/**
 * The open windows of a windowed aggregate, by start time, each with its groups (one per key)
 * in the order they were created. Windows are closed in order of their start (all windows of
 * one aggregate have the same size, so also in order of their end).
 */
export class WindowRegistry {
  private readonly starts: number[] = [];
  private readonly groups = new Map<number, number[]>();

  get windowCount(): number {
    return this.starts.length;
  }

  /** The earliest open window's start. */
  first(): number | undefined {
    return this.starts[0];
  }

  add(start: number, group: number): void {
    let list = this.groups.get(start);
    if (!list) {
      list = [];
      this.groups.set(start, list);
      let lo = 0;
      let hi = this.starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.starts[mid]! < start) lo = mid + 1;
        else hi = mid;
      }
      this.starts.splice(lo, 0, start);
    }
    list.push(group);
  }

  /** Windows (start, groups) with start < `before`, earliest first. */
  *upTo(before: number): Generator<[number, readonly number[]]> {
    for (const s of this.starts) {
      if (s >= before) return;
      yield [s, this.groups.get(s)!];
    }
  }

  /** Removes the windows with start < `before` and returns them, earliest first. */
  removeUpTo(before: number): [number, number[]][] {
    let k = 0;
    while (k < this.starts.length && this.starts[k]! < before) k++;
    const removed = this.starts.splice(0, k).map((s): [number, number[]] => [s, this.groups.get(s)!]);
    for (const [s] of removed) this.groups.delete(s);
    return removed;
  }

  entries(): [number, readonly number[]][] {
    return this.starts.map((s) => [s, this.groups.get(s)!]);
  }
}
