import type { Batch } from '../exec/batch/batch.js';
import { readInt64 } from '../exec/batch/int64.js';
import { PENDING, type InputEvent, type QueryInput } from '../runtime/query-input.js';
import { END_OF_INPUT, NO_WATERMARK, WatermarkMark } from './watermark.js';

export interface WatermarkGeneratorState {
  readonly max: number;
  readonly current: number;
  readonly ended: boolean;
  readonly idle: boolean;
  /** Watermarks generated and not yet delivered: [value, idle]. */
  readonly queued: readonly ([number, boolean] | null)[];
}

export interface WatermarkRule {
  /** The event-time column, as an index into the batches the input produces. */
  readonly column: number;
  /** WATERMARK FOR ts AS ts - delay (µs). */
  readonly delay: number;
  /** Processing-time ms without rows after which the input is idle; null for never. */
  readonly idleTimeoutMs: number | null;
}

/**
 * Generates a source's watermark (bounded disorder): the largest event time read so far,
 * minus the declared delay. Each batch gets, per row, the watermark in effect just before the
 * row; after the batch comes a WatermarkMark when the watermark advanced; when the input ends,
 * the watermark becomes +∞. Files are read one after another, so this is also the minimum over
 * the files still being read. With an idle timeout, an input without rows for that long says
 * so (a multi-input operator then stops waiting for it).
 */
export class SourceWatermarks implements QueryInput {
  private max = -Infinity;
  private current = NO_WATERMARK;
  private queue: InputEvent[] = [];
  private ended = false;
  private lastData = performance.now();
  private idle = false;
  /** Called with each new watermark, for the source's metrics. */
  onAdvance: (watermark: number) => void = () => undefined;

  constructor(
    private readonly input: QueryInput,
    private readonly rule: WatermarkRule,
  ) {}

  get name(): string {
    return this.input.name;
  }

  get blocking(): boolean {
    return this.input.blocking;
  }

  poll(): InputEvent | null | typeof PENDING {
    const queued = this.queue.shift();
    if (queued !== undefined) return queued;
    if (this.ended) return null;
    const r = this.input.poll();
    if (r === PENDING) return this.idleMark() ?? PENDING;
    if (r === null) {
      this.ended = true;
      if (this.current === END_OF_INPUT) return null;
      this.advance(END_OF_INPUT);
      return this.queue.shift() ?? null;
    }
    if (r instanceof WatermarkMark) return r;
    this.lastData = performance.now();
    const batch = this.stamp(r);
    if (this.idle) {
      this.idle = false;
      this.queue.push(new WatermarkMark(this.current));
    }
    return batch;
  }

  ready(): Promise<void> {
    if (this.queue.length > 0 || this.ended) return Promise.resolve();
    const timeout = this.rule.idleTimeoutMs;
    if (timeout === null || this.idle || !this.input.blocking) return this.input.ready();
    const wait = Math.max(0, this.lastData + timeout - performance.now());
    return Promise.race([this.input.ready(), new Promise<void>((resolve) => setTimeout(resolve, wait).unref())]);
  }

  close(): void {
    this.input.close();
  }

  pending(): boolean {
    return this.queue.length > 0 || this.input.pending?.() === true;
  }

  /** The generator's state, for checkpoints (marks generated but not yet delivered included). */
  saveState(): WatermarkGeneratorState {
    return { max: this.max, current: this.current, ended: this.ended, idle: this.idle, queued: this.queue.map((m) => (m instanceof WatermarkMark ? [m.value, m.idle] : null)) };
  }

  restoreState(s: WatermarkGeneratorState): void {
    this.max = s.max;
    this.current = s.current;
    this.ended = s.ended;
    this.idle = s.idle;
    this.queue = s.queued.filter((q) => q !== null).map(([value, idle]) => new WatermarkMark(value, idle));
  }

  /** Per-row watermarks of a batch, and the watermark after it (queued behind the batch). */
  private stamp(batch: Batch): Batch {
    const col = batch.columns[this.rule.column]!;
    const words = col.data as Int32Array;
    const validity = col.validity;
    const delay = this.rule.delay;
    const n = batch.length;
    const rowWatermarks = new Float64Array(n);
    let max = this.max;
    for (let i = 0; i < n; i++) {
      rowWatermarks[i] = Math.max(this.current, max - delay);
      if (validity !== null && !((validity[i >> 3]! >> (i & 7)) & 1)) continue;
      const t = readInt64(words, i);
      if (t > max) max = t;
    }
    this.max = max;
    this.advance(max - delay);
    return { ...batch, rowWatermarks };
  }

  private advance(to: number): void {
    if (to <= this.current) return;
    this.current = to;
    this.queue.push(new WatermarkMark(to));
    this.onAdvance(to);
  }

  private idleMark(): WatermarkMark | null {
    const timeout = this.rule.idleTimeoutMs;
    if (timeout === null || this.idle || performance.now() - this.lastData < timeout) return null;
    this.idle = true;
    return new WatermarkMark(this.current, true);
  }
}
