import { ConnectorOptions } from '../../connectors/options.js';
import { SOURCE_FACTORIES } from '../../connectors/registry.js';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SourceEntry } from '../../plan/catalog.js';
import { PushLog } from '../../runtime/stores.js';
import type { CreateSource } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';
import type { StatementResult } from '../statement-result.js';
import { dropObject } from './drop.js';
import { nameIsFree, schemaOf } from './object-names.js';
import { optionValues } from './option-values.js';
import { bindWatermark } from './watermark-spec.js';

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
  if (stmt.watermark) entry = { ...entry, watermark: { ...bindWatermark(ctx, stmt.watermark, entry.schema, 'source'), idleTimeout } };
  ctx.state.catalog.add(entry);
  if (!entry.connector) ctx.state.pushLogs.set(name, new PushLog(name, entry.schema));
  return ok(`CREATE SOURCE ${name}`);
}

function text(ctx: ExecContext, span: { start: number; end: number }): string {
  return ctx.source.slice(span.start, span.end);
}

function ok(message: string): StatementResult {
  return { kind: 'ok', statement: 'create_source', message };
}
