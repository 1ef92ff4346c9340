import type { BoundExpr } from '../bound-expr.js';

/**
 * Rewrites an expression top-down: `f` returns a replacement for a node, or undefined to
 * descend into its children.
 */
export function transform(e: BoundExpr, f: (node: BoundExpr) => BoundExpr | undefined): BoundExpr {
  const r = f(e);
  if (r !== undefined) return r;
  const t = (x: BoundExpr) => transform(x, f);
  switch (e.kind) {
    case 'column':
    case 'literal':
      return e;
    case 'call':
      return { ...e, args: e.args.map(t) };
    case 'and':
    case 'or':
    case 'coalesce':
      return { ...e, args: e.args.map(t) };
    case 'not':
    case 'is_null':
    case 'cast':
      return { ...e, arg: t(e.arg) };
    case 'is_distinct':
      return { ...e, left: t(e.left), right: t(e.right) };
    case 'case':
      return { ...e, whens: e.whens.map((w) => ({ when: t(w.when), then: t(w.then) })), else: e.else ? t(e.else) : null };
    case 'in_list':
      return { ...e, arg: t(e.arg), list: e.list.map(t) };
    case 'like':
      return { ...e, arg: t(e.arg), pattern: t(e.pattern) };
  }
}
