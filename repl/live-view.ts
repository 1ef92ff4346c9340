import { formatChart, formatLiveStatus, formatTable } from '../display/index.js';
import { LaminarError, type ResultTable, type Subscription } from '../engine/index.js';
import type { Theme } from './colour.js';
import { duration, eventTimeMetrics } from './metrics-text.js';
import { FrameWriter, type Screen } from './screen.js';
import { styleTable } from './styled-table.js';

/** Display refreshes per second at most: processing time paces the display, nothing else. */
const FRAME_MS = 100;

/**
 * A continuous query shown live: its current rows (the latest ones when they do not all fit)
 * as a table or a chart, redrawn in place with a status line (rows, rows in, events/s,
 * watermark and late rows when the engine reports them), until the query ends or `signal`
 * aborts (Ctrl-C), which cancels it. The last frame stays on the screen.
 *
 * The view polls `snapshot()` rather than following the changes: it only needs the current
 * rows, and a query with no iterator attached runs at full speed. A frame that takes long to
 * build (a big result) slows the refresh rate down rather than the query.
 */
export class LiveView {
  private readonly frames: FrameWriter;
  private readonly started = performance.now();

  constructor(
    private readonly sub: Subscription,
    /** The query's id (as .queries and .stop know it), when known. */
    private readonly id: string | null,
    private readonly kind: 'table' | 'chart',
    private readonly screen: Screen,
    private readonly theme: Theme,
  ) {
    this.frames = new FrameWriter(screen);
  }

  async run(signal: AbortSignal): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    this.screen.write('\x1b[?25l');
    // After a resize the lines of the last frame may have wrapped: start again on a clear screen.
    const stopResize = this.screen.onResize?.(() => {
      this.screen.write('\x1b[2J\x1b[H');
      this.frames.reset();
    });
    try {
      for (;;) {
        const t0 = performance.now();
        this.draw();
        if (signal.aborted || this.sub.status !== 'running') break;
        const pause = Math.max(FRAME_MS, 4 * (performance.now() - t0));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise((r) => (timer = setTimeout(r, pause))), this.sub.done, stopped]);
        clearTimeout(timer);
        if (signal.aborted || this.sub.status !== 'running') break;
      }
      if (this.sub.status === 'running') this.sub.cancel();
      await this.sub.done;
      this.draw();
    } finally {
      stopResize?.();
      this.screen.write('\x1b[?25h');
    }
    if (this.sub.status === 'failed') throw this.sub.error ?? new LaminarError('QUERY_FAILED', 'the query failed');
  }

  private draw(): void {
    const snapshot = this.sub.snapshot();
    const status = this.statusLine(snapshot);
    const room = Math.max(3, this.screen.rows - 2);
    const body = this.kind === 'chart' ? this.chart(snapshot, room) : this.table(snapshot, room);
    this.frames.draw([...body, status]);
  }

  private table(snapshot: ResultTable, room: number): string[] {
    // Header, rule, elision line and footer take 4 lines.
    const maxRows = Math.max(1, room - 4);
    // The latest rows: the newest of a result that grows, the last changed of one that updates.
    return styleTable(formatTable(snapshot, { maxRows, tail: true }), this.theme);
  }

  private chart(snapshot: ResultTable, room: number): string[] {
    const paint = (i: number, text: string): string => this.theme.series(i, text);
    return formatChart(snapshot, { width: Math.max(20, this.screen.columns - 2), height: Math.min(room, 30), paint });
  }

  private statusLine(snapshot: ResultTable): string {
    const m = this.sub.metrics();
    const state = this.sub.status;
    const mark = state === 'running' ? this.theme.live('●') : state === 'failed' ? this.theme.errorCode('✖') : state === 'cancelled' ? this.theme.dim('■') : this.theme.ok('✔');
    const time = m === null ? { watermark: undefined, lateRows: undefined } : eventTimeMetrics(m);
    // A result that only grows keeps its latest rows: count every row it has had.
    const grows = this.sub.appendOnly && !this.sub.bounded && m !== null;
    const status = formatLiveStatus({
      id: this.id ?? 'query',
      status: state,
      rows: grows ? m.rowsOut : snapshot.rowCount,
      ...(grows ? { shown: snapshot.rowCount } : {}),
      eventsPerSecond: m?.eventsPerSecond ?? 0,
      watermark: time.watermark ?? null,
      lateRows: time.lateRows ?? null,
    });
    const tail = [duration(performance.now() - this.started), ...(state === 'running' ? ['Ctrl-C stops it'] : [])];
    return `${mark} ${status} · ${this.theme.dim(tail.join(' · '))}`;
  }
}
