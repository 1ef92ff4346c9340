import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import type { Field, Schema } from '../../exec/batch/batch.js';

/** A source's schema and, for each of its columns, the generator column it reads. */
export interface ResolvedSchema {
  readonly schema: Schema;
  /** natural[c] = index in the generator's natural schema of the source's column c. */
  readonly natural: readonly number[];
}

/**
 * The declared columns of CREATE SOURCE … FROM GENERATOR select generator columns by name
 * (case-insensitive), with the same type, in the declared order. With no declared columns the
 * source has the generator's whole natural schema. Columns keep the declared spelling; they are
 * never null, whatever the declaration says.
 */
export function resolveSchema(
  natural: Schema,
  declared: Schema | null,
  what: string,
  location: SqlLocation | undefined,
): ResolvedSchema {
  if (declared === null) return { schema: natural, natural: natural.map((_, i) => i) };
  const at = location ? { location } : {};
  const hint = `${what} has columns ${natural.map((f) => `${f.name} ${f.type}`).join(', ')}`;
  const fields: Field[] = [];
  const indices: number[] = [];
  for (const d of declared) {
    const i = natural.findIndex((f) => f.name.toLowerCase() === d.name.toLowerCase());
    if (i < 0) throw new LaminarError('UNKNOWN_COLUMN', `${what} has no column '${d.name}'`, { ...at, hint });
    const f = natural[i]!;
    if (f.type !== d.type) {
      throw new LaminarError('TYPE_MISMATCH', `column '${d.name}' of ${what} is ${f.type}, not ${d.type}`, { ...at, hint });
    }
    if (indices.includes(i)) throw new LaminarError('DUPLICATE_COLUMN', `column '${d.name}' is declared twice`, { ...at, hint });
    fields.push({ name: d.name, type: f.type, nullable: false });
    indices.push(i);
  }
  return { schema: fields, natural: indices };
}

export function notNull(name: string, type: Field['type']): Field {
  return { name, type, nullable: false };
}
