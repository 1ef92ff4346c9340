import { isLaminarError } from '../errors/laminar-error.js';
import { tokenize } from './lexer.js';

export type Completeness =
  | { readonly status: 'complete' }
  /** `indent`: what the next line should start with (open brackets, one level each). */
  | { readonly status: 'incomplete'; readonly indent: string }
  | { readonly status: 'invalid' };

/**
 * Whether input is ready to run, for consoles (Jupyter's is_complete, the REPL's continuation
 * prompt): complete when the last statement ends with ';' and every quote, comment and bracket
 * is closed; incomplete while something is open or the final ';' is missing; invalid when it
 * can never become valid by adding text (a stray ')', an unknown character).
 */
export function completeness(text: string): Completeness {
  if (text.trim() === '') return { status: 'incomplete', indent: '' };
  let tokens;
  try {
    tokens = tokenize(text);
  } catch (e) {
    if (isLaminarError(e) && e.code === 'UNTERMINATED_LITERAL') return { status: 'incomplete', indent: '' };
    return { status: 'invalid' };
  }
  let depth = 0;
  for (const t of tokens) {
    if (t.kind !== 'op') continue;
    if (t.value === '(' || t.value === '[') depth++;
    else if (t.value === ')' || t.value === ']') {
      if (--depth < 0) return { status: 'invalid' };
    }
  }
  const meaningful = tokens.filter((t) => t.kind !== 'eof');
  if (meaningful.length === 0) return { status: 'complete' };
  const last = meaningful[meaningful.length - 1]!;
  if (depth > 0) return { status: 'incomplete', indent: '  '.repeat(depth) };
  return last.kind === 'op' && last.value === ';' ? { status: 'complete' } : { status: 'incomplete', indent: '' };
}
