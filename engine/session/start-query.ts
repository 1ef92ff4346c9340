import type { EmitGranularity } from '../exec/operators/aggregate/hash-aggregate.js';
import type { PhysicalPlan } from '../plan/physical.js';
import { RunningQuery, type QueryKind, type QueryOutput } from '../runtime/running-query.js';
import type { QueryMode } from './boundedness.js';
import { leafResolver } from './leaf-resolver.js';
import type { QueryOrigin } from './planning.js';
import type { SessionState } from './session-state.js';
import type { QueryHooks } from './durable/query-hooks.js';

/** Starts a query in the session; it runs in the background until its inputs end or it is stopped. */
export function startQuery(
  state: SessionState,
  args: { kind: QueryKind; plan: PhysicalPlan; mode: QueryMode; output: QueryOutput; emit: EmitGranularity; label: string; sql: string; origin: QueryOrigin; durable?: QueryHooks; finished?: boolean },
): RunningQuery {
  const id = state.nextQueryId();
  const query = new RunningQuery({
    id,
    kind: args.kind,
    label: args.label,
    sql: args.sql,
    plan: args.plan,
    emit: args.emit,
    output: args.output,
    resolver: leafResolver(state, args.mode, { origin: args.origin, emit: args.emit, name: `${id} (${args.label})`, ...(args.durable ? { durable: args.durable } : {}) }),
    ...(args.durable?.restore ? { restore: args.durable.restore.keyed } : {}),
    ...(args.finished ? { finished: true } : {}),
    ...(args.durable ? { held: () => args.durable!.isHeld } : {}),
  });
  state.queries.set(query.id, query);
  return query;
}
