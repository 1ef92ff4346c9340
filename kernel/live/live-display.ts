import type { ResolvedChart, Rows } from '../../display/index.js';
import type { Subscription } from '../../engine/index.js';
import type { CellOutput } from '../handler/cell-output.js';
import type { Logger } from '../log.js';
import type { JsonObject } from '../protocol/message.js';
import type { MimeBundle } from '../protocol/mime.js';
import { chartBundle } from '../render/chart-bundle.js';
import { tableOutput } from '../render/table-bundle.js';
import { tailRows } from '../render/tail-rows.js';
import { deferred } from '../deferred.js';
import type { KernelSettings } from '../settings.js';
import { liveStatusLine, watermarkOf } from './live-status-line.js';
import { ThrottledSvg } from './throttled-svg.js';

export type LiveView = { readonly kind: 'table' } | { readonly kind: 'chart'; readonly chart: ResolvedChart };

/** iopub messages queued beyond which a live display skips an update (the client is slow). */
export const MAX_IOPUB_BACKLOG = 50;

export interface LiveDisplayOptions {
  /** The query's id (`q3`): what the status line shows and `%stop` takes. */
  readonly id: string;
  readonly displayId: string;
  readonly subscription: Subscription;
  readonly view: LiveView;
  /** The iopub messages of the cell that started it. */
  readonly output: CellOutput;
  /** The output of the cell running now, if any (updates are mirrored there: see update()). */
  readonly running: () => CellOutput | null;
  readonly settings: () => KernelSettings;
  /** Draws a chart's SVG fallback (in a worker thread; see ThrottledSvg). */
  readonly drawSvg: (spec: Record<string, unknown>) => Promise<string>;
  readonly log: Logger;
  /** Called once, after the final update. */
  readonly onEnd: (display: LiveDisplay) => void;
}

/**
 * A continuous query shown in a notebook cell: a display_data with a display_id, then
 * update_display_data messages as the result changes. Updates are coalesced: a timer at the
 * configured rate renders the latest state when something changed since the last update, so
 * however fast the query runs, a display sends at most `updateRate` updates per second, and
 * none while the iopub socket is backed up. The subscription keeps only the rows a display
 * shows (see keepRows), so memory does not grow with the stream. When the query stops
 * (finished, stopped, dropped input, failed), one final update shows its last state.
 */
export class LiveDisplay {
  readonly id: string;
  readonly displayId: string;
  readonly subscription: Subscription;
  private timer: NodeJS.Timeout | null = null;
  private rendering: Promise<void> | null = null;
  private lastKey = '';
  private lastUpdate = 0;
  private updates = 0;
  private ended = false;
  private readonly svg: ThrottledSvg;
  private readonly final = deferred();

  constructor(private readonly options: LiveDisplayOptions) {
    this.id = options.id;
    this.displayId = options.displayId;
    this.subscription = options.subscription;
    this.svg = new ThrottledSvg(options.drawSvg, options.log);
  }

  /** Updates sent so far (not counting the first display). */
  get updateCount(): number {
    return this.updates;
  }

  get view(): LiveView {
    return this.options.view;
  }

  /** Shows the current state, then follows the query. */
  async start(): Promise<void> {
    const first = await this.render();
    this.options.output.display(first.bundle, this.displayId, first.metadata);
    this.lastKey = first.key;
    this.lastUpdate = performance.now();
    this.retime();
    void this.subscription.done.then(() => this.finish());
  }

  /** Restarts the timer at the current update rate (after `%config update_rate`). */
  retime(): void {
    if (this.ended) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.tick(), 1000 / this.options.settings().updateRate);
    this.timer.unref();
  }

  /** Stops the query; the final update follows. */
  stop(): void {
    this.subscription.cancel();
  }

  /** Resolves after the final update. */
  get finished(): Promise<void> {
    return this.final.promise;
  }

  private async tick(): Promise<void> {
    if (this.rendering !== null || this.ended) return;
    if (this.options.output.backlog > MAX_IOPUB_BACKLOG) return;
    if (this.stateKey() === this.lastKey) return;
    await this.update();
  }

  private async update(): Promise<void> {
    const run = (async () => {
      try {
        const { bundle, metadata, key } = await this.render();
        this.options.output.updateDisplay(bundle, this.displayId, metadata);
        // Frontends route iopub messages by parent. JupyterLab keeps listening to the cell
        // that made the display; nbclient and nbconvert listen only to the cell running now.
        // While another cell runs, the update goes to both (a frontend without that display
        // id ignores it), so a notebook run headless also ends with the final state.
        const running = this.options.running();
        if (running !== null && running !== this.options.output) running.updateDisplay(bundle, this.displayId, metadata);
        this.lastKey = key;
        this.lastUpdate = performance.now();
        this.updates++;
      } catch (e) {
        this.options.log.error(`live display ${this.id}: cannot render: ${String(e)}`);
      }
    })();
    this.rendering = run;
    await run;
    this.rendering = null;
  }

  private async finish(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.ended = true;
    if (this.rendering) await this.rendering;
    // Keep to the rate also for the last update.
    const wait = this.lastUpdate + 1000 / this.options.settings().updateRate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.update();
    this.final.resolve();
    this.options.onEnd(this);
  }

  private stateKey(): string {
    const m = this.subscription.metrics();
    return `${m?.rowsIn ?? 0}/${m?.rowsOut ?? 0}/${this.subscription.status}/${watermarkOf(m)}`;
  }

  private async render(): Promise<{ bundle: MimeBundle; metadata?: JsonObject; key: string }> {
    const key = this.stateKey();
    const sub = this.subscription;
    const settings = this.options.settings();
    const snapshot = sub.snapshot();
    const ended = sub.status !== 'running';
    const view = this.options.view;
    // An append-only result shows its latest rows; an updating one its current rows.
    const rows: Rows = sub.appendOnly ? tailRows(snapshot, view.kind === 'chart' ? settings.chartRows : settings.maxRows) : snapshot;
    const total = sub.appendOnly ? Math.max(sub.metrics()?.rowsOut ?? 0, snapshot.rowCount) : snapshot.rowCount;
    const shown = view.kind === 'chart' ? rows.batch.length : Math.min(rows.batch.length, settings.maxRows);
    const status = liveStatusLine(this.id, sub, { total, shown });
    if (view.kind === 'table') {
      // While running, the Arrow data is the rows shown; at the end, the rows kept.
      const out = tableOutput(rows, { maxRows: settings.maxRows, status, arrowRows: ended ? settings.arrowRows : settings.maxRows });
      return { bundle: out.data, metadata: out.metadata, key };
    }
    return { bundle: await chartBundle(rows, view.chart, (spec) => this.svg.for(spec, ended), status), key };
  }
}
