import { isMap, NotebookError, tagsOf, type Cell, type Json, type Notebook } from './notebook.js';

/** A regular expression and its replacement, applied to the compared form of outputs. */
export interface Sanitizer {
  readonly regex: RegExp;
  readonly replacement: string;
}

/** How the replayer treats one code cell. */
export interface CellOptions {
  /** `skip-execution`: not run, its saved outputs kept. */
  readonly skip: boolean;
  /** `nbval-ignore-output` / `ignore-output`: run, outputs not compared. */
  readonly ignoreOutput: boolean;
  /** `raises-exception`: the cell must fail; with `metadata.laminar.raises`, with that error code. */
  readonly raises: { readonly code: string | null } | null;
  /** The notebook's sanitizers, then the cell's. */
  readonly sanitizers: readonly Sanitizer[];
}

/**
 * Reads the conventions of nbval and nbclient: the tags `skip-execution`, `raises-exception`,
 * `nbval-ignore-output` and `ignore-output`; and LaminarDB's metadata, in the notebook's or a
 * cell's `metadata.laminar`:
 *
 *   "laminar": { "sanitizers": [{ "regex": "\\d+ events/s", "replacement": "N events/s" }],
 *                "raises": "UNKNOWN_COLUMN" }
 */
export function cellOptions(nb: Notebook, cell: Cell, where: string): CellOptions {
  const tags = tagsOf(cell);
  const own = laminarOf(cell.metadata.laminar, where);
  const raisesCode = own.raises;
  if (raisesCode !== undefined && typeof raisesCode !== 'string') throw new NotebookError(`${where}: metadata.laminar.raises must be an error code, like "UNKNOWN_COLUMN"`);
  return {
    skip: tags.includes('skip-execution'),
    ignoreOutput: tags.includes('nbval-ignore-output') || tags.includes('ignore-output'),
    raises: tags.includes('raises-exception') || raisesCode !== undefined ? { code: raisesCode ?? null } : null,
    sanitizers: [...sanitizersOf(laminarOf(nb.metadata.laminar, 'the notebook').sanitizers, 'the notebook'), ...sanitizersOf(own.sanitizers, where)],
  };
}

function laminarOf(v: Json | undefined, where: string): { [k: string]: Json } {
  if (v === undefined) return {};
  if (!isMap(v)) throw new NotebookError(`${where}: metadata.laminar must be an object`);
  return v;
}

function sanitizersOf(v: Json | undefined, where: string): Sanitizer[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new NotebookError(`${where}: metadata.laminar.sanitizers must be a list of {"regex", "replacement"}`);
  return v.map((s) => {
    if (!isMap(s) || typeof s.regex !== 'string' || typeof (s.replacement ?? '') !== 'string') {
      throw new NotebookError(`${where}: each sanitizer is {"regex": "…", "replacement": "…"}`);
    }
    try {
      return { regex: new RegExp(s.regex, 'g'), replacement: (s.replacement as string | undefined) ?? '' };
    } catch (e) {
      throw new NotebookError(`${where}: bad sanitizer regex ${JSON.stringify(s.regex)}: ${(e as Error).message}`);
    }
  });
}

/** Applies sanitizers in order. */
export function sanitize(text: string, sanitizers: readonly Sanitizer[]): string {
  return sanitizers.reduce((t, s) => t.replace(s.regex, s.replacement), text);
}
