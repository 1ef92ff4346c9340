import { LaminarError } from '../../errors/laminar-error.js';
import { CollectOutput } from '../../runtime/outputs.js';
import { containsRoutableByKey, normalizeResultOrder } from '../../plan/result-order.js';
import type { QueryStatement } from '../../sql/ast.js';
import type { ExecContext } from '../exec-context.js';
import { ensureLateTargets } from '../late-targets.js';
import { planQuery } from '../planning.js';
import { ResultTable } from '../result-table.js';
import { startQuery } from '../start-query.js';
import type { StatementResult } from '../statement-result.js';
import { Subscription } from '../subscription.js';

/**
 * A query over finite inputs runs to completion and returns its complete result. A query
 * reading an unbounded input returns a subscription at once and keeps running.
 */
export async function select(stmt: QueryStatement, ctx: ExecContext): Promise<StatementResult> {
  const planned = planQuery(stmt.query, ctx.source, ctx.state);
  const plan = planned.physical;
  ensureLateTargets(ctx.state, plan);
  const sql = ctx.source.slice(stmt.span.start, stmt.span.end);
  if (planned.mode === 'snapshot' && !ctx.options.subscribe) {
    const output = new CollectOutput(plan.schema, plan.appendOnly);
    const normalized = normalizeResultOrder(plan);
    const origin = normalized.wrapped ? { ...planned.origin, root: [0, ...planned.origin.root] } : planned.origin;
    const query = startQuery(ctx.state, { kind: 'select', plan: normalized.plan, mode: 'snapshot', output, emit: 'final', label: 'select', sql, origin });
    const stop = () => query.cancel();
    ctx.options.signal?.addEventListener('abort', stop, { once: true });
    try {
      await query.done;
    } finally {
      ctx.options.signal?.removeEventListener('abort', stop);
      ctx.state.queries.delete(query.id);
    }
    if (query.error) throw query.error;
    if (query.status === 'cancelled') throw new LaminarError('QUERY_CANCELLED', 'the query was stopped before it finished');
    return { kind: 'table', statement: 'query', table: new ResultTable(plan.schema, output.rows.toBatch()) };
  }
  const { keepRows, bufferBatches, overflow } = ctx.options;
  const subscription = new Subscription(`select`, plan.schema, plan.appendOnly, plan.bounded, {
    ...(keepRows === undefined ? {} : { keepRows }),
    ...(bufferBatches === undefined ? {} : { bufferBatches }),
    ...(overflow === undefined ? {} : { overflow }),
    normalizeOrder: containsRoutableByKey(plan),
  });
  const query = startQuery(ctx.state, { kind: 'select', plan, mode: planned.mode, output: subscription.output, emit: ctx.options.changes ?? 'batch', label: 'select', sql, origin: planned.origin });
  subscription.attach(query);
  return { kind: 'subscription', statement: 'query', subscription, ...(planned.warnings.length > 0 ? { warnings: planned.warnings } : {}) };
}
