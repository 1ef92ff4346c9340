import type { SqlLocation } from '../errors/location.js';
import { bindQuery } from '../plan/binder/bind-query.js';
import { BindContext } from '../plan/binder/context.js';
import { children, type LogicalPlan } from '../plan/logical.js';
import { optimize } from '../plan/optimize.js';
import { lower, type PhysicalPlan } from '../plan/physical.js';
import type { Query } from '../sql/ast.js';
import { loweringContext, type QueryMode } from './boundedness.js';
import type { SessionState } from './session-state.js';

export interface PlannedQuery {
  readonly physical: PhysicalPlan;
  readonly mode: QueryMode;
  /** Catalog objects the query reads directly. */
  readonly reads: readonly string[];
}

/**
 * Binds, optimizes and lowers a query. Without a forced mode, a query whose inputs are all
 * finite right now runs in snapshot mode (to a complete result); otherwise it is continuous.
 */
export function planQuery(query: Query, source: string, state: SessionState, forced?: QueryMode): PlannedQuery {
  const ctx = new BindContext(state.catalog, source);
  const logical = optimize(bindQuery(query, ctx));
  const mode = forced ?? (allLeaves(logical, (leaf) => finiteNow(leaf, state)) ? 'snapshot' : 'continuous');
  const orderByLoc = clauseLoc(query, ctx);
  const physical = lower(logical, { ...loweringContext(state, mode), ...(orderByLoc ? { orderByLoc } : {}) });
  return { physical, mode, reads: [...ctx.reads] };
}

function finiteNow(leaf: LogicalPlan, state: SessionState): boolean {
  const ctx = loweringContext(state, 'snapshot');
  switch (leaf.kind) {
    case 'scan':
      return ctx.isBounded(leaf.source);
    case 'view_scan':
      return ctx.isBounded(leaf.view);
    default:
      return true;
  }
}

function allLeaves(p: LogicalPlan, test: (leaf: LogicalPlan) => boolean): boolean {
  const kids = children(p);
  return kids.length === 0 ? test(p) : kids.every((k) => allLeaves(k, test));
}

/** Where ORDER BY (or else LIMIT) is written, for errors about needing a complete input. */
function clauseLoc(query: Query, ctx: BindContext): SqlLocation | undefined {
  const first = query.orderBy[0];
  const last = query.orderBy[query.orderBy.length - 1];
  if (first && last) return ctx.loc({ start: first.span.start, end: last.span.end });
  return query.limit ? ctx.loc(query.limit.span) : undefined;
}
