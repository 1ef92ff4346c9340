import { LaminarError } from '../../errors/laminar-error.js';
import type { Expr, OrderItem, Query, Select, SelectItem, WindowFunction } from '../../sql/ast.js';
import { isAggregateName } from '../aggregates.js';
import { exprKey, transform, type BoundExpr } from '../bound-expr.js';
import type { AggregateCall, EmitSpec, LogicalPlan, SortKey } from '../logical.js';
import { AggregateCollector, bindCondition, bindExpr, type ExprOptions } from './bind-expr.js';
import { bindFrom, type CteScope } from './bind-from.js';
import type { BindContext } from './context.js';
import { aggregate, columnRef, distinct, filter, project } from './plan-builders.js';
import { bindEmit, bindWindow, isWindowCall, type BoundWindow } from './bind-window.js';
import { matchName, Scope } from './scope.js';


/** A bound SELECT: its plan, with `hidden` trailing columns that exist only for ORDER BY. */
export interface BoundSelect {
  readonly plan: LogicalPlan;
  readonly hidden: number;
  readonly sortKeys: readonly SortKey[];
}

interface Item {
  readonly expr: Expr | null;
  readonly bound: BoundExpr | null;
  readonly name: string;
}

/**
 * SELECT … FROM … WHERE … GROUP BY … HAVING …, plus the ORDER BY of the enclosing query, whose
 * expressions may use columns the SELECT does not output (they become hidden columns).
 */
export function bindSelect(
  select: Select,
  orderBy: readonly OrderItem[],
  ctx: BindContext,
  ctes: CteScope,
  bindQuery: (q: Query, ctx: BindContext, ctes: CteScope) => LogicalPlan,
): BoundSelect {
  let input: LogicalPlan;
  let scope: Scope;
  if (select.from) {
    const from = bindFrom(select.from, ctx, ctes, bindQuery);
    input = from.plan;
    scope = from.scope;
  } else {
    input = { kind: 'values', rows: [[]], schema: [] };
    scope = Scope.of([], null);
  }
  if (select.where) input = filter(input, bindCondition(select.where, scope, ctx, { aggregates: null, clause: 'WHERE' }));

  const items = expandItems(select.items, scope, ctx);
  const windowCalls = select.groupBy.filter(isWindowCall);
  if (windowCalls.length > 1) {
    throw new LaminarError('INVALID_GROUPING', 'GROUP BY can have one window', { location: ctx.loc(windowCalls[1]!.span) });
  }
  const window = windowCalls[0] ? bindWindow(windowCalls[0], scope, ctx) : null;
  const { emit, lateness } = bindEmit(select, window !== null, ctx);
  // With a window, select items, HAVING and ORDER BY also see window_start and window_end.
  const outScope = window ? withWindowColumns(scope) : scope;
  const grouped =
    window !== null ||
    select.groupBy.length > 0 ||
    select.having !== null ||
    items.some((i) => i.expr !== null && hasAggregate(i.expr)) ||
    orderBy.some((o) => hasAggregate(o.expr));

  const ranking = rankingItem(select, items, grouped, ctx);
  if (ranking) {
    const ranked = bindRanking(ranking.fn, input, scope, ctx);
    input = ranked.plan;
    items[ranking.index] = { expr: null, bound: ranked.rank, name: items[ranking.index]!.name };
  }
  const collector = grouped ? new AggregateCollector() : null;
  const opts: ExprOptions = { aggregates: collector, clause: 'SELECT', argScope: scope };
  const bindItem = (i: Item) => i.bound ?? bindExpr(i.expr!, outScope, ctx, opts);
  let outputs = items.map(bindItem);
  const names = items.map((i) => i.name);
  let having = select.having ? bindCondition(select.having, outScope, ctx, { aggregates: collector, clause: 'HAVING', argScope: scope }) : null;

  // ORDER BY: an output (by position, alias or equal expression), else a hidden column.
  const sortKeys: SortKey[] = [];
  const hiddenExprs: BoundExpr[] = [];
  for (const o of orderBy) {
    let column = orderOutput(o, names, ctx);
    if (column < 0) {
      const b = bindExpr(o.expr, outScope, ctx, { aggregates: collector, clause: 'ORDER BY', argScope: scope });
      const key = exprKey(b);
      column = outputs.findIndex((x) => exprKey(x) === key);
      if (column < 0) {
        if (select.distinct) {
          throw new LaminarError('INVALID_GROUPING', 'with SELECT DISTINCT, ORDER BY expressions must appear in the select list', { location: ctx.loc(o.span) });
        }
        column = outputs.length + hiddenExprs.push(b) - 1;
      }
    }
    sortKeys.push({ column, descending: o.descending, nullsFirst: o.nullsFirst ?? false });
  }

  let plan = input;
  let finalExprs = [...outputs, ...hiddenExprs];
  if (collector) {
    const groupKeys = bindGroupBy(select, items, scope, ctx);
    const windowing = window ? { window, emit, lateness, late: select.lateDataTo?.name ?? null } : null;
    const built = buildAggregate(input, groupKeys, collector, ctx, windowing);
    plan = built.plan;
    finalExprs = finalExprs.map(built.rewrite);
    outputs = finalExprs.slice(0, outputs.length);
    having = having ? built.rewrite(having) : null;
    if (having) plan = filter(plan, having);
  }
  const hiddenNames = hiddenExprs.map((_, i) => `__order_${i}`);
  plan = project(plan, finalExprs, [...names, ...hiddenNames]);
  if (select.distinct) plan = distinct(plan);
  return { plan, hidden: hiddenExprs.length, sortKeys };
}

/** The select item that is ROW_NUMBER() OVER (…), if any, checked for what it may be used with. */
function rankingItem(select: Select, items: readonly Item[], grouped: boolean, ctx: BindContext): { fn: WindowFunction; index: number } | null {
  const found = items.flatMap((it, index) => (it.expr?.kind === 'window_function' ? [{ fn: it.expr, index }] : []));
  if (found.length === 0) return null;
  const first = found[0]!;
  const location = ctx.loc(first.fn.span);
  if (found.length > 1) throw new LaminarError('UNSUPPORTED', 'a SELECT can have one ROW_NUMBER() OVER (…)', { location: ctx.loc(found[1]!.fn.span) });
  if (grouped) throw new LaminarError('UNSUPPORTED', 'ROW_NUMBER() OVER (…) cannot be combined with GROUP BY or aggregates in one SELECT', { location, hint: 'aggregate in a subquery, and rank its rows in the outer query' });
  if (first.fn.name.name.toLowerCase() !== 'row_number') {
    throw new LaminarError('UNSUPPORTED', `${first.fn.name.name.toUpperCase()}() OVER (…) is not supported; ROW_NUMBER() is`, { location });
  }
  if (first.fn.args.length > 0) throw new LaminarError('WRONG_ARGUMENT_COUNT', 'ROW_NUMBER() takes no arguments', { location });
  if (first.fn.orderBy.length === 0) throw new LaminarError('SYNTAX_ERROR', 'ROW_NUMBER() OVER (…) needs an ORDER BY: the rank of a row is its place in that order', { location });
  if (select.distinct) throw new LaminarError('UNSUPPORTED', 'SELECT DISTINCT with ROW_NUMBER() is not supported', { location });
  return first;
}

/**
 * ROW_NUMBER() OVER (PARTITION BY p ORDER BY o): the input's columns, the partition and order
 * expressions, then a ranking node adding the row number as a last column.
 */
function bindRanking(fn: WindowFunction, input: LogicalPlan, scope: Scope, ctx: BindContext): { plan: LogicalPlan; rank: BoundExpr } {
  const opts = { aggregates: null, clause: 'OVER (…)' };
  const exprs: BoundExpr[] = input.schema.map((_, i) => columnRef(input.schema, i));
  const names = input.schema.map((f) => f.name);
  // A plain column is used where it is; other expressions are computed into extra columns.
  const columnOf = (e: Expr, name: string): number => {
    const b = bindExpr(e, scope, ctx, opts);
    if (b.kind === 'column') return b.index;
    exprs.push(b);
    names.push(name);
    return exprs.length - 1;
  };
  const partition = fn.partitionBy.map((e, i) => columnOf(e, `__partition_${i}`));
  const order: SortKey[] = fn.orderBy.map((o, i) => ({ column: columnOf(o.expr, `__order_${i}`), descending: o.descending, nullsFirst: o.nullsFirst ?? false }));
  const pre = project(input, exprs, names);
  const rankField = { name: '__rank', type: 'BIGINT' as const, nullable: false };
  const plan: LogicalPlan = { kind: 'top_n', input: pre, partition, order, limit: null, rank: true, loc: ctx.loc(fn.span), schema: [...pre.schema, rankField] };
  return { plan, rank: columnRef(plan.schema, pre.schema.length) };
}

/** Output names and, for `*`, the bound columns of each select item. */
function expandItems(selectItems: readonly SelectItem[], scope: Scope, ctx: BindContext): Item[] {
  const items: Item[] = [];
  for (const it of selectItems) {
    if (it.kind === 'wildcard') {
      const q = it.qualifier?.name ?? null;
      const cols = scope.columns.filter((c) => (q === null ? !c.qualifiedOnly : c.qualifier === q));
      if (q !== null && cols.length === 0) {
        throw new LaminarError('UNKNOWN_OBJECT', `no input named '${q}' in this query`, { location: ctx.loc(it.qualifier!.span) });
      }
      if (q === null && cols.length === 0 && scope.columns.length === 0) {
        throw new LaminarError('SYNTAX_ERROR', 'SELECT * needs a FROM clause', { location: ctx.loc(it.span) });
      }
      for (const c of cols) items.push({ expr: null, bound: columnRef(scope.schema, c.index), name: c.name });
    } else {
      const name = it.alias?.name ?? (it.expr.kind === 'column' ? it.expr.name.name : ctx.text(it.expr.span));
      items.push({ expr: it.expr, bound: null, name });
    }
  }
  return items;
}

function orderOutput(o: OrderItem, names: readonly string[], ctx: BindContext): number {
  const e = o.expr;
  if (e.kind === 'literal' && e.value.type === 'number' && /^\d+$/.test(e.value.text)) {
    const k = Number(e.value.text);
    if (k < 1 || k > names.length) {
      throw new LaminarError('INVALID_ARGUMENT', `ORDER BY position ${k} is not in the select list (1 to ${names.length})`, { location: ctx.loc(e.span) });
    }
    return k - 1;
  }
  if (e.kind === 'column' && e.table === null) {
    const matches = names.flatMap((n, i) => (matchName(n, e.name.name, e.name.quoted) ? [i] : []));
    if (matches.length === 1) return matches[0]!;
  }
  return -1;
}

/** GROUP BY items: an expression over the input, a select-list position, or a select alias. */
function bindGroupBy(select: Select, items: readonly Item[], scope: Scope, ctx: BindContext): BoundExpr[] {
  const keys: BoundExpr[] = [];
  const seen = new Set<string>();
  for (const g of select.groupBy) {
    if (isWindowCall(g)) continue;
    let b: BoundExpr;
    if (g.kind === 'literal' && g.value.type === 'number' && /^\d+$/.test(g.value.text)) {
      const k = Number(g.value.text);
      const item = items[k - 1];
      if (!item) throw new LaminarError('INVALID_ARGUMENT', `GROUP BY position ${k} is not in the select list (1 to ${items.length})`, { location: ctx.loc(g.span) });
      if (item.expr && hasAggregate(item.expr)) throw new LaminarError('NESTED_AGGREGATE', `GROUP BY ${k} refers to an aggregate`, { location: ctx.loc(g.span) });
      b = item.bound ?? bindExpr(item.expr!, scope, ctx, { aggregates: null, clause: 'GROUP BY' });
    } else if (g.kind === 'column' && g.table === null && !scope.hasColumn(g.name.name, g.name.quoted)) {
      // Not an input column: a select alias.
      const k = items.findIndex((i) => matchName(i.name, g.name.name, g.name.quoted));
      if (k < 0 || (items[k]!.expr && hasAggregate(items[k]!.expr))) {
        b = bindExpr(g, scope, ctx, { aggregates: null, clause: 'GROUP BY' }); // raises UNKNOWN_COLUMN
      } else {
        b = items[k]!.bound ?? bindExpr(items[k]!.expr!, scope, ctx, { aggregates: null, clause: 'GROUP BY' });
      }
    } else {
      b = bindExpr(g, scope, ctx, { aggregates: null, clause: 'GROUP BY' });
    }
    const key = exprKey(b);
    if (!seen.has(key)) {
      seen.add(key);
      keys.push(b);
    }
  }
  return keys;
}

interface Windowing {
  readonly window: BoundWindow;
  readonly emit: EmitSpec;
  readonly lateness: number;
  /** LATE DATA TO target. */
  readonly late: string | null;
}

/** The input columns a windowed SELECT adds: window_start and window_end, after the input's. */
function withWindowColumns(scope: Scope): Scope {
  const w = scope.schema.length;
  const schema = [...scope.schema, { name: 'window_start', type: 'TIMESTAMP' as const, nullable: false }, { name: 'window_end', type: 'TIMESTAMP' as const, nullable: false }];
  // They hide input columns of the same names (a window over a windowed view), which stay
  // reachable qualified: w.window_start.
  const hidden = (name: string) => /^window_(start|end)$/i.test(name);
  const own = scope.columns.filter((c) => c.qualifier !== null || !hidden(c.name)).map((c) => (hidden(c.name) ? { ...c, qualifiedOnly: true } : c));
  return new Scope(schema, [...own, { qualifier: null, name: 'window_start', index: w }, { qualifier: null, name: 'window_end', index: w + 1 }]);
}

/**
 * The aggregate node: a projection computing (the event time,) group keys, aggregate arguments
 * and FILTER conditions, then the aggregate itself. `rewrite` maps a select-level expression
 * onto the aggregate's output ((window_start, window_end,) keys, then aggregates), refusing
 * columns that are not grouped.
 */
function buildAggregate(input: LogicalPlan, keys: readonly BoundExpr[], collector: AggregateCollector, ctx: BindContext, windowing: Windowing | null) {
  const pre: BoundExpr[] = [];
  const preNames: string[] = [];
  // Aggregates of the same argument (sum(x), avg(x)) read one projected column.
  const preIndex = new Map<string, number>();
  const column = (e: BoundExpr, name: string): number => {
    const key = exprKey(e);
    let i = preIndex.get(key);
    if (i === undefined) {
      i = pre.push(e) - 1;
      preNames.push(name);
      preIndex.set(key, i);
    }
    return i;
  };
  const add = (e: BoundExpr, name: string) => {
    pre.push(e);
    preNames.push(name);
  };
  if (windowing) {
    const t = windowing.window.time;
    add(t, t.kind === 'column' ? input.schema[t.index]!.name : '__time');
  }
  keys.forEach((k, i) => add(k, k.kind === 'column' ? input.schema[k.index]!.name : `__key_${i}`));
  const firstKey = windowing ? 1 : 0;
  const calls: AggregateCall[] = collector.found.map((a, i) => ({
    kind: a.kind,
    arg: a.arg ? column(a.arg, `__arg_${i}`) : null,
    filter: a.filter ? column(a.filter, `__filter_${i}`) : null,
    distinct: a.distinct,
    display: a.display,
  }));
  const aggFields = collector.found.map((a) => ({ name: a.display, type: a.type, nullable: a.nullable }));
  const keyIndices = keys.map((_, i) => firstKey + i);
  // Late rows are routed as rows of the input: all its columns are projected too.
  const late =
    windowing?.late != null ? { target: windowing.late, columns: input.schema.map((f, c) => column(columnRef(input.schema, c), f.name)), schema: input.schema } : null;
  const projected = project(input, pre, preNames);
  let plan: LogicalPlan;
  if (windowing) {
    const bounds = [{ name: 'window_start', type: 'TIMESTAMP' as const, nullable: false }, { name: 'window_end', type: 'TIMESTAMP' as const, nullable: false }];
    plan = {
      kind: 'window_aggregate',
      input: projected,
      window: windowing.window.spec,
      time: 0,
      keys: keyIndices,
      aggregates: calls,
      emit: windowing.emit,
      lateness: windowing.lateness,
      late,
      schema: [...bounds, ...keyIndices.map((k) => projected.schema[k]!), ...aggFields],
    };
  } else {
    plan = aggregate(projected, keyIndices, calls, aggFields);
  }
  const outKeys = windowing ? 2 : 0;
  const w = input.schema.length;
  const keyIndex = new Map(keys.map((k, i) => [exprKey(k), outKeys + i]));
  const rewrite = (e: BoundExpr): BoundExpr =>
    transform(e, (node) => {
      if (node.kind === 'column' && node.index < 0) {
        const a = -1 - node.index;
        return columnRef(plan.schema, outKeys + keys.length + a);
      }
      // window_start and window_end (see withWindowColumns).
      if (windowing && node.kind === 'column' && node.index >= w) return columnRef(plan.schema, node.index - w);
      const k = keyIndex.get(exprKey(node));
      if (k !== undefined) return columnRef(plan.schema, k);
      if (node.kind === 'column') {
        const name = input.schema[node.index]!.name;
        const location = ctx.exprLocs.get(node);
        throw new LaminarError('INVALID_GROUPING', `column '${name}' must appear in GROUP BY or be used in an aggregate`, {
          ...(location ? { location } : {}),
          hint: `add it to GROUP BY, or wrap it: first_value(${name})`,
        });
      }
      return undefined;
    });
  return { plan, rewrite };
}

/** Whether an expression calls an aggregate (not counting inside nested queries). */
export function hasAggregate(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return isAggregateName(e.name.name) || e.args.some(hasAggregate);
    case 'literal':
    case 'column':
      return false;
    case 'unary':
      return hasAggregate(e.operand);
    case 'binary':
      return hasAggregate(e.left) || hasAggregate(e.right);
    case 'is_null':
      return hasAggregate(e.operand);
    case 'is_distinct':
      return hasAggregate(e.left) || hasAggregate(e.right);
    case 'between':
      return hasAggregate(e.operand) || hasAggregate(e.low) || hasAggregate(e.high);
    case 'in_list':
      return hasAggregate(e.operand) || e.list.some(hasAggregate);
    case 'like':
      return hasAggregate(e.operand) || hasAggregate(e.pattern);
    case 'case':
      return (e.operand !== null && hasAggregate(e.operand)) || e.whens.some((w) => hasAggregate(w.when) || hasAggregate(w.then)) || (e.else !== null && hasAggregate(e.else));
    case 'cast':
      return hasAggregate(e.operand);
    case 'extract':
      return hasAggregate(e.operand);
    case 'window_function':
      return false;
  }
}
