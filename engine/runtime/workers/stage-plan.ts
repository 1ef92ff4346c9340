import { bindQuery } from '../../plan/binder/bind-query.js';
import { BindContext } from '../../plan/binder/context.js';
import { Catalog, type CatalogEntry } from '../../plan/catalog.js';
import { optimize } from '../../plan/optimize.js';
import { lower, physicalChildren, type LoweringContext, type PhysicalPlan } from '../../plan/physical.js';
import { containsRoutableByKey, routableByKey } from '../../plan/result-order.js';
import type { Query } from '../../sql/ast.js';
import type { EmitGranularity } from '../../exec/operators/aggregate/hash-aggregate.js';
import { isTwoPhase } from '../keyed-operator.js';

/**
 * Where a stage's plan comes from, in a form that crosses threads: the query's AST and the text
 * its spans point into, the catalog without connectors, and what lowering asked about the
 * session (per object: bounded now, only inserts, its event-time column).
 */
export interface PlanOrigin {
  readonly query: Query;
  readonly source: string;
  readonly catalog: readonly CatalogEntry[];
  readonly facts: Readonly<Record<string, { readonly bounded: boolean; readonly appendOnly: boolean; readonly eventTime: number | null }>>;
}

/** A copy of a query's origin for workers, with the answers `ctx` gives about every object. */
export function planOrigin(query: Query, source: string, catalog: Catalog, ctx: LoweringContext): PlanOrigin {
  const entries = catalog.names().map((n) => catalog.get(n)!);
  const facts: Record<string, { bounded: boolean; appendOnly: boolean; eventTime: number | null }> = {};
  for (const e of entries) {
    if (e.kind === 'source' || e.kind === 'table' || e.kind === 'materialized_view') {
      facts[e.name] = {
        bounded: ctx.isBounded(e),
        appendOnly: e.kind === 'materialized_view' ? ctx.viewAppendOnly(e) : false,
        eventTime: e.kind === 'materialized_view' ? ctx.viewEventTime(e) : null,
      };
    }
  }
  return {
    query,
    source,
    // Connectors stay with the coordinator, which reads the sources.
    catalog: entries.map((e) => (e.kind === 'source' ? { ...e, connector: null } : e)),
    facts,
  };
}

/** Binds, optimizes and lowers the query again, as the coordinator did: the same plan. */
export function replan(origin: PlanOrigin): PhysicalPlan {
  const catalog = new Catalog();
  for (const e of origin.catalog) catalog.add(e);
  const fact = (name: string) => origin.facts[name]!;
  const logical = optimize(bindQuery(origin.query, new BindContext(catalog, origin.source)));
  return lower(logical, {
    isBounded: (e) => fact(e.name).bounded,
    viewAppendOnly: (v) => fact(v.name).appendOnly,
    viewEventTime: (v) => fact(v.name).eventTime,
  });
}

/**
 * Whether a node runs sharded across workers: a keyed operator with keys (rows can be routed
 * by them) whose inputs hold no such operator (those below would be stages of their own, and
 * one exchange per path is the design).
 */
export function isStage(p: PhysicalPlan): boolean {
  return routableByKey(p) && isStageRoot(p);
}

/** No keyed operator below: a node that runs on workers (keyed, or a two-phase GROUP BY with or without keys) can. */
function isStageRoot(p: PhysicalPlan): boolean {
  return !physicalChildren(p).some(containsRoutableByKey);
}

/**
 * How a node runs when the session has worker threads: sharded by key, as a two-phase GROUP BY
 * (isTwoPhase; never for checkpointed queries, whose emission is never 'final' anyway), or on
 * the session's thread (null).
 */
export function stageKind(p: PhysicalPlan, emit: EmitGranularity, durable: boolean): 'sharded' | 'two-phase' | null {
  if (!durable && isTwoPhase(p, emit) && isStageRoot(p)) return 'two-phase';
  return isStage(p) ? 'sharded' : null;
}

/** The node at a path of child indices from the root. */
export function nodeAt(root: PhysicalPlan, path: readonly number[]): PhysicalPlan {
  let p = root;
  for (const k of path) p = physicalChildren(p)[k]!;
  return p;
}
