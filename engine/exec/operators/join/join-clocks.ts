import { END_OF_INPUT, NO_WATERMARK, type WatermarkMark } from '../../../time/watermark.js';

/**
 * The watermarks of a join's two inputs (0: left, 1: right). Like UNION ALL, the join's own
 * watermark is the minimum over its inputs, leaving out an input that is idle (unless both are);
 * an ended input's watermark is +∞.
 */
export class JoinClocks {
  readonly value = [NO_WATERMARK, NO_WATERMARK];
  private readonly idle = [false, false];
  readonly ended = [false, false];

  /** Takes a mark from one input; true when that input's watermark moved forward. */
  update(side: 0 | 1, mark: WatermarkMark): boolean {
    this.idle[side] = mark.idle;
    if (mark.value <= this.value[side]!) return false;
    this.value[side] = mark.value;
    return true;
  }

  end(side: 0 | 1): void {
    this.ended[side] = true;
    this.idle[side] = false;
    this.value[side] = END_OF_INPUT;
  }

  get bothEnded(): boolean {
    return this.ended[0]! && this.ended[1]!;
  }

  /** The minimum over the inputs that are not idle (over both when both are). */
  combined(): number {
    const active = [0, 1].filter((s) => !this.idle[s]);
    return Math.min(...(active.length === 0 ? [0, 1] : active).map((s) => this.value[s]!));
  }

  get allIdle(): boolean {
    return this.idle[0]! && this.idle[1]!;
  }
}
