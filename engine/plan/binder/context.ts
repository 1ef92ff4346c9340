import type { SqlLocation } from '../../errors/location.js';
import type { Span } from '../../sql/ast.js';
import type { Catalog } from '../catalog.js';

/**
 * What binding one statement needs: the catalog, the text the AST's spans point into, and
 * the objects the statement reads (its dependencies, for DROP … RESTRICT).
 */
export class BindContext {
  /** Names of catalog objects read directly by the statement. */
  readonly reads = new Set<string>();
  /** Where bound expressions were written, for errors found after binding (ungrouped columns). */
  readonly exprLocs = new WeakMap<object, SqlLocation>();

  constructor(
    readonly catalog: Catalog,
    readonly source: string,
  ) {}

  loc(span: Span): SqlLocation {
    return { kind: 'sql', source: this.source, start: span.start, end: span.end };
  }

  /** The text of a span, whitespace collapsed: how an unnamed expression column is named. */
  text(span: Span): string {
    return this.source.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  }

  /** A context for binding a stored query (a stream's), whose spans point into its own text. */
  nested(source: string): BindContext {
    return new BindContext(this.catalog, source);
  }
}
