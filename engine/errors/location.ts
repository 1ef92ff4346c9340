/** Where an error happened: a span of SQL text, or a place in a data file. */
export type ErrorLocation = SqlLocation | FileLocation;

export interface SqlLocation {
  readonly kind: 'sql';
  /** The whole text that was executed (a cell, a script), so line numbers match the user's. */
  readonly source: string;
  /** Offsets into `source`, in UTF-16 code units; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface FileLocation {
  readonly kind: 'file';
  readonly path: string;
  /** 1-based line number; for Arrow files, the 1-based row number. */
  readonly line: number;
}

/** 1-based line and column of an offset; columns count code points, as editors do. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = [...source.slice(lineStart, offset)].length + 1;
  return { line, column };
}

/**
 * A caret excerpt of the line where a span starts:
 *
 *     3 | SELECT prce FROM trades
 *       |        ^^^^
 */
export function caretExcerpt(loc: SqlLocation): string {
  const { line, column } = lineAndColumn(loc.source, loc.start);
  const lines = loc.source.split('\n');
  const text = (lines[line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
  const lineLength = [...text].length;
  const spanInLine = Math.min(loc.end, loc.start + (lineLength - column + 1)) - loc.start;
  const width = Math.max(1, [...loc.source.slice(loc.start, loc.start + Math.max(spanInLine, 0))].length);
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  return `${gutter} | ${text}\n${pad} | ${' '.repeat(column - 1)}${'^'.repeat(width)}`;
}
