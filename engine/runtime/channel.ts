import { WatermarkMark } from '../time/watermark.js';
import { PENDING, type InputEvent, type QueryInput } from './query-input.js';

/**
 * A stream of batches with any number of readers, each at its own position: how pushed rows
 * reach the queries reading a source, and how a table's or a view's changes reach the queries
 * reading it. A retaining channel keeps every batch (a push source's log, replayed to each new
 * query); otherwise batches are dropped once every reader has passed them.
 */
export class Channel {
  private batches: InputEvent[] = [];
  /** Absolute position of batches[0]. */
  private base = 0;
  private readonly readers = new Set<ChannelReader>();
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly name: string,
    private readonly retain: boolean,
  ) {}

  get end(): number {
    return this.base + this.batches.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Total rows ever appended (for a retaining channel, the rows it holds). */
  rows = 0;

  /** Appends a batch of rows, or a watermark (a view's readers follow its event time). */
  append(item: InputEvent): void {
    if (this.closed) throw new Error(`channel ${this.name} is closed`);
    if (item instanceof WatermarkMark) {
      this.batches.push(item);
    } else {
      if (item.length === 0) return;
      this.batches.push(item);
      this.rows += item.length;
    }
    this.wake();
  }

  /** No more batches: readers end after the last one. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** A reader from the first retained batch ('start') or from the next batch appended ('now'). */
  reader(from: 'start' | 'now'): ChannelReader {
    const r = new ChannelReader(this, from === 'start' ? this.base : this.end);
    this.readers.add(r);
    return r;
  }

  /** A reader at an absolute position (a checkpoint's); the batches before it are not read. */
  readerAt(position: number): ChannelReader {
    const r = new ChannelReader(this, Math.max(position, this.base));
    this.readers.add(r);
    return r;
  }

  /** @internal */
  at(position: number): InputEvent | undefined {
    return this.batches[position - this.base];
  }

  /** @internal */
  detach(r: ChannelReader): void {
    this.readers.delete(r);
    this.trim();
  }

  /** @internal */
  waitForMore(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** @internal */
  trim(): void {
    if (this.retain) return;
    let min = this.end;
    for (const r of this.readers) min = Math.min(min, r.position);
    if (min > this.base) {
      this.batches = this.batches.slice(min - this.base);
      this.base = min;
    }
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

export class ChannelReader implements QueryInput {
  readonly blocking = true;
  private closed = false;

  constructor(
    private readonly channel: Channel,
    public position: number,
  ) {}

  get name(): string {
    return this.channel.name;
  }

  poll(): InputEvent | null | typeof PENDING {
    if (this.closed) return null;
    const b = this.channel.at(this.position);
    if (b !== undefined) {
      this.position++;
      if (this.position % 16 === 0) this.channel.trim();
      return b;
    }
    if (this.channel.isClosed) {
      this.close();
      return null;
    }
    return PENDING;
  }

  pending(): boolean {
    return !this.closed && (this.channel.at(this.position) !== undefined || this.channel.isClosed);
  }

  ready(): Promise<void> {
    if (this.closed || this.channel.at(this.position) !== undefined || this.channel.isClosed) return Promise.resolve();
    return this.channel.waitForMore();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.detach(this);
  }
}
