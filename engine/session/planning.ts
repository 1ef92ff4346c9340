import type { SqlLocation } from '../errors/location.js';
import { bindQuery } from '../plan/binder/bind-query.js';
import { BindContext } from '../plan/binder/context.js';
import { optimize } from '../plan/optimize.js';
import { lower, physicalChildren, type PhysicalPlan } from '../plan/physical.js';
import type { Query } from '../sql/ast.js';
import { loweringContext, type QueryMode } from './boundedness.js';
import type { SessionState } from './session-state.js';

export interface PlannedQuery {
  readonly physical: PhysicalPlan;
  readonly mode: QueryMode;
  /** Catalog objects the query reads directly. */
  readonly reads: readonly string[];
  /** What the user should know about how it runs (see StatementResult). */
  readonly warnings: readonly string[];
  /** The query it was planned from, for worker threads to plan their stages again. */
  readonly origin: QueryOrigin;
}

/** A query's AST and the text its spans point into; `root` is where its plan sits in the plan that runs. */
export interface QueryOrigin {
  readonly query: Query;
  readonly source: string;
  readonly root: readonly number[];
}

/**
 * Binds, optimizes and lowers a query. Without a forced mode, a query whose inputs are all
 * finite right now runs in snapshot mode (to a complete result); otherwise it is continuous.
 */
export function planQuery(query: Query, source: string, state: SessionState, forced?: QueryMode): PlannedQuery {
  const ctx = new BindContext(state.catalog, source);
  const logical = optimize(bindQuery(query, ctx));
  const orderByLoc = clauseLoc(query, ctx);
  const lowerIn = (mode: QueryMode) => lower(logical, { ...loweringContext(state, mode), ...(orderByLoc ? { orderByLoc } : {}) });
  const origin: QueryOrigin = { query, source, root: [] };
  const planned = (physical: PhysicalPlan, mode: QueryMode): PlannedQuery => ({ physical, mode, reads: [...ctx.reads], warnings: mode === 'continuous' ? planWarnings(physical) : [], origin });
  if (forced) return planned(lowerIn(forced), forced);
  // Finite now (finite inputs, or a LIMIT that ends it): a snapshot query.
  const snapshot = lowerIn('snapshot');
  if (snapshot.bounded) return planned(snapshot, 'snapshot');
  return planned(lowerIn('continuous'), 'continuous');
}

/** Joins that keep every row of an unbounded input. */
function planWarnings(p: PhysicalPlan): string[] {
  const own = p.op === 'join' && p.unboundedState ? [`this ${p.type} join keeps the rows it has seen without bound (${p.reason}); its memory grows as long as the query runs`] : [];
  return [...own, ...physicalChildren(p).flatMap(planWarnings)];
}

/** Where ORDER BY (or else LIMIT) is written, for errors about needing a complete input. */
function clauseLoc(query: Query, ctx: BindContext): SqlLocation | undefined {
  const first = query.orderBy[0];
  const last = query.orderBy[query.orderBy.length - 1];
  if (first && last) return ctx.loc({ start: first.span.start, end: last.span.end });
  return query.limit ? ctx.loc(query.limit.span) : undefined;
}
