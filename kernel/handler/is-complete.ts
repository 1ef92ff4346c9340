import { completeness } from '../../engine/index.js';
import { parseCell, sqlOfCell } from './cell.js';

export type IsCompleteReply = { readonly status: 'complete' | 'invalid' } | { readonly status: 'incomplete'; readonly indent: string };

/**
 * Whether a console should run the code or read another line: magics and `name?` are
 * complete lines; SQL is complete when its last statement ends with ';' and every bracket,
 * quote and comment is closed (the engine's `completeness`).
 */
export function isComplete(code: string): IsCompleteReply {
  const cell = parseCell(code);
  if (cell.kind === 'page') return { status: 'complete' };
  if (!cell.parts.some((p) => p.kind === 'sql')) return cell.parts.length > 0 ? { status: 'complete' } : { status: 'incomplete', indent: '' };
  return completeness(sqlOfCell(code));
}
