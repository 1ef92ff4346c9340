import type { Scalar } from '../exec/batch/column.js';
import type { SqlLocation } from '../errors/location.js';
import type { SqlType } from '../types/sql-type.js';
import type { ScalarFunction } from './functions/scalar-function.js';

/**
 * A typed expression over the columns of one input, produced by the binder and compiled by
 * exec/compile. Column references are input column indices. `loc` points at the SQL text of
 * nodes that can fail at run time (overflow, bad cast), so run-time errors have carets too.
 */
export type BoundExpr =
  | BoundColumn
  | BoundLiteral
  | BoundCall
  | BoundLogical
  | BoundNot
  | BoundIsNull
  | BoundIsDistinct
  | BoundCase
  | BoundCast
  | BoundInList
  | BoundLike
  | BoundCoalesce;

export type BoundExprKind = BoundExpr['kind'];

interface Typed {
  readonly type: SqlType;
  /** False when the expression can never be NULL (lets compiled code skip null checks). */
  readonly nullable: boolean;
}

export interface BoundColumn extends Typed {
  readonly kind: 'column';
  readonly index: number;
}

export interface BoundLiteral extends Typed {
  readonly kind: 'literal';
  /** Already of `type` (TIMESTAMP and INTERVAL as microseconds). */
  readonly value: Scalar;
  /** A NULL written without a type: it takes the type of what it meets (INT if nothing). */
  readonly untyped?: true;
}

export interface BoundCall extends Typed {
  readonly kind: 'call';
  readonly fn: ScalarFunction;
  readonly args: readonly BoundExpr[];
  readonly loc: SqlLocation | undefined;
}

/** AND / OR with SQL three-valued logic; operands evaluate left to right, lazily. */
export interface BoundLogical extends Typed {
  readonly kind: 'and' | 'or';
  readonly args: readonly BoundExpr[];
}

export interface BoundNot extends Typed {
  readonly kind: 'not';
  readonly arg: BoundExpr;
}

export interface BoundIsNull extends Typed {
  readonly kind: 'is_null';
  readonly arg: BoundExpr;
  readonly negated: boolean;
}

/** a IS [NOT] DISTINCT FROM b: equality where NULL equals NULL; never NULL itself. */
export interface BoundIsDistinct extends Typed {
  readonly kind: 'is_distinct';
  readonly left: BoundExpr;
  readonly right: BoundExpr;
  readonly negated: boolean;
}

/** Searched CASE: the first WHEN that is TRUE wins; only the chosen branch is evaluated. */
export interface BoundCase extends Typed {
  readonly kind: 'case';
  readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
  readonly else: BoundExpr | null;
}

export interface BoundCast extends Typed {
  readonly kind: 'cast';
  readonly arg: BoundExpr;
  /** TRY_CAST: NULL instead of INVALID_CAST. */
  readonly try: boolean;
  readonly loc: SqlLocation | undefined;
}

export interface BoundInList extends Typed {
  readonly kind: 'in_list';
  readonly arg: BoundExpr;
  readonly list: readonly BoundExpr[];
  readonly negated: boolean;
}

export interface BoundLike extends Typed {
  readonly kind: 'like';
  readonly arg: BoundExpr;
  readonly pattern: BoundExpr;
  /** The escape character, or null for none (backslash is not special unless given). */
  readonly escape: string | null;
  readonly negated: boolean;
  readonly caseInsensitive: boolean;
}

/** COALESCE(a, b, …): the first non-NULL argument; later arguments evaluate only if needed. */
export interface BoundCoalesce extends Typed {
  readonly kind: 'coalesce';
  readonly args: readonly BoundExpr[];
}

/** Calls `visit` on every direct child of an expression. */
export function forEachChild(e: BoundExpr, visit: (child: BoundExpr) => void): void {
  switch (e.kind) {
    case 'column':
    case 'literal':
      return;
    case 'call':
    case 'and':
    case 'or':
    case 'coalesce':
      e.args.forEach(visit);
      return;
    case 'not':
    case 'is_null':
    case 'cast':
      visit(e.arg);
      return;
    case 'is_distinct':
      visit(e.left);
      visit(e.right);
      return;
    case 'case':
      for (const w of e.whens) {
        visit(w.when);
        visit(w.then);
      }
      if (e.else) visit(e.else);
      return;
    case 'in_list':
      visit(e.arg);
      e.list.forEach(visit);
      return;
    case 'like':
      visit(e.arg);
      visit(e.pattern);
      return;
  }
}

/** The input columns an expression reads. */
export function referencedColumns(e: BoundExpr, into = new Set<number>()): Set<number> {
  if (e.kind === 'column') into.add(e.index);
  else forEachChild(e, (c) => referencedColumns(c, into));
  return into;
}

/** Rebuilds an expression with every column reference replaced. */
export function mapColumns(e: BoundExpr, f: (c: BoundColumn) => BoundExpr): BoundExpr {
  return transform(e, (node) => (node.kind === 'column' ? f(node) : undefined));
}

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

/** A key equal for structurally equal expressions (ignores locations), for GROUP BY matching. */
export function exprKey(e: BoundExpr): string {
  switch (e.kind) {
    case 'column':
      return `#${e.index}`;
    case 'literal':
      return `lit(${e.type}:${JSON.stringify(e.value)})`;
    case 'call':
      return `${e.fn.name}(${e.args.map(exprKey).join(',')})`;
    case 'and':
    case 'or':
    case 'coalesce':
      return `${e.kind}(${e.args.map(exprKey).join(',')})`;
    case 'not':
      return `not(${exprKey(e.arg)})`;
    case 'is_null':
      return `isnull${e.negated ? '!' : ''}(${exprKey(e.arg)})`;
    case 'cast':
      return `${e.try ? 'try_' : ''}cast(${exprKey(e.arg)} as ${e.type})`;
    case 'is_distinct':
      return `distinct${e.negated ? '!' : ''}(${exprKey(e.left)},${exprKey(e.right)})`;
    case 'case':
      return `case(${e.whens.map((w) => `${exprKey(w.when)}:${exprKey(w.then)}`).join(';')};${e.else ? exprKey(e.else) : ''})`;
    case 'in_list':
      return `in${e.negated ? '!' : ''}(${exprKey(e.arg)};${e.list.map(exprKey).join(',')})`;
    case 'like':
      return `like${e.negated ? '!' : ''}${e.caseInsensitive ? 'i' : ''}(${exprKey(e.arg)},${exprKey(e.pattern)},${e.escape ?? ''})`;
  }
}
