import { LaminarError } from '../../errors/laminar-error.js';
import { TableStore } from '../../runtime/stores.js';
import type { CreateTable } from '../../sql/ast.js';
import { locOf, type ExecContext } from '../exec-context.js';
import type { StatementResult } from '../statement-result.js';
import { dropObject } from './drop.js';
import { nameIsFree, schemaOf } from './object-names.js';
import { bindWatermark } from './watermark-spec.js';

export async function createTable(stmt: CreateTable, ctx: ExecContext): Promise<StatementResult> {
  const name = stmt.name.name;
  if (stmt.orReplace && ctx.state.catalog.has(name)) await dropObject(ctx, stmt.name, null, false);
  if (!nameIsFree(ctx, stmt.name, stmt.ifNotExists)) return { kind: 'ok', statement: 'create_table', message: `table ${name} already exists` };
  // Primary key columns are NOT NULL.
  const pkNames = new Set((stmt.primaryKey ?? []).map((k) => k.name.toLowerCase()));
  const schema = schemaOf(ctx, stmt.columns, pkNames);
  let primaryKey: number[] | null = null;
  if (stmt.primaryKey) {
    primaryKey = stmt.primaryKey.map((k) => {
      const i = schema.findIndex((f) => f.name.toLowerCase() === k.name.toLowerCase());
      if (i < 0) throw new LaminarError('UNKNOWN_COLUMN', `primary key column '${k.name}' is not a column of the table`, { location: locOf(ctx, k.span) });
      return i;
    });
    if (new Set(primaryKey).size !== primaryKey.length) {
      throw new LaminarError('DUPLICATE_COLUMN', 'a column appears twice in the primary key', { location: locOf(ctx, stmt.span) });
    }
  }
  const watermark = stmt.watermark ? { ...bindWatermark(ctx, stmt.watermark, schema, 'table'), idleTimeout: null } : null;
  ctx.state.catalog.add({ kind: 'table', name, schema, primaryKey, watermark, definition: ctx.source.slice(stmt.span.start, stmt.span.end) });
  ctx.state.tables.set(name, new TableStore(name, schema, primaryKey, primaryKey !== null && watermark !== null));
  return { kind: 'ok', statement: 'create_table', message: `CREATE TABLE ${name}` };
}
