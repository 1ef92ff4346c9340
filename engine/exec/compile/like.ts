/**
 * SQL LIKE patterns as regular expressions: `%` any run, `_` one character (code point), the
 * escape character (when given) makes the next character literal. Matches the whole string.
 */
export function likeToRegExp(pattern: string, escape: string | null, caseInsensitive: boolean): RegExp {
  let re = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== null && c === escape && i + 1 < chars.length) {
      re += escapeRegExp(chars[++i]!);
    } else if (c === '%') {
      re += '[\\s\\S]*';
    } else if (c === '_') {
      re += '[\\s\\S]';
    } else {
      re += escapeRegExp(c);
    }
  }
  return new RegExp(`^${re}$`, caseInsensitive ? 'iu' : 'u');
}

function escapeRegExp(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** A cheaper test than a RegExp for the common shapes 'abc', 'abc%', '%abc', '%abc%'. */
export function likeFastPath(pattern: string, escape: string | null): { op: 'equals' | 'startsWith' | 'endsWith' | 'includes'; text: string } | null {
  if (escape !== null && pattern.includes(escape)) return null;
  if (pattern.includes('_')) return null;
  const inner = pattern.replace(/^%/, '').replace(/%$/, '');
  if (inner.includes('%')) return null;
  const lead = pattern.startsWith('%');
  const trail = pattern.endsWith('%') && pattern.length > 1;
  if (lead && trail) return { op: 'includes', text: inner };
  if (lead) return { op: 'endsWith', text: inner };
  if (trail) return { op: 'startsWith', text: inner };
  return { op: 'equals', text: pattern };
}
