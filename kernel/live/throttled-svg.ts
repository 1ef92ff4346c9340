import type { Logger } from '../log.js';

/** How often a live chart's SVG fallback is redrawn, at most. */
export const SVG_INTERVAL_MS = 1000;

/**
 * The SVG fallback of a live chart. Drawing one takes tens to hundreds of milliseconds, so
 * while the query runs, updates carry the last SVG drawn and a new one is drawn in the
 * background at most once a second: the updates keep their rate (frontends with Vega-Lite
 * draw the spec, which is always current). The first and the final update wait for their
 * own SVG (`fresh`).
 */
export class ThrottledSvg {
  private last: { text: string; at: number } | null = null;
  private drawing: Promise<void> | null = null;

  constructor(
    private readonly draw: (spec: Record<string, unknown>) => Promise<string>,
    private readonly log: Logger,
  ) {}

  /** An SVG for the spec: drawn now when `fresh` or when there is none yet, else the last one. */
  async for(spec: Record<string, unknown>, fresh: boolean): Promise<string> {
    if (fresh || this.last === null) {
      const text = await this.draw(spec);
      this.last = { text, at: performance.now() };
      return text;
    }
    if (this.drawing === null && performance.now() - this.last.at >= SVG_INTERVAL_MS) {
      this.drawing = this.draw(spec)
        .then((text) => void (this.last = { text, at: performance.now() }))
        .catch((e: unknown) => this.log.error(`cannot draw a chart's SVG: ${String(e)}`))
        .finally(() => (this.drawing = null));
    }
    return this.last.text;
  }
}
