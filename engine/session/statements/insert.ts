import { LaminarError } from '../../errors/laminar-error.js';
import { ColumnBuilder } from '../../exec/batch/builder.js';
import type { Batch, Schema } from '../../exec/batch/batch.js';
import { bindExpr } from '../../plan/binder/bind-expr.js';
import { BindContext } from '../../plan/binder/context.js';
import { Scope } from '../../plan/binder/scope.js';
import { castExpr } from '../../plan/cast-rules.js';
import { evaluateConstant } from '../../plan/constant.js';
import type { PhysicalPlan } from '../../plan/physical.js';
import { plainOutput } from '../../runtime/outputs.js';
import type { PushLog, TableStore } from '../../runtime/stores.js';
import type { Ident, Insert } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';
import { planQuery } from '../planning.js';
import { startQuery } from '../start-query.js';
import { ensureLateTargets } from '../late-targets.js';
import type { StatementResult } from '../statement-result.js';

/**
 * INSERT INTO a table (rows replace rows of the same primary key) or into a source without a
 * connector. INSERT … SELECT over finite inputs runs to completion; over an unbounded input it
 * keeps running in the background, inserting as results arrive.
 */
export async function insert(stmt: Insert, ctx: ExecContext): Promise<StatementResult> {
  const { target, schema } = targetOf(stmt.target, ctx);
  const columns = targetColumns(stmt.columns, schema, ctx);
  if (stmt.source.kind === 'values') {
    const batch = valuesBatch(stmt, columns, schema, ctx);
    target.append(batch);
    await ctx.settle();
    return { kind: 'ok', statement: 'insert', message: `INSERT ${batch.length}` };
  }
  const planned = planQuery(stmt.source, ctx.source, ctx.state);
  if (planned.reads.includes(stmt.target.name)) {
    throw new LaminarError('UNSUPPORTED', `INSERT INTO ${stmt.target.name} cannot read ${stmt.target.name} itself`, { location: locOf(ctx, stmt.target.span) });
  }
  const query = planned.physical;
  if (query.schema.length !== columns.length) {
    throw new LaminarError('WRONG_ARGUMENT_COUNT', `the query returns ${query.schema.length} columns but ${columns.length} are inserted into`, { location: locOf(ctx, stmt.source.span) });
  }
  if (!('apply' in target) && !query.appendOnly) {
    throw new LaminarError('NOT_APPEND_ONLY', `source '${stmt.target.name}' accepts only new rows, but the query updates its results`, {
      location: locOf(ctx, stmt.source.span),
      hint: 'insert into a table, or use CREATE MATERIALIZED VIEW',
    });
  }
  ensureLateTargets(ctx.state, query);
  const plan = fitToTarget(query, columns, schema, locOf(ctx, stmt.source.span));
  const sink = { push: (b: Batch) => target.append(b) };
  const running = startQuery(ctx.state, { kind: 'insert',
    plan,
    mode: planned.mode,
    output: plainOutput(sink),
    emit: planned.mode === 'snapshot' ? 'final' : 'batch',
    label: `insert into ${stmt.target.name}`,
    sql: ctx.source.slice(stmt.span.start, stmt.span.end),
    // The query's plan is the input of the projection fitting it to the target.
    origin: { ...planned.origin, root: [0] },
  });
  if (planned.mode === 'continuous') {
    return { kind: 'ok', statement: 'insert', message: `INSERT INTO ${stmt.target.name} runs as query ${running.id}` };
  }
  await running.done;
  if (running.error) throw running.error;
  await ctx.settle();
  return { kind: 'ok', statement: 'insert', message: `INSERT ${running.metrics().rowsOut}` };
}

type Target = { target: { append(b: Batch): void; apply?: unknown }; schema: Schema };

function targetOf(name: Ident, ctx: ExecContext): Target {
  const entry = ctx.state.catalog.get(name.name);
  const location = locOf(ctx, name.span);
  if (!entry) throw new LaminarError('UNKNOWN_OBJECT', `no table or source named '${name.name}'`, { location });
  if (entry.kind === 'table') {
    const t: TableStore = ctx.state.tables.get(entry.name)!;
    return { target: { append: (b) => t.apply(b), apply: true }, schema: entry.schema };
  }
  if (entry.kind === 'source' && entry.connector === null) {
    const log: PushLog = ctx.state.pushLogs.get(entry.name)!;
    const rate = ctx.state.rateOf(entry.name);
    const append = (b: Batch) => {
      log.append(b);
      rate.record(b.length);
    };
    return { target: { append }, schema: entry.schema };
  }
  throw new LaminarError('WRONG_OBJECT_KIND', `cannot insert into '${name.name}'`, {
    location,
    hint: entry.kind === 'source' ? 'only sources without FROM (fed by INSERT and push) accept rows' : 'insert into a table or a source without FROM',
  });
}

/** Target column index of each inserted value (all columns in order when none are named). */
function targetColumns(names: readonly Ident[] | null, schema: Schema, ctx: ExecContext): number[] {
  if (!names) return schema.map((_, i) => i);
  const seen = new Set<number>();
  return names.map((n) => {
    const i = schema.findIndex((f) => f.name.toLowerCase() === n.name.toLowerCase());
    if (i < 0) throw new LaminarError('UNKNOWN_COLUMN', `column '${n.name}' does not exist`, { location: locOf(ctx, n.span), hint: `columns: ${schema.map((f) => f.name).join(', ')}` });
    if (seen.has(i)) throw new LaminarError('DUPLICATE_COLUMN', `column '${n.name}' is named twice`, { location: locOf(ctx, n.span) });
    seen.add(i);
    return i;
  });
}

function valuesBatch(stmt: Insert, columns: readonly number[], schema: Schema, ctx: ExecContext): Batch {
  const rows = (stmt.source as Extract<Insert['source'], { kind: 'values' }>).rows;
  const bind = new BindContext(ctx.state.catalog, ctx.source);
  const builders = schema.map((f) => new ColumnBuilder(f.type, rows.length));
  for (const row of rows) {
    if (row.length !== columns.length) {
      const span = { start: row[0]!.span.start, end: row[row.length - 1]!.span.end };
      throw new LaminarError('WRONG_ARGUMENT_COUNT', `a row has ${row.length} values but ${columns.length} columns are inserted into`, { location: locOf(ctx, span) });
    }
    const values = new Map<number, ReturnType<typeof evaluateConstant>>();
    row.forEach((e, k) => {
      const c = columns[k]!;
      const location = locOf(ctx, e.span);
      const b = castExpr(bindExpr(e, Scope.of([], null), bind, { aggregates: null, clause: 'VALUES' }), schema[c]!.type, location, false);
      values.set(c, evaluateConstant(b, 'a value', location));
    });
    schema.forEach((_, c) => builders[c]!.append(values.get(c) ?? null));
  }
  return { length: rows.length, columns: builders.map((b) => b.finish()), kinds: null };
}

/** The query's columns cast to the target columns' types, placed in the target's order. */
function fitToTarget(plan: PhysicalPlan, columns: readonly number[], schema: Schema, loc: ReturnType<typeof locOf>): PhysicalPlan {
  const projections = schema.map((f, c) => {
    const k = columns.indexOf(c);
    if (k < 0) return castExpr({ kind: 'literal', value: null, type: f.type, nullable: true }, f.type, loc, false);
    const from = plan.schema[k]!;
    return castExpr({ kind: 'column', index: k, type: from.type, nullable: from.nullable }, f.type, loc, false);
  });
  return {
    op: 'calc',
    input: plan,
    filter: null,
    projections,
    schema: schema.map((f, c) => ({ ...f, nullable: projections[c]!.nullable })),
    appendOnly: plan.appendOnly,
    bounded: plan.bounded,
    eventTime: null,
  };
}
