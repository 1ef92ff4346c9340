/**
 * A canvas of braille characters: each terminal cell holds 2 × 4 dots, so a chart gets twice
 * the horizontal and four times the vertical resolution of the text grid. Each cell remembers
 * the series that drew in it last, for colouring.
 */
export class BrailleCanvas {
  private readonly bits: Uint8Array;
  private readonly owner: Int16Array;

  constructor(
    /** Cells across and down. */
    readonly width: number,
    readonly height: number,
  ) {
    this.bits = new Uint8Array(width * height);
    this.owner = new Int16Array(width * height).fill(-1);
  }

  /** Dots across and down. */
  get dotsX(): number {
    return this.width * 2;
  }

  get dotsY(): number {
    return this.height * 4;
  }

  /** Sets the dot at (x, y), y = 0 at the top; dots outside the canvas are ignored. */
  set(x: number, y: number, series: number): void {
    if (x < 0 || y < 0 || x >= this.dotsX || y >= this.dotsY) return;
    const cell = Math.floor(y / 4) * this.width + Math.floor(x / 2);
    this.bits[cell]! |= DOT_BITS[(y % 4) * 2 + (x % 2)]!;
    this.owner[cell] = series;
  }

  /** A straight line of dots from (x0, y0) to (x1, y1) (Bresenham). */
  line(x0: number, y0: number, x1: number, y1: number, series: number): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.set(x0, y0, series);
      if (x0 === x1 && y0 === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /** Row `row` as text (empty cells are spaces), each run of one series passed through `paint`. */
  rowText(row: number, paint: (series: number, text: string) => string): string {
    let out = '';
    let run = '';
    let runOwner = -1;
    for (let c = 0; c < this.width; c++) {
      const cell = row * this.width + c;
      const owner = this.owner[cell]!;
      const bits = this.bits[cell]!;
      const ch = bits === 0 ? ' ' : String.fromCharCode(0x2800 + bits);
      if (owner !== runOwner && run !== '') {
        out += runOwner < 0 ? run : paint(runOwner, run);
        run = '';
      }
      runOwner = owner;
      run += ch;
    }
    return out + (runOwner < 0 ? run : paint(runOwner, run));
  }
}

// Braille dot numbering: (x, y) → bit, for x in 0..1 and y in 0..3.
const DOT_BITS = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80];
