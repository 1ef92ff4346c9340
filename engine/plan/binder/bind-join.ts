import { LaminarError } from '../../errors/laminar-error.js';
import type { Field, Schema } from '../../exec/batch/batch.js';
import type { Expr, FromItem, Ident, JoinRef } from '../../sql/ast.js';
import type { BoundExpr } from '../bound-expr.js';
import { evaluateConstant } from '../constant.js';
import { resolveComparison } from '../functions/operators.js';
import type { AsofMatch, JoinKind, LogicalPlan, TemporalSpec } from '../logical.js';
import { bindCondition, bindExpr } from './bind-expr.js';
import type { BoundFrom } from './bind-from.js';
import type { BindContext } from './context.js';
import { columnRef, project } from './plan-builders.js';
import { Scope, type ScopeColumn } from './scope.js';

/**
 * A join in FROM: both inputs bound, then the condition over their columns (left first). The
 * strategy (regular, interval, ASOF, temporal, lookup) is chosen when the plan is lowered,
 * knowing which inputs are bounded, append-only and watermarked.
 */
export function bindJoin(j: JoinRef, ctx: BindContext, bindItem: (item: FromItem, asRight: boolean) => BoundFrom): BoundFrom {
  const left = bindItem(j.left, false);
  const right = bindItem(j.right, true);
  for (const q of qualifiers(right.scope)) {
    if (qualifiers(left.scope).has(q)) {
      throw new LaminarError('DUPLICATE_OBJECT', `the input name '${q}' appears twice in FROM`, {
        location: ctx.loc(j.right.span),
        hint: 'give one of them an alias: … JOIN t AS t2',
      });
    }
  }
  const width = left.plan.schema.length;
  const type: JoinKind = j.type === 'cross' ? 'inner' : j.type;
  const scope = new Scope(
    [...left.plan.schema, ...right.plan.schema],
    [...left.scope.columns, ...right.scope.columns.map((c) => ({ ...c, index: c.index + width }))],
  );
  const loc = ctx.loc(j.keywordSpan);

  let condition: BoundExpr | null = null;
  if (j.on) condition = bindCondition(j.on, scope, ctx, { aggregates: null, clause: 'ON' });
  const using = j.using ? bindUsing(j.using, left.scope, right.scope, width, ctx) : null;
  if (using) condition = and(using.map((u) => u.equality));

  const asof = j.asof ? bindAsof(j, scope, width, ctx) : null;
  // ON TRUE: an ASOF join without keys (every right row is a candidate).
  if (asof && condition) condition = conjuncts(condition).some((c) => !isTrue(c)) ? and(conjuncts(condition).filter((c) => !isTrue(c))) : null;
  if (asof && condition && !conjuncts(condition).every((c) => c.kind === 'call' && c.fn.name === '=')) {
    throw new LaminarError('UNSUPPORTED', 'the ON of an ASOF JOIN takes equalities only (a = b AND c = d)', {
      location: ctx.loc(j.on!.span),
      hint: 'the time condition goes in MATCH_CONDITION (…); filter other conditions in WHERE',
    });
  }
  const temporal = j.right.kind === 'table_ref' && j.right.asOf ? bindTemporal(j.right.asOf, j, left.scope, ctx) : null;
  if (asof && temporal) {
    throw new LaminarError('UNSUPPORTED', 'an ASOF JOIN cannot also be FOR SYSTEM_TIME AS OF', { location: loc });
  }

  const nullable = (f: Field, padded: boolean): Field => (padded ? { ...f, nullable: true } : f);
  const schema: Schema = [
    ...left.plan.schema.map((f) => nullable(f, type === 'right' || type === 'full')),
    ...right.plan.schema.map((f) => nullable(f, type === 'left' || type === 'full')),
  ];
  let plan: LogicalPlan = { kind: 'join', type, left: left.plan, right: right.plan, condition, asof, temporal, loc, schema };
  let columns: ScopeColumn[] = [...scope.columns];
  if (using) {
    // A USING column is one column, reachable unqualified: the left's copy (the right's for a
    // RIGHT JOIN, COALESCE of both for FULL); both copies stay reachable qualified.
    const merged: BoundExpr[] = [];
    for (const u of using) {
      const only = (c: ScopeColumn): ScopeColumn => ({ ...c, qualifiedOnly: true });
      if (type === 'full') {
        const index = schema.length + merged.length;
        const [l, r] = [columnRef(schema, u.left), columnRef(schema, u.right)];
        merged.push({ kind: 'coalesce', args: [l, r], type: l.type, nullable: l.nullable && r.nullable });
        columns = columns.flatMap((c) => (c.index === u.left ? [{ qualifier: null, name: u.name, index }, only(c)] : c.index === u.right ? [only(c)] : [c]));
      } else {
        const hidden = type === 'right' ? u.left : u.right;
        columns = columns.map((c) => (c.index === hidden ? only(c) : c));
      }
    }
    if (merged.length > 0) {
      const all = [...schema.map((_, i) => columnRef(schema, i)), ...merged];
      plan = project(plan, all, [...schema.map((f) => f.name), ...using.map((u) => u.name)]);
    }
  }
  return { plan, scope: new Scope(plan.schema, columns) };
}

function qualifiers(scope: Scope): Set<string> {
  return new Set(scope.columns.flatMap((c) => (c.qualifier === null ? [] : [c.qualifier])));
}

interface UsingColumn {
  readonly name: string;
  /** Column indices in the join's output (left columns first). */
  readonly left: number;
  readonly right: number;
  readonly equality: BoundExpr;
}

function bindUsing(names: readonly Ident[], left: Scope, right: Scope, width: number, ctx: BindContext): UsingColumn[] {
  return names.map((name) => {
    const ref = { kind: 'column' as const, table: null, name, span: name.span };
    const l = left.resolve(ref, ctx).index;
    const r = right.resolve(ref, ctx).index;
    const rf = right.schema[r]!;
    const rightRef: BoundExpr = { kind: 'column', index: r + width, type: rf.type, nullable: rf.nullable };
    const site = { name: '=', loc: ctx.loc(name.span), argLocs: [ctx.loc(name.span), ctx.loc(name.span)] };
    return { name: name.name, left: l, right: r + width, equality: resolveComparison('=', columnRef(left.schema, l), rightRef, site) };
  });
}

/** MATCH_CONDITION (l.ts >= r.ts | > | <= | < | NEAREST(l.ts, r.ts)) [TOLERANCE interval]. */
function bindAsof(j: JoinRef, scope: Scope, width: number, ctx: BindContext): AsofMatch {
  if (j.type !== 'inner' && j.type !== 'left') {
    throw new LaminarError('UNSUPPORTED', 'ASOF JOIN is inner or LEFT', { location: ctx.loc(j.keywordSpan) });
  }
  if (!j.on) throw new LaminarError('SYNTAX_ERROR', 'an ASOF JOIN needs ON with the equality keys', { location: ctx.loc(j.keywordSpan) });
  const m = j.matchCondition!;
  const bad = () =>
    new LaminarError('UNSUPPORTED', 'MATCH_CONDITION compares a left and a right TIMESTAMP column: l.ts >= r.ts, >, <=, < or NEAREST(l.ts, r.ts)', { location: ctx.loc(m.span) });
  let op: AsofMatch['op'];
  let a: Expr;
  let b: Expr;
  if (m.kind === 'binary' && ['>=', '>', '<=', '<'].includes(m.op)) {
    op = m.op as AsofMatch['op'];
    a = m.left;
    b = m.right;
  } else if (m.kind === 'call' && m.name.name.toLowerCase() === 'nearest' && m.args.length === 2 && !m.star && !m.distinct) {
    op = 'nearest';
    a = m.args[0]!;
    b = m.args[1]!;
  } else throw bad();
  let l = bindExpr(a, scope, ctx, { aggregates: null, clause: 'MATCH_CONDITION' });
  let r = bindExpr(b, scope, ctx, { aggregates: null, clause: 'MATCH_CONDITION' });
  if (l.kind !== 'column' || r.kind !== 'column' || l.type !== 'TIMESTAMP' || r.type !== 'TIMESTAMP') throw bad();
  if (l.index >= width && r.index < width) {
    [l, r] = [r, l];
    op = FLIPPED[op];
  }
  if (l.index >= width || r.index < width) throw bad();
  let tolerance: number | null = null;
  if (j.tolerance) {
    const t = bindExpr(j.tolerance, Scope.of([], null), ctx, { aggregates: null, clause: 'TOLERANCE' });
    const loc = ctx.loc(j.tolerance.span);
    if (t.type !== 'INTERVAL') throw new LaminarError('TYPE_MISMATCH', `TOLERANCE needs an INTERVAL, not ${t.type}`, { location: loc });
    const v = evaluateConstant(t, 'TOLERANCE', loc) as number | null;
    if (v === null || v < 0) throw new LaminarError('INVALID_ARGUMENT', 'TOLERANCE cannot be negative', { location: loc });
    tolerance = v;
  }
  return { op, left: l.index, right: r.index - width, tolerance };
}

const FLIPPED: Readonly<Record<AsofMatch['op'], AsofMatch['op']>> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>', nearest: 'nearest' };

/** FOR SYSTEM_TIME AS OF l.ts (the version valid then) or PROCTIME() (the current row). */
function bindTemporal(asOf: Expr, j: JoinRef, left: Scope, ctx: BindContext): TemporalSpec {
  if (j.type !== 'inner' && j.type !== 'left') {
    throw new LaminarError('UNSUPPORTED', 'a join FOR SYSTEM_TIME AS OF is inner or LEFT', { location: ctx.loc(j.keywordSpan) });
  }
  if (!j.on && !j.using) throw new LaminarError('SYNTAX_ERROR', 'a join FOR SYSTEM_TIME AS OF needs ON with the key equalities', { location: ctx.loc(j.keywordSpan) });
  if (asOf.kind === 'call' && asOf.name.name.toLowerCase() === 'proctime' && asOf.args.length === 0) return { kind: 'proctime' };
  const t = bindExpr(asOf, left, ctx, { aggregates: null, clause: 'FOR SYSTEM_TIME AS OF' });
  if (t.kind !== 'column' || t.type !== 'TIMESTAMP') {
    throw new LaminarError('UNSUPPORTED', 'FOR SYSTEM_TIME AS OF takes a TIMESTAMP column of the left input, or PROCTIME()', { location: ctx.loc(asOf.span) });
  }
  return { kind: 'event', left: t.index };
}

function isTrue(e: BoundExpr): boolean {
  return e.kind === 'literal' && e.value === true;
}

function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? e.args.flatMap(conjuncts) : [e];
}

function and(parts: readonly BoundExpr[]): BoundExpr {
  return parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: 'BOOLEAN', nullable: parts.some((p) => p.nullable) };
}
