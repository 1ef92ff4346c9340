import type { SqlLocation } from '../errors/location.js';
import type { Span } from '../sql/ast.js';
import type { ExecuteOptions } from './statement-result.js';
import type { SessionState } from './session-state.js';

/** What executing one statement has at hand. */
export interface ExecContext {
  readonly state: SessionState;
  /** The text the statement's spans point into (the whole cell or script). */
  readonly source: string;
  readonly options: ExecuteOptions;
  /** Waits until pushed rows have reached every query reading them. */
  settle(): Promise<void>;
}

export function locOf(ctx: ExecContext, span: Span): SqlLocation {
  return { kind: 'sql', source: ctx.source, start: span.start, end: span.end };
}
