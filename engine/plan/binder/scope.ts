import { LaminarError } from '../../errors/laminar-error.js';
import type { Schema } from '../../exec/batch/batch.js';
import { closest } from '../../sql/parser/cursor.js';
import type { ColumnRef } from '../../sql/ast.js';
import type { BindContext } from './context.js';

export interface ScopeColumn {
  /** The name of the input the column belongs to (table alias), or null. */
  readonly qualifier: string | null;
  readonly name: string;
  readonly index: number;
  /** Reachable only as qualifier.name (hidden from unqualified names by a window column). */
  readonly qualifiedOnly?: boolean;
}

/** The columns visible to expressions of one SELECT: those of its FROM input. */
export class Scope {
  constructor(
    readonly schema: Schema,
    readonly columns: readonly ScopeColumn[],
  ) {}

  static of(schema: Schema, qualifier: string | null): Scope {
    return new Scope(schema, schema.map((f, index) => ({ qualifier, name: f.name, index })));
  }

  /** The column a reference names, or UNKNOWN_COLUMN / AMBIGUOUS_COLUMN at the reference. */
  resolve(ref: ColumnRef, ctx: BindContext): ScopeColumn {
    const name = ref.name.name;
    const qualifier = ref.table?.name ?? null;
    const matches = this.columns.filter((c) => matchName(c.name, name, ref.name.quoted) && (qualifier === null ? !c.qualifiedOnly : c.qualifier === qualifier));
    if (matches.length === 1) return matches[0]!;
    const location = ctx.loc(ref.span);
    if (matches.length > 1) {
      throw new LaminarError('AMBIGUOUS_COLUMN', `column '${name}' is ambiguous`, { location, hint: 'qualify it with the input name' });
    }
    if (qualifier !== null && !this.columns.some((c) => c.qualifier === qualifier)) {
      throw new LaminarError('UNKNOWN_OBJECT', `no input named '${qualifier}' in this query`, {
        location: ctx.loc(ref.table!.span),
        ...(this.qualifiers().length ? { hint: `inputs: ${this.qualifiers().join(', ')}` } : {}),
      });
    }
    const guess = closest(name, this.columns.map((c) => c.name));
    const available = this.columns.map((c) => c.name);
    throw new LaminarError('UNKNOWN_COLUMN', `column '${name}' does not exist`, {
      location,
      hint: guess ? `did you mean '${guess}'?` : available.length ? `columns: ${available.join(', ')}` : 'this query has no input columns',
    });
  }

  /** True when an unqualified name refers to some input column. */
  hasColumn(name: string, quoted: boolean): boolean {
    return this.columns.some((c) => !c.qualifiedOnly && matchName(c.name, name, quoted));
  }

  private qualifiers(): string[] {
    return [...new Set(this.columns.map((c) => c.qualifier).filter((q): q is string => q !== null))];
  }
}

/** Unquoted names match case-insensitively; quoted names exactly. */
export function matchName(columnName: string, written: string, quoted: boolean): boolean {
  return quoted ? columnName === written : columnName.toLowerCase() === written.toLowerCase();
}
