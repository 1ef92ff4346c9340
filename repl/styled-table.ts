import type { Theme } from './colour.js';

const NOTE = /^(?:… \d+ (?:more|earlier) rows?|\(\d+ rows?\))$/;

/**
 * Colours the lines of `formatTable`: the header (names and types) bold; the rule, elision and
 * footer lines dim. The text itself is unchanged.
 */
export function styleTable(lines: readonly string[], theme: Theme): string[] {
  if (theme.level === 0) return [...lines];
  const hasHeader = lines[1]?.startsWith('─') === true;
  return lines.map((line, i) => {
    if (hasHeader && i === 0) return theme.header(line);
    if ((hasHeader && i === 1) || NOTE.test(line)) return theme.dim(line);
    return line;
  });
}
