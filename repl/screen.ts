import { textWidth } from '../display/index.js';

/** The terminal the shell draws on: where text goes, and its size. */
export interface Screen {
  write(text: string): void;
  readonly columns: number;
  readonly rows: number;
  /** Calls `listener` when the terminal is resized; returns the function that stops it. */
  onResize?(listener: () => void): () => void;
}

/** A Screen over a TTY write stream (sizes default to 80 × 24 when the stream gives none). */
export function ttyScreen(stream: NodeJS.WriteStream): Screen {
  return {
    write: (text) => void stream.write(text),
    get columns() {
      return stream.columns > 0 ? stream.columns : 80;
    },
    get rows() {
      return stream.rows > 0 ? stream.rows : 24;
    },
    onResize: (listener) => {
      stream.on('resize', listener);
      return () => void stream.off('resize', listener);
    },
  };
}

const ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/y;

/**
 * Cuts a line (which may hold colour escapes) to `width` terminal columns, ending it with '…'
 * when something was cut; escapes are kept and a reset is added after a cut, so colour never
 * leaks into the next line.
 */
export function clipLine(line: string, width: number): string {
  if (textWidth(stripEscapes(line)) <= width) return line;
  let out = '';
  let used = 0;
  let i = 0;
  while (i < line.length) {
    ESCAPE.lastIndex = i;
    const escape = ESCAPE.exec(line);
    if (escape !== null) {
      out += escape[0];
      i += escape[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    const w = textWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
    i += ch.length;
  }
  return out + '\x1b[0m…';
}

export function stripEscapes(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/**
 * Draws frames in place: each frame replaces the previous one (the cursor goes back up over
 * it, each line is rewritten, and what is left below is erased). Lines are cut to the width
 * of the terminal and frames to its height less one line, because a line that wraps or a
 * frame that scrolls could not be found again to be overwritten.
 */
export class FrameWriter {
  private height = 0;

  constructor(private readonly screen: Screen) {}

  draw(lines: readonly string[]): void {
    const width = Math.max(10, this.screen.columns - 1);
    const room = Math.max(1, this.screen.rows - 1);
    const shown = lines.length > room ? lines.slice(0, room) : lines;
    let text = this.height > 0 ? `\r\x1b[${this.height}A` : '\r';
    for (const line of shown) text += '\x1b[2K' + clipLine(line, width) + '\n';
    text += '\x1b[J';
    this.height = shown.length;
    this.screen.write(text);
  }

  /** Forgets the last frame (after the screen was cleared): the next one starts where the cursor is. */
  reset(): void {
    this.height = 0;
  }
}
