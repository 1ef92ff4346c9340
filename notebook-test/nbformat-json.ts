import type { Json, Notebook } from './notebook.js';
import { isJsonMime } from './notebook.js';

/**
 * A notebook as nbformat writes it (`nbformat.write`): text fields split into lists of lines
 * (Python's `str.splitlines(True)`), keys sorted, one space of indentation, a newline at the
 * end. Writing what nbformat writes keeps git diffs of re-recorded notebooks to the outputs.
 */
export function formatNotebook(nb: Notebook): string {
  const copy = structuredClone(nb) as unknown as { cells: { [k: string]: Json }[] };
  for (const cell of copy.cells) {
    if (typeof cell.source === 'string') cell.source = splitLines(cell.source);
    if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) continue;
    for (const out of cell.outputs as { [k: string]: Json }[]) {
      if (out.output_type === 'stream' && typeof out.text === 'string') out.text = splitLines(out.text);
      const data = out.data;
      if ((out.output_type === 'display_data' || out.output_type === 'execute_result') && typeof data === 'object' && data !== null && !Array.isArray(data)) {
        for (const [mime, v] of Object.entries(data)) {
          if (typeof v === 'string' && !isJsonMime(mime) && (mime.startsWith('text/') || mime === 'image/svg+xml' || mime === 'application/javascript')) data[mime] = splitLines(v);
        }
      }
    }
  }
  return JSON.stringify(sortKeys(copy), null, 1) + '\n';
}

/** Python's `str.splitlines(keepends=True)`. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    lines.push(text.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: { [k: string]: Json } = {};
  // Python sorts keys by code point; JS string comparison is by UTF-16 unit, the same for
  // keys of the Basic Multilingual Plane.
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]!);
  return out;
}
