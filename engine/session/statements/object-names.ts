import { LaminarError } from '../../errors/laminar-error.js';
import { KIND_NAMES, type EntryKind } from '../../plan/catalog.js';
import type { ColumnDef, Ident } from '../../sql/ast.js';
import type { Field, Schema } from '../../exec/batch/batch.js';
import { locOf, type ExecContext } from '../exec-context.js';

/**
 * Checks a CREATE's name: free (true), taken but IF NOT EXISTS (false: nothing to do), or
 * DUPLICATE_OBJECT. OR REPLACE callers drop the old object first.
 */
export function nameIsFree(ctx: ExecContext, name: Ident, ifNotExists: boolean): boolean {
  const existing = ctx.state.catalog.get(name.name);
  if (!existing) return true;
  if (ifNotExists || ctx.options.skipExisting === true) return false;
  throw new LaminarError('DUPLICATE_OBJECT', `a ${KIND_NAMES[existing.kind]} named '${name.name}' already exists`, {
    location: locOf(ctx, name.span),
    hint: `choose another name, or use CREATE OR REPLACE`,
  });
}

/** The schema of a column list; a name given twice is DUPLICATE_COLUMN. */
export function schemaOf(ctx: ExecContext, columns: readonly ColumnDef[], forceNotNull: ReadonlySet<string> = new Set()): Schema {
  const seen = new Set<string>();
  return columns.map((c): Field => {
    const key = c.name.name.toLowerCase();
    if (seen.has(key)) throw new LaminarError('DUPLICATE_COLUMN', `column '${c.name.name}' is declared twice`, { location: locOf(ctx, c.name.span) });
    seen.add(key);
    return { name: c.name.name, type: c.type.type, nullable: !c.notNull && !forceNotNull.has(key) };
  });
}

/** Output columns of a named query must have distinct names, so they can be referred to. */
export function checkOutputNames(ctx: ExecContext, schema: Schema, at: Ident): void {
  const seen = new Set<string>();
  for (const f of schema) {
    const key = f.name.toLowerCase();
    if (seen.has(key)) {
      throw new LaminarError('DUPLICATE_COLUMN', `the query has two columns named '${f.name}'`, { location: locOf(ctx, at.span), hint: 'name them apart with AS' });
    }
    seen.add(key);
  }
}

export function expectKind(ctx: ExecContext, name: Ident, kind: EntryKind, statement: string): void {
  const e = ctx.state.catalog.get(name.name);
  if (e && e.kind !== kind) {
    throw new LaminarError('WRONG_OBJECT_KIND', `'${name.name}' is a ${KIND_NAMES[e.kind]}, not a ${KIND_NAMES[kind]}`, {
      location: locOf(ctx, name.span),
      hint: `${statement} applies to ${KIND_NAMES[kind]}s`,
    });
  }
}
