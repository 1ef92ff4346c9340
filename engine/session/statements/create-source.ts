import { ConnectorOptions } from '../../connectors/options.js';
import { SOURCE_FACTORIES } from '../../connectors/registry.js';
import { LaminarError } from '../../errors/laminar-error.js';
import type { Schema } from '../../exec/batch/batch.js';
import { bindExpr } from '../../plan/binder/bind-expr.js';
import { BindContext } from '../../plan/binder/context.js';
import { Scope } from '../../plan/binder/scope.js';
import type { SourceEntry, WatermarkSpec } from '../../plan/catalog.js';
import { PushLog } from '../../runtime/stores.js';
import type { CreateSource, WatermarkDef } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';
import type { StatementResult } from '../statement-result.js';
import { dropObject } from './drop.js';
import { nameIsFree, schemaOf } from './object-names.js';
import { optionValues } from './option-values.js';

export async function createSource(stmt: CreateSource, ctx: ExecContext): Promise<StatementResult> {
  const name = stmt.name.name;
  if (stmt.orReplace && ctx.state.catalog.has(name)) await dropObject(ctx, stmt.name, null, false);
  if (!nameIsFree(ctx, stmt.name, stmt.ifNotExists)) return ok(`source ${name} already exists`);
  const declared = stmt.columns ? schemaOf(ctx, stmt.columns) : null;
  const location = locOf(ctx, stmt.span);

  const settings = new ConnectorOptions(optionValues(ctx, stmt.settings), 'source settings (WITH)', location);
  const idleTimeout = settings.has('idle_timeout') ? settings.duration('idle_timeout') : null;
  settings.done();
  if (idleTimeout !== null && !stmt.watermark) {
    throw new LaminarError('INVALID_OPTION', "idle_timeout needs a WATERMARK: it says when the source stops holding the watermark back", { location });
  }

  let entry: SourceEntry;
  if (stmt.connector) {
    const factory = SOURCE_FACTORIES[stmt.connector.connector];
    const subject = stmt.connector.connector === 'GENERATOR' ? 'a generator' : 'a file source';
    const options = new ConnectorOptions(optionValues(ctx, stmt.connector.options), subject, locOf(ctx, stmt.connector.span));
    const connector = factory({ name, columns: declared, options, location });
    options.done();
    entry = { kind: 'source', name, schema: connector.schema, connector, watermark: null, definition: text(ctx, stmt.span) };
  } else {
    if (!declared) {
      throw new LaminarError('SYNTAX_ERROR', `source '${name}' has no columns and no FROM`, {
        location,
        hint: "declare its columns: CREATE SOURCE s (x INT, ts TIMESTAMP), or read from a connector: FROM GENERATOR (kind = 'trades')",
      });
    }
    entry = { kind: 'source', name, schema: declared, connector: null, watermark: null, definition: text(ctx, stmt.span) };
  }
  if (stmt.watermark) entry = { ...entry, watermark: { ...watermarkOf(ctx, stmt.watermark, entry.schema), idleTimeout } };
  ctx.state.catalog.add(entry);
  if (!entry.connector) ctx.state.pushLogs.set(name, new PushLog(name, entry.schema));
  return ok(`CREATE SOURCE ${name}`);
}

/** WATERMARK FOR ts AS ts [- INTERVAL …]: the watermark trails the largest ts by a constant. */
function watermarkOf(ctx: ExecContext, w: WatermarkDef, schema: Schema): Omit<WatermarkSpec, 'idleTimeout'> {
  const column = schema.findIndex((f) => f.name.toLowerCase() === w.column.name.toLowerCase());
  if (column < 0) {
    throw new LaminarError('UNKNOWN_COLUMN', `watermark column '${w.column.name}' is not a column of the source`, { location: locOf(ctx, w.column.span) });
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

function text(ctx: ExecContext, span: { start: number; end: number }): string {
  return ctx.source.slice(span.start, span.end);
}

function ok(message: string): StatementResult {
  return { kind: 'ok', statement: 'create_source', message };
}
