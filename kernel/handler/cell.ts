/** What a cell holds: magics and SQL, in order, or a `?name` help request. */
export type CellPart =
  | { readonly kind: 'magic'; readonly name: string; readonly args: string; readonly line: number }
  /**
   * SQL between magic lines. `text` is the whole cell up to the end of this part, with every
   * line before the part emptied: error positions (line, column) are then those of the cell.
   */
  | { readonly kind: 'sql'; readonly text: string };

export type Cell =
  | { readonly kind: 'page'; readonly target: string }
  | { readonly kind: 'parts'; readonly parts: readonly CellPart[] };

const MAGIC_LINE = /^\s*%([A-Za-z_]\w*)(?:[ \t]+(.*?))?\s*$/;
const PAGE = /^\s*(?:\?\s*(%?[\p{L}\p{N}_$.]+)|(%?[\p{L}\p{N}_$.]+)\s*\?)\s*$/u;

/**
 * Splits a cell: a line starting with `%name` is a magic (its arguments are the rest of the
 * line); the lines between magics are SQL. A cell that is only `name?` or `?name` asks for
 * help on an object or magic (shown in the pager, as IPython does).
 */
export function parseCell(code: string): Cell {
  const page = PAGE.exec(code);
  if (page) return { kind: 'page', target: (page[1] ?? page[2])! };
  const lines = code.split('\n');
  const parts: CellPart[] = [];
  let sqlStart = 0;
  const flushSql = (end: number): void => {
    const body = lines.slice(sqlStart, end);
    if (body.some((l) => l.trim() !== '')) parts.push({ kind: 'sql', text: '\n'.repeat(sqlStart) + body.join('\n') });
  };
  for (let i = 0; i < lines.length; i++) {
    const m = MAGIC_LINE.exec(lines[i]!);
    if (!m) continue;
    flushSql(i);
    parts.push({ kind: 'magic', name: m[1]!.toLowerCase(), args: m[2] ?? '', line: i + 1 });
    sqlStart = i + 1;
  }
  flushSql(lines.length);
  return { kind: 'parts', parts };
}

/** The cell's SQL with magic lines emptied (for is_complete and completion). */
export function sqlOfCell(code: string): string {
  return code
    .split('\n')
    .map((l) => (MAGIC_LINE.test(l) ? '' : l))
    .join('\n');
}
