import { LaminarError } from '../../errors/laminar-error.js';
import { closest } from '../../sql/parser/cursor.js';
import type { Call, Expr } from '../../sql/ast.js';
import type { SqlType } from '../../types/sql-type.js';
import { aggregateNames, isAggregateName, resolveAggregate, type AggregateKind } from '../aggregates.js';
import { exprKey as exprKeyOf, type BoundExpr } from '../bound-expr.js';
import { castExpr } from '../cast-rules.js';
import { resolveBinaryOperator, resolveComparison, resolveNegate, unifyTypes } from '../functions/operators.js';
import { SCALAR_FUNCTIONS } from '../functions/registry.js';
import { commonType, expect, type CallSite } from '../functions/resolve.js';
import { resolveExtract } from '../functions/time-functions.js';
import { bindLiteral } from './bind-literal.js';
import type { BindContext } from './context.js';
import type { Scope } from './scope.js';

/** An aggregate call found while binding a SELECT, before it is placed in the plan. */
export interface FoundAggregate {
  readonly kind: AggregateKind;
  readonly arg: BoundExpr | null;
  readonly filter: BoundExpr | null;
  readonly distinct: boolean;
  readonly display: string;
  readonly type: SqlType;
  readonly nullable: boolean;
}

/**
 * Collects the aggregates of a grouped SELECT. Each is stood in for by a placeholder column
 * with a negative index (-1 for the first aggregate), replaced once the aggregate's output
 * position is known.
 */
export class AggregateCollector {
  readonly found: FoundAggregate[] = [];
  private readonly keys: string[] = [];

  add(a: FoundAggregate, key: string): BoundExpr {
    let k = this.keys.indexOf(key);
    if (k < 0) {
      k = this.found.push(a) - 1;
      this.keys.push(key);
    }
    return { kind: 'column', index: -1 - k, type: a.type, nullable: a.nullable };
  }
}

export interface ExprOptions {
  /** Where aggregates may appear; null where they may not. */
  readonly aggregates: AggregateCollector | null;
  /** The clause being bound, for "aggregates are not allowed in WHERE". */
  readonly clause: string;
  /** The scope of aggregate arguments when it differs (without window_start / window_end). */
  readonly argScope?: Scope;
}

export function bindExpr(e: Expr, scope: Scope, ctx: BindContext, opts: ExprOptions): BoundExpr {
  const b = bind(e, scope, ctx, opts);
  if (!ctx.exprLocs.has(b)) ctx.exprLocs.set(b, ctx.loc(e.span));
  return b;
}

/** Binds a condition, which must be BOOLEAN (a NULL literal is an unknown BOOLEAN). */
export function bindCondition(e: Expr, scope: Scope, ctx: BindContext, opts: ExprOptions): BoundExpr {
  return asBoolean(bindExpr(e, scope, ctx, opts), ctx, e, opts.clause);
}

function asBoolean(b: BoundExpr, ctx: BindContext, e: Expr, clause: string): BoundExpr {
  if (b.type === 'BOOLEAN') return b;
  if (b.kind === 'literal' && b.value === null) return castExpr(b, 'BOOLEAN', undefined, false);
  throw new LaminarError('TYPE_MISMATCH', `${clause} must be a BOOLEAN condition, not ${b.type}`, { location: ctx.loc(e.span) });
}

function bind(e: Expr, scope: Scope, ctx: BindContext, opts: ExprOptions): BoundExpr {
  const sub = (x: Expr) => bindExpr(x, scope, ctx, opts);
  const site = (name: string, args: readonly Expr[]): CallSite => ({ name, loc: ctx.loc(e.span), argLocs: args.map((a) => ctx.loc(a.span)) });
  switch (e.kind) {
    case 'literal':
      return bindLiteral(e, ctx);
    case 'column': {
      const c = scope.resolve(e, ctx);
      const f = scope.schema[c.index]!;
      return { kind: 'column', index: c.index, type: f.type, nullable: f.nullable };
    }
    case 'unary': {
      const a = sub(e.operand);
      if (e.op === 'NOT') return { kind: 'not', arg: asBoolean(a, ctx, e.operand, 'NOT'), type: 'BOOLEAN', nullable: a.nullable };
      if (e.op === '-') return resolveNegate(a, site('-', [e.operand]));
      return expect([a], 0, a.type === 'INTERVAL' ? 'INTERVAL' : a.type === 'INT' || a.type === 'BIGINT' ? a.type : 'DOUBLE', site('+', [e.operand]));
    }
    case 'binary': {
      if (e.op === 'AND' || e.op === 'OR') {
        const kind = e.op === 'AND' ? 'and' : 'or';
        const parts = [asBoolean(sub(e.left), ctx, e.left, e.op), asBoolean(sub(e.right), ctx, e.right, e.op)];
        // Flatten a AND (b AND c) into one n-ary node.
        const args = parts.flatMap((p) => (p.kind === kind ? p.args : [p]));
        return { kind, args, type: 'BOOLEAN', nullable: args.some((a) => a.nullable) };
      }
      const s: CallSite = { name: e.op, loc: ctx.loc(e.span), argLocs: [ctx.loc(e.left.span), ctx.loc(e.right.span)] };
      return resolveBinaryOperator(e.op, sub(e.left), sub(e.right), s);
    }
    case 'is_null':
      return { kind: 'is_null', arg: sub(e.operand), negated: e.negated, type: 'BOOLEAN', nullable: false };
    case 'is_distinct': {
      const [l, r] = unifyTypes(sub(e.left), sub(e.right), site('IS DISTINCT FROM', [e.left, e.right]), 'compare');
      return { kind: 'is_distinct', left: l, right: r, negated: e.negated, type: 'BOOLEAN', nullable: false };
    }
    case 'between': {
      const x = sub(e.operand);
      const s = site('BETWEEN', [e.operand, e.low, e.high]);
      const lo = resolveComparison('>=', x, sub(e.low), { ...s, argLocs: [s.argLocs[0]!, s.argLocs[1]!] });
      const hi = resolveComparison('<=', x, sub(e.high), { ...s, argLocs: [s.argLocs[0]!, s.argLocs[2]!] });
      const both: BoundExpr = { kind: 'and', args: [lo, hi], type: 'BOOLEAN', nullable: lo.nullable || hi.nullable };
      return e.negated ? { kind: 'not', arg: both, type: 'BOOLEAN', nullable: both.nullable } : both;
    }
    case 'in_list': {
      const s = site('IN', [e.operand, ...e.list]);
      const all = commonType([sub(e.operand), ...e.list.map(sub)], (l, r) => unifyTypes(l, r, s, 'compare'));
      const [arg, ...list] = all;
      return { kind: 'in_list', arg: arg!, list, negated: e.negated, type: 'BOOLEAN', nullable: all.some((a) => a.nullable) };
    }
    case 'like': {
      const op = e.caseInsensitive ? 'ILIKE' : 'LIKE';
      const arg = expect([sub(e.operand)], 0, 'VARCHAR', site(`the value before ${op}`, [e.operand]));
      const pattern = expect([sub(e.pattern)], 0, 'VARCHAR', site(`the ${op} pattern`, [e.pattern]));
      let escape: string | null = null;
      if (e.escape) {
        const esc = sub(e.escape);
        if (esc.kind !== 'literal' || typeof esc.value !== 'string' || [...esc.value].length !== 1) {
          throw new LaminarError('INVALID_ARGUMENT', 'ESCAPE must be a single character', { location: ctx.loc(e.escape.span) });
        }
        escape = esc.value;
      }
      return { kind: 'like', arg, pattern, escape, negated: e.negated, caseInsensitive: e.caseInsensitive, type: 'BOOLEAN', nullable: arg.nullable || pattern.nullable };
    }
    case 'case':
      return bindCase(e, scope, ctx, opts);
    case 'cast':
      return castExpr(sub(e.operand), e.type.type, ctx.loc(e.span), e.try);
    case 'extract':
      return resolveExtract(ctx.text(e.fieldSpan).replace(/'/g, ''), sub(e.operand), ctx.loc(e.fieldSpan), site('extract', [e.operand]));
    case 'call':
      return bindCall(e, scope, ctx, opts);
    case 'window_function':
      throw new LaminarError('UNSUPPORTED', `${e.name.name.toUpperCase()}() OVER (…) is only supported as a whole select item, e.g. ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn`, { location: ctx.loc(e.span) });
  }
}

function bindCase(e: Extract<Expr, { kind: 'case' }>, scope: Scope, ctx: BindContext, opts: ExprOptions): BoundExpr {
  const sub = (x: Expr) => bindExpr(x, scope, ctx, opts);
  const operand = e.operand ? sub(e.operand) : null;
  const whens = e.whens.map((w) => {
    if (!operand) return bindCondition(w.when, scope, ctx, { ...opts, clause: 'WHEN' });
    const s: CallSite = { name: 'CASE', loc: ctx.loc(w.when.span), argLocs: [ctx.loc(e.operand!.span), ctx.loc(w.when.span)] };
    return resolveComparison('=', operand, sub(w.when), s);
  });
  const results = [...e.whens.map((w) => sub(w.then)), ...(e.else ? [sub(e.else)] : [])];
  const s: CallSite = { name: 'CASE', loc: ctx.loc(e.span), argLocs: [...e.whens.map((w) => ctx.loc(w.then.span)), ...(e.else ? [ctx.loc(e.else.span)] : [])] };
  const unified = commonType(results, (l, r) => unifyTypes(l, r, s, 'combine the results'));
  const type = unified[0]!.type;
  return {
    kind: 'case',
    whens: whens.map((when, i) => ({ when, then: unified[i]! })),
    else: e.else ? unified[unified.length - 1]! : null,
    type,
    nullable: e.else === null || unified.some((u) => u.nullable),
  };
}

function bindCall(e: Call, scope: Scope, ctx: BindContext, opts: ExprOptions): BoundExpr {
  const name = e.name.name.toLowerCase();
  const location = ctx.loc(e.span);
  if (isAggregateName(name)) return bindAggregate(e, name, scope, ctx, opts);
  if (e.star) throw new LaminarError('SYNTAX_ERROR', `${name}(*) is not valid`, { location });
  if (e.distinct) throw new LaminarError('SYNTAX_ERROR', `DISTINCT is only valid in aggregate calls, and ${name} is not an aggregate`, { location });
  if (e.filter) throw new LaminarError('SYNTAX_ERROR', `FILTER is only valid on aggregates, and ${name} is not one`, { location });
  const fn = SCALAR_FUNCTIONS.get(name);
  if (!fn) {
    const guess = closest(name, [...SCALAR_FUNCTIONS.keys(), ...aggregateNames()]);
    throw new LaminarError('UNKNOWN_FUNCTION', `function ${name} does not exist`, { location: ctx.loc(e.name.span), ...(guess ? { hint: `did you mean ${guess}?` } : {}) });
  }
  if (e.args.length < fn.minArgs || e.args.length > fn.maxArgs) {
    const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
    throw new LaminarError('WRONG_ARGUMENT_COUNT', `${name} takes ${expected} argument${expected === '1' ? '' : 's'}, not ${e.args.length}`, { location, hint: fn.signature });
  }
  const args = e.args.map((a) => bindExpr(a, scope, ctx, opts));
  return fn.resolve(args, { name, loc: location, argLocs: e.args.map((a) => ctx.loc(a.span)) });
}

function bindAggregate(e: Call, name: string, scope: Scope, ctx: BindContext, opts: ExprOptions): BoundExpr {
  const location = ctx.loc(e.span);
  if (!opts.aggregates) {
    throw new LaminarError('NESTED_AGGREGATE', `aggregate ${name} is not allowed in ${opts.clause}`, { location });
  }
  if (e.args.length > 1) throw new LaminarError('WRONG_ARGUMENT_COUNT', `${name} takes one argument, not ${e.args.length}`, { location });
  // Arguments and FILTER see the input rows: no aggregates inside aggregates.
  const inner: ExprOptions = { aggregates: null, clause: `the argument of ${name}` };
  const argScope = opts.argScope ?? scope;
  const arg = e.args[0] ? bindExpr(e.args[0], argScope, ctx, inner) : null;
  const filter = e.filter ? bindCondition(e.filter, argScope, ctx, { aggregates: null, clause: 'FILTER' }) : null;
  const resolved = resolveAggregate(name, arg ? (arg.kind === 'literal' && arg.value === null ? 'INT' : arg.type) : null, e.star, location, e.args[0] ? ctx.loc(e.args[0].span) : undefined);
  if (e.distinct && resolved.kind === 'count_star') throw new LaminarError('SYNTAX_ERROR', 'count(DISTINCT *) is not valid', { location });
  const display = ctx.text(e.span);
  const key = `${resolved.kind}|${e.distinct}|${arg ? exprKeyOf(arg) : '*'}|${filter ? exprKeyOf(filter) : ''}`;
  return opts.aggregates.add({ kind: resolved.kind, arg, filter, distinct: e.distinct, display, type: resolved.type, nullable: resolved.nullable }, key);
}

