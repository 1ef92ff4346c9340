import { LaminarError } from '../../errors/laminar-error.js';
import type { Schema } from '../../exec/batch/batch.js';
import { bindExpr } from '../../plan/binder/bind-expr.js';
import { BindContext } from '../../plan/binder/context.js';
import { Scope } from '../../plan/binder/scope.js';
import type { WatermarkSpec } from '../../plan/catalog.js';
import type { WatermarkDef } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';

/** WATERMARK FOR ts AS ts [- INTERVAL …]: the watermark trails the largest ts by a constant. */
export function bindWatermark(ctx: ExecContext, w: WatermarkDef, schema: Schema, owner: 'source' | 'table'): Omit<WatermarkSpec, 'idleTimeout'> {
  const column = schema.findIndex((f) => f.name.toLowerCase() === w.column.name.toLowerCase());
  if (column < 0) {
    throw new LaminarError('UNKNOWN_COLUMN', `watermark column '${w.column.name}' is not a column of the ${owner}`, { location: locOf(ctx, w.column.span) });
  }
  if (schema[column]!.type !== 'TIMESTAMP') {
    throw new LaminarError('TYPE_MISMATCH', `watermark column '${w.column.name}' must be a TIMESTAMP, not ${schema[column]!.type}`, { location: locOf(ctx, w.column.span) });
  }
  const bound = bindExpr(w.expr, Scope.of(schema, null), new BindContext(ctx.state.catalog, ctx.source), { aggregates: null, clause: 'WATERMARK' });
  const isColumn = (e: typeof bound) => e.kind === 'column' && e.index === column;
  if (isColumn(bound)) return { column, delay: 0 };
  if (bound.kind === 'call' && bound.fn.name === '-' && isColumn(bound.args[0]!) && bound.args[1]!.kind === 'literal' && typeof bound.args[1].value === 'number' && bound.args[1].value >= 0) {
    return { column, delay: bound.args[1].value };
  }
  throw new LaminarError('UNSUPPORTED', `a watermark must be '${w.column.name}' or '${w.column.name} - INTERVAL …'`, { location: locOf(ctx, w.expr.span) });
}
