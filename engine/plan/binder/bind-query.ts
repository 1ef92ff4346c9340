import { LaminarError } from '../../errors/laminar-error.js';
import type { OrderItem, Query, SetExpr } from '../../sql/ast.js';
import { isInteger } from '../../types/sql-type.js';
import { castExpr } from '../cast-rules.js';
import { evaluateConstant } from '../constant.js';
import { unifyTypes } from '../functions/operators.js';
import type { BoundExpr } from '../bound-expr.js';
import type { LogicalPlan, SortKey } from '../logical.js';
import { bindExpr } from './bind-expr.js';
import { CteScope } from './bind-from.js';
import { bindSelect } from './bind-select.js';
import type { BindContext } from './context.js';
import { columnRef, distinct, project } from './plan-builders.js';
import { matchName, Scope } from './scope.js';

/** Binds a query: WITH, the body (SELECT or UNION), ORDER BY, LIMIT and OFFSET. */
export function bindQuery(q: Query, ctx: BindContext, outer: CteScope | null = null): LogicalPlan {
  const ctes = new CteScope(outer);
  for (const cte of q.with) {
    let plan = bindQuery(cte.query, ctx, ctes);
    if (cte.columns) {
      if (cte.columns.length !== plan.schema.length) {
        throw new LaminarError('WRONG_ARGUMENT_COUNT', `WITH query '${cte.name.name}' names ${cte.columns.length} columns but returns ${plan.schema.length}`, { location: ctx.loc(cte.name.span) });
      }
      plan = project(plan, plan.schema.map((_, i) => columnRef(plan.schema, i)), cte.columns.map((c) => c.name));
    }
    ctes.define(cte.name, plan, ctx);
  }
  let plan: LogicalPlan;
  let hidden = 0;
  let keys: readonly SortKey[] = [];
  if (q.body.kind === 'select') {
    const b = bindSelect(q.body, q.orderBy, ctx, ctes, bindQuery);
    plan = b.plan;
    hidden = b.hidden;
    keys = b.sortKeys;
  } else {
    plan = bindSetExpr(q.body, ctx, ctes);
    keys = q.orderBy.map((o) => ({ column: outputColumn(o, plan, ctx), descending: o.descending, nullsFirst: o.nullsFirst ?? false }));
  }
  if (keys.length > 0) plan = { kind: 'sort', input: plan, keys, schema: plan.schema };
  if (q.limit || q.offset) {
    const limit = q.limit ? count(q.limit, 'LIMIT', ctx) : null;
    const offset = q.offset ? count(q.offset, 'OFFSET', ctx) : 0;
    plan = { kind: 'limit', input: plan, limit, offset, schema: plan.schema };
  }
  if (hidden > 0) {
    const visible = plan.schema.length - hidden;
    const s = plan.schema;
    plan = project(plan, s.slice(0, visible).map((_, i) => columnRef(s, i)), s.slice(0, visible).map((f) => f.name));
  }
  return plan;
}

function bindSetExpr(e: SetExpr, ctx: BindContext, ctes: CteScope): LogicalPlan {
  switch (e.kind) {
    case 'select':
      return bindSelect(e, [], ctx, ctes, bindQuery).plan;
    case 'nested_query':
      return bindQuery(e.query, ctx, ctes);
    case 'set_operation': {
      const left = bindSetExpr(e.left, ctx, ctes);
      const right = bindSetExpr(e.right, ctx, ctes);
      if (left.schema.length !== right.schema.length) {
        throw new LaminarError('TYPE_MISMATCH', `each side of UNION must have the same number of columns: ${left.schema.length} and ${right.schema.length}`, { location: ctx.loc(e.right.span) });
      }
      // Unify column types: numbers widen; an untyped NULL column takes the other side's type.
      const lefts = left.schema.map((_, i) => untypedNullAt(left, i) ?? columnRef(left.schema, i));
      const rights = right.schema.map((_, i) => untypedNullAt(right, i) ?? columnRef(right.schema, i));
      const site = { name: 'UNION', loc: ctx.loc(e.span), argLocs: [ctx.loc(e.left.span), ctx.loc(e.right.span)] };
      const pairs = lefts.map((l, i) => unifyTypes(l, rights[i]!, site, `UNION column ${i + 1}:`));
      const names = left.schema.map((f) => f.name);
      const l2 = pairs.every(([l], i) => l === lefts[i]) ? left : project(left, pairs.map(([l]) => l), names);
      const r2 = project(right, pairs.map(([, r]) => r), names);
      const schema = l2.schema.map((f, i) => ({ ...f, nullable: f.nullable || r2.schema[i]!.nullable }));
      const inputs = [l2, r2].flatMap((p) => (p.kind === 'union' ? p.inputs : [p]));
      const union: LogicalPlan = { kind: 'union', inputs, schema };
      return e.all ? union : distinct(union);
    }
  }
}

/** The untyped NULL literal a branch outputs as column i (`SELECT NULL`), if it does. */
function untypedNullAt(plan: LogicalPlan, i: number): BoundExpr | undefined {
  if (plan.kind !== 'project') return undefined;
  const e = plan.exprs[i];
  return e?.kind === 'literal' && e.untyped ? e : undefined;
}

/** ORDER BY over a UNION: an output column by position or name. */
function outputColumn(o: OrderItem, plan: LogicalPlan, ctx: BindContext): number {
  const e = o.expr;
  if (e.kind === 'literal' && e.value.type === 'number' && /^\d+$/.test(e.value.text)) {
    const k = Number(e.value.text);
    if (k >= 1 && k <= plan.schema.length) return k - 1;
  }
  if (e.kind === 'column' && e.table === null) {
    const k = plan.schema.findIndex((f) => matchName(f.name, e.name.name, e.name.quoted));
    if (k >= 0) return k;
  }
  throw new LaminarError('UNKNOWN_COLUMN', 'ORDER BY of a UNION must name an output column or give its position', { location: ctx.loc(o.span) });
}

function count(e: Query['limit'] & object, what: string, ctx: BindContext): number {
  const location = ctx.loc(e.span);
  const b = bindExpr(e, Scope.of([], null), ctx, { aggregates: null, clause: what });
  if (!isInteger(b.type) && !(b.kind === 'literal' && b.value === null)) {
    throw new LaminarError('TYPE_MISMATCH', `${what} must be a whole number, not ${b.type}`, { location });
  }
  const v = evaluateConstant(castExpr(b, 'BIGINT', location, false), what, location);
  if (v === null || (v as number) < 0) throw new LaminarError('INVALID_ARGUMENT', `${what} must be zero or more`, { location });
  return v as number;
}
