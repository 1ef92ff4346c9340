import { mapColumns, referencedColumns, type BoundExpr } from './bound-expr.js';
import { columnRef, filter as filterNode, project } from './binder/plan-builders.js';
import type { LogicalPlan } from './logical.js';

/**
 * Rewrites a logical plan without changing its result: predicates move down as far as they
 * can (into source scans, where they run as rows are read), and every operator keeps only
 * the columns someone above it reads (down to which columns a source produces at all).
 */
export function optimize(plan: LogicalPlan): LogicalPlan {
  const pushed = pushFilters(plan);
  return prune(pushed, plan.schema.map((_, i) => i));
}

// ───────────────────────────── predicate pushdown ─────────────────────────────

function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? e.args.flatMap(conjuncts) : [e];
}

function conjunction(parts: readonly BoundExpr[]): BoundExpr {
  return parts.length === 1 ? parts[0]! : { kind: 'and', args: parts, type: 'BOOLEAN', nullable: parts.some((p) => p.nullable) };
}

function pushFilters(p: LogicalPlan): LogicalPlan {
  switch (p.kind) {
    case 'filter':
      return pushInto(pushFilters(p.input), conjuncts(p.predicate));
    case 'project':
      return { ...p, input: pushFilters(p.input) };
    case 'aggregate':
    case 'window_aggregate':
    case 'top_n':
    case 'sort':
    case 'limit':
      return { ...p, input: pushFilters(p.input) };
    case 'union':
      return { ...p, inputs: p.inputs.map(pushFilters) };
    case 'join':
      return pushIntoJoin(p, []);
    default:
      return p;
  }
}

/** Places predicates (over `input`'s columns) as deep below `input` as their meaning allows. */
function pushInto(input: LogicalPlan, preds: readonly BoundExpr[]): LogicalPlan {
  if (preds.length === 0) return input;
  switch (input.kind) {
    case 'scan': {
      const all = input.filter ? [...conjuncts(input.filter), ...preds] : [...preds];
      return { ...input, filter: conjunction(all) };
    }
    case 'filter':
      return pushInto(input.input, [...conjuncts(input.predicate), ...preds]);
    case 'project': {
      // Rewrite over the projection's input by substituting the projected expressions.
      const through = preds.map((e) => mapColumns(e, (c) => input.exprs[c.index]!));
      return { ...input, input: pushInto(input.input, through) };
    }
    case 'union':
      return { ...input, inputs: input.inputs.map((i) => pushInto(i, preds)) };
    case 'sort':
      return { ...input, input: pushInto(input.input, preds) };
    case 'aggregate': {
      // Predicates on group keys only hold for whole groups: filter the input instead.
      const onKeys = preds.filter((e) => [...referencedColumns(e)].every((c) => c < input.keys.length));
      const rest = preds.filter((e) => !onKeys.includes(e));
      const below = onKeys.map((e) => mapColumns(e, (c) => columnRef(input.input.schema, input.keys[c.index]!)));
      const agg = below.length ? { ...input, input: pushInto(input.input, below) } : input;
      return rest.length ? filterNode(agg, conjunction(rest)) : agg;
    }
    case 'top_n':
      return pushIntoRanking(input, preds);
    case 'join':
      return pushIntoJoin(input, preds);
    case 'window_aggregate': {
      // Predicates on keys (after window_start, window_end) filter whole groups: push them below.
      const onKeys = preds.filter((e) => [...referencedColumns(e)].every((c) => c >= 2 && c < 2 + input.keys.length));
      const rest = preds.filter((e) => !onKeys.includes(e));
      const below = onKeys.map((e) => mapColumns(e, (c) => columnRef(input.input.schema, input.keys[c.index - 2]!)));
      const agg = below.length ? { ...input, input: pushInto(input.input, below) } : input;
      return rest.length ? filterNode(agg, conjunction(rest)) : agg;
    }
    default:
      return filterNode(input, conjunction(preds));
  }
}

/**
 * Predicates above a join (`where`) and conjuncts of its ON condition move to the input they
 * read, where that keeps the result: onto the side whose unmatched rows an outer join does not
 * keep (a WHERE on a kept side filters whole output rows, so it may go down too); predicates
 * over both inputs above an inner join join its condition. ASOF and temporal joins choose one
 * match per row, so only predicates on their left input move (a filter on the right would
 * change which row matches), and conjuncts of an ASOF join's ON on one input.
 */
function pushIntoJoin(j: Extract<LogicalPlan, { kind: 'join' }>, where: readonly BoundExpr[]): LogicalPlan {
  const width = j.left.schema.length;
  const side = (e: BoundExpr): 'left' | 'right' | 'both' => {
    const refs = [...referencedColumns(e)];
    if (refs.length === 0) return 'both';
    return refs.every((c) => c < width) ? 'left' : refs.every((c) => c >= width) ? 'right' : 'both';
  };
  const plain = j.asof === null && j.temporal === null;
  const keepsLeft = j.type === 'left' || j.type === 'full';
  const keepsRight = j.type === 'right' || j.type === 'full';
  const toLeft: BoundExpr[] = [];
  const toRight: BoundExpr[] = [];
  const above: BoundExpr[] = [];
  const condition: BoundExpr[] = [];
  for (const e of where) {
    const s = side(e);
    if (s === 'left' && !keepsRight) toLeft.push(e);
    else if (s === 'right' && plain && !keepsLeft) toRight.push(e);
    else if (s === 'both' && plain && j.type === 'inner' && referencedColumns(e).size > 0) condition.push(e);
    else above.push(e);
  }
  for (const e of j.condition ? conjuncts(j.condition) : []) {
    const s = side(e);
    // An ASOF join matches among the right rows its ON allows: a condition on the right alone
    // narrows the candidates (as in DuckDB), one on the left alone only an inner join's rows.
    const asof = j.asof !== null;
    if (s === 'left' && (plain || asof) && !keepsLeft) toLeft.push(e);
    else if (s === 'right' && (plain || asof) && !keepsRight) toRight.push(e);
    else condition.push(e);
  }
  const right = toRight.map((e) => mapColumns(e, (c) => ({ ...c, index: c.index - width })));
  const joined: LogicalPlan = {
    ...j,
    left: pushInto(pushFilters(j.left), toLeft),
    right: pushInto(pushFilters(j.right), right),
    condition: condition.length > 0 ? conjunction(condition) : null,
  };
  return above.length > 0 ? filterNode(joined, conjunction(above)) : joined;
}

/**
 * Filters over a ranking: bounds on the rank (rn <= N, rn < N, rn = 1) become its limit, so it
 * keeps only the top rows; predicates on partition columns filter whole partitions and go
 * below; the rest stay above.
 */
function pushIntoRanking(input: Extract<LogicalPlan, { kind: 'top_n' }>, preds: readonly BoundExpr[]): LogicalPlan {
  const rank = input.input.schema.length;
  let limit = input.limit;
  const above: BoundExpr[] = [];
  const below: BoundExpr[] = [];
  for (const e of preds) {
    const bound = rankBound(e, rank);
    if (bound) {
      if (bound.upper !== null) limit = limit === null ? bound.upper : Math.min(limit, bound.upper);
      if (!bound.implied) above.push(e);
      continue;
    }
    const refs = [...referencedColumns(e)];
    if (refs.every((c) => input.partition.includes(c))) below.push(e);
    else above.push(e);
  }
  const ranked: LogicalPlan = { ...input, limit, input: below.length ? pushInto(input.input, below) : input.input };
  return above.length ? filterNode(ranked, conjunction(above)) : ranked;
}

/** `rank op integer` (either way round): the largest rank it allows, and whether the limit implies it. */
function rankBound(e: BoundExpr, rank: number): { upper: number | null; implied: boolean } | null {
  if (e.kind !== 'call' || e.args.length !== 2) return null;
  let [l, r] = e.args as [BoundExpr, BoundExpr];
  let op = e.fn.name;
  const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };
  if (r.kind === 'column' && r.index === rank && l.kind === 'literal') {
    [l, r] = [r, l];
    op = flip[op] ?? op;
  }
  if (!(l.kind === 'column' && l.index === rank && r.kind === 'literal' && typeof r.value === 'number' && Number.isInteger(r.value))) return null;
  const c = r.value;
  switch (op) {
    case '<=':
      return { upper: Math.max(0, c), implied: true };
    case '<':
      return { upper: Math.max(0, c - 1), implied: true };
    case '=':
      return { upper: Math.max(0, c), implied: c === 1 };
    case '>=':
      return c <= 1 ? { upper: null, implied: true } : null;
    case '>':
      return c <= 0 ? { upper: null, implied: true } : null;
    default:
      return null;
  }
}

// ───────────────────────────── column pruning ─────────────────────────────

/**
 * The plan producing exactly the columns `required` (ascending indices into `p`'s output),
 * in that order.
 */
function prune(p: LogicalPlan, required: readonly number[]): LogicalPlan {
  const all = required.length === p.schema.length;
  switch (p.kind) {
    case 'project': {
      const kept = required.map((i) => p.exprs[i]!);
      const need = sortedRefs(kept);
      const input = prune(p.input, need);
      const rank = rankOf(need);
      const exprs = kept.map((e) => mapColumns(e, (c) => ({ ...c, index: rank.get(c.index)! })));
      const names = required.map((i) => p.schema[i]!.name);
      // A projection that just passes its input through is dropped.
      if (exprs.every((e, i) => e.kind === 'column' && e.index === i) && exprs.length === input.schema.length) {
        return names.every((n, i) => n === input.schema[i]!.name) ? input : project(input, exprs, names);
      }
      return project(input, exprs, names);
    }
    case 'filter': {
      const need = union(required, referencedColumns(p.predicate));
      const input = prune(p.input, need);
      const rank = rankOf(need);
      const filtered = filterNode(input, mapColumns(p.predicate, (c) => ({ ...c, index: rank.get(c.index)! })));
      return select(filtered, need, required);
    }
    case 'scan': {
      // A watermarked source's event-time column is always read: the watermark comes from it.
      const wm = p.source.watermark ? p.columns.indexOf(p.source.watermark.column) : -1;
      const base = wm >= 0 ? union(required, new Set([wm])) : [...required];
      const need = p.filter ? union(base, referencedColumns(p.filter)) : base;
      const rank = rankOf(need);
      const scan: LogicalPlan = {
        ...p,
        columns: need.map((i) => p.columns[i]!),
        filter: p.filter ? mapColumns(p.filter, (c) => ({ ...c, index: rank.get(c.index)! })) : null,
        schema: need.map((i) => p.schema[i]!),
      };
      return select(scan, need, required);
    }
    case 'aggregate': {
      const used = new Set<number>(p.keys);
      addAggregateInputs(used, p.aggregates);
      const need = [...used].sort((a, b) => a - b);
      const input = prune(p.input, need);
      const rank = rankOf(need);
      const agg: LogicalPlan = {
        ...p,
        input,
        keys: p.keys.map((k) => rank.get(k)!),
        aggregates: remapAggregates(p.aggregates, rank),
      };
      return all ? agg : select(agg, p.schema.map((_, i) => i), required);
    }
    case 'window_aggregate': {
      const used = new Set<number>([p.time, ...p.keys, ...(p.late?.columns ?? [])]);
      addAggregateInputs(used, p.aggregates);
      const need = [...used].sort((a, b) => a - b);
      const input = prune(p.input, need);
      const rank = rankOf(need);
      const agg: LogicalPlan = {
        ...p,
        input,
        time: rank.get(p.time)!,
        keys: p.keys.map((k) => rank.get(k)!),
        aggregates: remapAggregates(p.aggregates, rank),
        late: p.late ? { ...p.late, columns: p.late.columns.map((c) => rank.get(c)!) } : null,
      };
      return all ? agg : select(agg, p.schema.map((_, i) => i), required);
    }
    case 'top_n': {
      const rankIndex = p.input.schema.length;
      const wantsRank = required.includes(rankIndex);
      const need = union(
        required.filter((c) => c !== rankIndex),
        new Set([...p.partition, ...p.order.map((k) => k.column)]),
      );
      const input = prune(p.input, need);
      const rank = rankOf(need);
      const node: LogicalPlan = {
        ...p,
        input,
        partition: p.partition.map((c) => rank.get(c)!),
        order: p.order.map((k) => ({ ...k, column: rank.get(k.column)! })),
        rank: wantsRank,
        schema: wantsRank ? [...input.schema, p.schema[rankIndex]!] : input.schema,
      };
      const have = wantsRank ? [...need, rankIndex] : need;
      return select(node, have, required);
    }
    case 'union': {
      const inputs = p.inputs.map((i) => prune(i, required));
      return { ...p, inputs, schema: required.map((i) => p.schema[i]!) };
    }
    case 'join': {
      const width = p.left.schema.length;
      const used = new Set(required);
      if (p.condition) referencedColumns(p.condition, used);
      if (p.asof) used.add(p.asof.left).add(width + p.asof.right);
      if (p.temporal?.kind === 'event') used.add(p.temporal.left);
      // A temporal join's versions are timed by the right input's event time: keep its columns.
      if (p.temporal?.kind === 'event') p.right.schema.forEach((_, c) => used.add(width + c));
      const need = [...used].sort((a, b) => a - b);
      const leftNeed = need.filter((c) => c < width);
      const rightNeed = need.filter((c) => c >= width).map((c) => c - width);
      const rank = rankOf(need);
      const leftRank = rankOf(leftNeed);
      const join: LogicalPlan = {
        ...p,
        left: prune(p.left, leftNeed),
        right: prune(p.right, rightNeed),
        condition: p.condition ? mapColumns(p.condition, (c) => ({ ...c, index: rank.get(c.index)! })) : null,
        asof: p.asof ? { ...p.asof, left: leftRank.get(p.asof.left)!, right: rankOf(rightNeed).get(p.asof.right)! } : null,
        temporal: p.temporal?.kind === 'event' ? { kind: 'event', left: leftRank.get(p.temporal.left)! } : p.temporal,
        schema: need.map((i) => p.schema[i]!),
      };
      return select(join, need, required);
    }
    case 'sort': {
      const need = union(required, new Set(p.keys.map((k) => k.column)));
      const input = prune(p.input, need);
      const rank = rankOf(need);
      const sort: LogicalPlan = { ...p, input, keys: p.keys.map((k) => ({ ...k, column: rank.get(k.column)! })), schema: input.schema };
      return select(sort, need, required);
    }
    case 'limit': {
      const input = prune(p.input, required);
      return { ...p, input, schema: input.schema };
    }
    case 'table_scan':
    case 'view_scan':
    case 'values':
      return all ? p : select(p, p.schema.map((_, i) => i), required);
  }
}

/** A projection from a plan producing columns `have` down to `want` (a subset), if needed. */
function select(p: LogicalPlan, have: readonly number[], want: readonly number[]): LogicalPlan {
  if (have.length === want.length) return p;
  const rank = rankOf(have);
  const exprs = want.map((i) => columnRef(p.schema, rank.get(i)!));
  return project(p, exprs, exprs.map((e) => p.schema[(e as { index: number }).index]!.name));
}

function sortedRefs(exprs: readonly BoundExpr[]): number[] {
  const s = new Set<number>();
  for (const e of exprs) referencedColumns(e, s);
  return [...s].sort((a, b) => a - b);
}

function union(a: readonly number[], b: ReadonlySet<number>): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function rankOf(sorted: readonly number[]): Map<number, number> {
  return new Map(sorted.map((v, i) => [v, i]));
}

/** The input columns the aggregates read (arguments and FILTER conditions), added to `used`. */
function addAggregateInputs(used: Set<number>, aggregates: readonly { readonly arg: number | null; readonly filter: number | null }[]): void {
  for (const a of aggregates) {
    if (a.arg !== null) used.add(a.arg);
    if (a.filter !== null) used.add(a.filter);
  }
}

/** The aggregates with their input columns renumbered after pruning. */
function remapAggregates<A extends { readonly arg: number | null; readonly filter: number | null }>(aggregates: readonly A[], rank: ReadonlyMap<number, number>): A[] {
  return aggregates.map((a) => ({ ...a, arg: a.arg === null ? null : rank.get(a.arg)!, filter: a.filter === null ? null : rank.get(a.filter)! }));
}
