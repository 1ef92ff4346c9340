/**
 * Event-time progress. A watermark W says: rows with event time below W are not expected any
 * more. It starts at -∞, never moves back, and becomes +∞ when an input ends. TIMESTAMPs are
 * microseconds, so watermarks are too.
 */

/** A watermark passed from operator to operator, between batches. */
export class WatermarkMark {
  constructor(
    readonly value: number,
    /**
     * The input has had no rows for its idle timeout: until it produces again it does not hold
     * back a multi-input operator (which takes the minimum over its other inputs).
     */
    readonly idle = false,
  ) {}
}

export const NO_WATERMARK = -Infinity;
export const END_OF_INPUT = Infinity;

/** The watermark as people read it: null before any, a number of µs, or +∞ at the end. */
export function watermarkOrNull(value: number): number | null {
  return value === NO_WATERMARK ? null : value;
}
