import { aggregateNames } from '../plan/aggregates.js';
import type { Catalog } from '../plan/catalog.js';
import { SCALAR_FUNCTIONS } from '../plan/functions/registry.js';
import { KEYWORDS } from '../sql/keywords.js';

export interface Completions {
  readonly matches: readonly string[];
  /** The text to replace: [start, end) in UTF-16 offsets of the input. */
  readonly start: number;
  readonly end: number;
}

const WORD = /[\p{L}\p{N}_$]/u;
/** After these words a name of a source, table, stream or view is expected. */
const OBJECT_POSITION = new Set(['FROM', 'JOIN', 'INTO', 'TABLE', 'SOURCE', 'STREAM', 'VIEW', 'SINK', 'DESCRIBE', 'DESC']);

/**
 * Completions at a cursor: after `x.`, the columns of object (or alias) x; after FROM and
 * similar words, object names; elsewhere columns of the objects the statement reads, then
 * object names, functions and keywords. Matching ignores case; keywords follow the case the
 * user types.
 */
export function complete(text: string, cursor: number, catalog: Catalog): Completions {
  let start = cursor;
  while (start > 0 && WORD.test(text[start - 1]!)) start--;
  let end = cursor;
  while (end < text.length && WORD.test(text[end]!)) end++;
  const prefix = text.slice(start, cursor);
  const statement = currentStatement(text, start);
  const matchesPrefix = (name: string) => name.toLowerCase().startsWith(prefix.toLowerCase());

  if (text[start - 1] === '.') {
    let q = start - 1;
    while (q > 0 && WORD.test(text[q - 1]!)) q--;
    const qualifier = text.slice(q, start - 1).toLowerCase();
    const target = catalog.get(qualifier) ?? catalog.get(aliases(statement).get(qualifier) ?? '');
    const columns = target ? target.schema.map((f) => f.name).filter(matchesPrefix) : [];
    return { matches: columns, start, end };
  }

  const objects = catalog.names().filter(matchesPrefix);
  const before = text.slice(0, start).trimEnd();
  const previousWord = /(\w+)$/.exec(before)?.[1]?.toUpperCase();
  if (previousWord && OBJECT_POSITION.has(previousWord)) return { matches: objects.sort(), start, end };

  const read = [...aliases(statement).values()].map((n) => catalog.get(n)).filter((e) => e !== undefined);
  const columns = [...new Set(read.flatMap((e) => e.schema.map((f) => f.name)))].filter(matchesPrefix);
  const functions = [...new Set([...SCALAR_FUNCTIONS.keys(), ...aggregateNames()])].filter(matchesPrefix).sort();
  const upper = prefix !== '' && prefix === prefix.toUpperCase() && /\p{L}/u.test(prefix);
  const keywords = [...new Set(KEYWORDS)].filter(matchesPrefix).map((k) => (prefix === '' || upper ? k : k.toLowerCase())).sort();
  const matches = [...new Set([...columns, ...objects.sort(), ...functions, ...keywords])];
  return { matches, start, end };
}

/** The text of the statement around an offset (between semicolons). */
function currentStatement(text: string, at: number): string {
  const from = text.lastIndexOf(';', at - 1) + 1;
  const to = text.indexOf(';', at);
  return text.slice(from, to < 0 ? text.length : to);
}

/** Objects a statement reads, by the name they are referred to with (alias or own name). */
function aliases(statement: string): Map<string, string> {
  const map = new Map<string, string>();
  const re = /\b(?:FROM|JOIN)\s+("?)([\p{L}\p{N}_$]+)\1(?:\s+(?:AS\s+)?(?!(?:WHERE|GROUP|ORDER|LIMIT|HAVING|UNION|JOIN|ON|EMIT|WINDOW)\b)([\p{L}\p{N}_$]+))?/giu;
  for (const m of statement.matchAll(re)) {
    const name = m[1] ? m[2]! : m[2]!.toLowerCase();
    map.set(name, name);
    if (m[3]) map.set(m[3].toLowerCase(), name);
  }
  return map;
}
