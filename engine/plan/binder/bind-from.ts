import { LaminarError } from '../../errors/laminar-error.js';
import { closest } from '../../sql/parser/cursor.js';
import type { FromItem, Ident, Query, TableRef } from '../../sql/ast.js';
import { KIND_NAMES } from '../catalog.js';
import type { LogicalPlan } from '../logical.js';
import { bindJoin } from './bind-join.js';
import type { BindContext } from './context.js';
import { Scope } from './scope.js';

/** WITH queries visible at a point, innermost first. */
export class CteScope {
  private readonly plans = new Map<string, LogicalPlan>();

  constructor(private readonly parent: CteScope | null) {}

  get(name: string): LogicalPlan | undefined {
    return this.plans.get(name) ?? this.parent?.get(name);
  }

  define(name: Ident, plan: LogicalPlan, ctx: BindContext): void {
    if (this.plans.has(name.name)) {
      throw new LaminarError('DUPLICATE_OBJECT', `WITH query '${name.name}' is defined twice`, { location: ctx.loc(name.span) });
    }
    this.plans.set(name.name, plan);
  }
}

/** A bound FROM clause: its plan, and the columns (qualified by input name) it offers. */
export interface BoundFrom {
  readonly plan: LogicalPlan;
  readonly scope: Scope;
}

/**
 * The plan of a FROM item and the scope of its columns. Streams are inlined: their query is
 * bound again here, so every reader computes the stream from its inputs.
 */
export function bindFrom(
  from: FromItem,
  ctx: BindContext,
  ctes: CteScope,
  bindQuery: (q: Query, ctx: BindContext, ctes: CteScope) => LogicalPlan,
): BoundFrom {
  if (from.kind === 'join') {
    return bindJoin(from, ctx, (item, asRight) => {
      if (!asRight || item.kind !== 'table_ref') return bindFrom(item, ctx, ctes, bindQuery);
      // The right input may be read FOR SYSTEM_TIME AS OF (bindJoin checks the clause).
      const { plan, qualifier } = bindTableRef(item, ctx, ctes, bindQuery);
      return { plan, scope: Scope.of(plan.schema, qualifier) };
    });
  }
  if (from.kind === 'subquery_ref') {
    const plan = bindQuery(from.query, ctx, ctes);
    return { plan, scope: Scope.of(plan.schema, from.alias?.name ?? null) };
  }
  if (from.asOf) {
    throw new LaminarError('SYNTAX_ERROR', 'FOR SYSTEM_TIME AS OF applies to the right input of a join', { location: ctx.loc(from.asOf.span) });
  }
  const { plan, qualifier } = bindTableRef(from, ctx, ctes, bindQuery);
  return { plan, scope: Scope.of(plan.schema, qualifier) };
}

/** A named input: a WITH query, source, table, view or stream. */
export function bindTableRef(
  from: TableRef,
  ctx: BindContext,
  ctes: CteScope,
  bindQuery: (q: Query, ctx: BindContext, ctes: CteScope) => LogicalPlan,
): { plan: LogicalPlan; qualifier: string } {
  const name = from.name.name;
  const qualifier = from.alias?.name ?? name;
  const cte = ctes.get(name);
  if (cte) return { plan: cte, qualifier };
  const entry = ctx.catalog.get(name);
  if (!entry) {
    const guess = closest(name, ctx.catalog.names());
    throw new LaminarError('UNKNOWN_OBJECT', `no source, table, stream or view named '${name}'`, {
      location: ctx.loc(from.name.span),
      hint: guess ? `did you mean '${guess}'?` : 'SHOW SOURCES lists what exists',
    });
  }
  ctx.reads.add(name);
  switch (entry.kind) {
    case 'source':
      return {
        plan: { kind: 'scan', source: entry, columns: entry.schema.map((_, i) => i), filter: null, schema: entry.schema },
        qualifier,
      };
    case 'table':
      return { plan: { kind: 'table_scan', table: entry, schema: entry.schema }, qualifier };
    case 'materialized_view':
      return { plan: { kind: 'view_scan', view: entry, schema: entry.schema }, qualifier };
    case 'stream': {
      const inner = ctx.nested(entry.source);
      const plan = bindQuery(entry.query, inner, new CteScope(null));
      return { plan, qualifier };
    }
    case 'sink':
      throw new LaminarError('WRONG_OBJECT_KIND', `'${name}' is a ${KIND_NAMES.sink}, which cannot be read`, { location: ctx.loc(from.name.span) });
  }
}
