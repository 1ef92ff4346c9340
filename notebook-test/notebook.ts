import { readFile } from 'node:fs/promises';

/** A value of a notebook's JSON. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** An output as nbformat 4 stores it (text fields joined into one string once read). */
export type Output =
  | { output_type: 'stream'; name: string; text: string }
  | { output_type: 'display_data'; data: JsonMap; metadata: JsonMap }
  | { output_type: 'execute_result'; data: JsonMap; metadata: JsonMap; execution_count: number | null }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  cell_type: string;
  source: string;
  metadata: JsonMap;
  outputs?: Output[];
  execution_count?: number | null;
  [key: string]: Json | Output[] | undefined;
}

export interface Notebook {
  cells: Cell[];
  metadata: JsonMap;
  nbformat: number;
  nbformat_minor: number;
  [key: string]: Json | Cell[];
}

export class NotebookError extends Error {
  override readonly name = 'NotebookError';
}

/** Reads a .ipynb file (nbformat 4), joining the multi-line strings nbformat splits into lists. */
export async function readNotebook(path: string): Promise<Notebook> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new NotebookError(`${path}: not a notebook: ${(e as Error).message}`);
  }
  return parseNotebook(parsed, path);
}

export function parseNotebook(value: unknown, path: string): Notebook {
  if (!isMap(value) || !Array.isArray(value.cells) || value.nbformat !== 4) throw new NotebookError(`${path}: not an nbformat 4 notebook`);
  const nb = value as unknown as Notebook;
  for (const cell of nb.cells) {
    cell.source = joined(cell.source);
    cell.metadata ??= {};
    for (const out of cell.outputs ?? []) {
      if (out.output_type === 'stream') out.text = joined(out.text);
      if (out.output_type === 'display_data' || out.output_type === 'execute_result') {
        for (const [mime, v] of Object.entries(out.data)) if (!isJsonMime(mime) && Array.isArray(v) && v.every((l) => typeof l === 'string')) out.data[mime] = v.join('');
      }
    }
  }
  return nb;
}

/** application/json and application/…+json values are JSON, not text (nbformat's rule). */
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function joined(v: Json | undefined): string {
  if (Array.isArray(v)) return v.filter((l) => typeof l === 'string').join('');
  return typeof v === 'string' ? v : '';
}

/** The cell's tags (`metadata.tags`). */
export function tagsOf(cell: Cell): string[] {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}
