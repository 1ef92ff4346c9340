import type { SortKey } from './logical.js';
import { physicalChildren, type PhysicalPlan } from './physical.js';

/**
 * Whether rows reach this node routed by a key: a keyed operator with keys, which the runtime
 * may shard across workers. Its output interleaves keys in an order that depends on how many
 * workers there are (each key's own changes stay in order).
 */
export function routableByKey(p: PhysicalPlan): boolean {
  switch (p.op) {
    case 'hash_aggregate':
      return p.keyCount > 0;
    case 'window_aggregate':
      return p.keys.length > 0;
    case 'top_n':
      return p.partition.length > 0;
    case 'join':
      return p.leftKeys.length > 0;
    default:
      return false;
  }
}

export function containsRoutableByKey(p: PhysicalPlan): boolean {
  return routableByKey(p) || physicalChildren(p).some(containsRoutableByKey);
}

/**
 * A complete result whose rows went through a keyed operator comes out in a normalized order,
 * so that it is the same for any number of workers and any batch size: ORDER BY's ties, and
 * the rows of a result with no ORDER BY (or a LIMIT without one), are ordered by every column.
 * Returns the plan unchanged when its order is already decided by its input, and whether the
 * plan was wrapped in a new root (its old root becomes child 0).
 */
export function normalizeResultOrder(plan: PhysicalPlan): { plan: PhysicalPlan; wrapped: boolean } {
  if (!containsRoutableByKey(plan)) return { plan, wrapped: false };
  if (plan.op === 'sort') return { plan: { ...plan, keys: withTieBreakers(plan.keys, plan.schema.length) }, wrapped: false };
  if (plan.op === 'limit') {
    const sorted: PhysicalPlan = { op: 'sort', input: plan.input, keys: withTieBreakers([], plan.schema.length), limit: plan.limit, offset: plan.offset, schema: plan.schema, appendOnly: true, bounded: true, eventTime: plan.eventTime };
    return { plan: sorted, wrapped: false };
  }
  const keys = withTieBreakers([], plan.schema.length);
  return { plan: { op: 'sort', input: plan, keys, limit: null, offset: 0, schema: plan.schema, appendOnly: true, bounded: true, eventTime: plan.eventTime }, wrapped: true };
}

function withTieBreakers(keys: readonly SortKey[], columns: number): SortKey[] {
  const used = new Set(keys.map((k) => k.column));
  const rest: SortKey[] = [];
  for (let c = 0; c < columns; c++) if (!used.has(c)) rest.push({ column: c, descending: false, nullsFirst: false });
  return [...keys, ...rest];
}
