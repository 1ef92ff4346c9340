/**
 * Consumes the start of a text file that is not data: a UTF-8 byte order mark, then
 * `skipLines` whole lines (ended by \n, so \r\n too). Done at the byte level, before any
 * parser sees the bytes, so that skipped lines may hold anything (unbalanced quotes in a
 * banner) and positions stay absolute.
 */
export class LinePrefix {
  /** Bytes consumed so far (BOM and skipped lines). */
  bytes = 0;
  /** Lines skipped so far. */
  lines = 0;
  private bomChecked = false;

  constructor(private readonly skipLines: number) {}

  get done(): boolean {
    return this.bomChecked && this.lines >= this.skipLines;
  }

  /** Consumes what belongs to the prefix; returns the rest of `chunk`, or null if none is left. */
  take(chunk: Buffer): Buffer | null {
    let at = 0;
    if (!this.bomChecked) {
      this.bomChecked = true;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) at = 3;
    }
    while (this.lines < this.skipLines) {
      const nl = chunk.indexOf(10, at);
      if (nl < 0) {
        this.bytes += chunk.length;
        return null;
      }
      this.lines++;
      at = nl + 1;
    }
    this.bytes += at;
    return at >= chunk.length ? null : chunk.subarray(at);
  }
}
