import { Float64, Int64, makeTable, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { recordBatchToBatch, type Schema } from '../../engine/index.js';
import type { Rows } from '../../display/index.js';

export type KernelCell = string | number | null;

/**
 * Rows for a table the kernel makes itself (`%queries`, `%config`), built through Arrow with
 * the engine's public converter so that they display like any result. Columns may be
 * VARCHAR, BIGINT or DOUBLE. Returns null when there are no rows.
 */
export function rowsOf(schema: Schema, rows: readonly (readonly KernelCell[])[]): Rows | null {
  if (rows.length === 0) return null;
  const vectors: Record<string, Vector> = Object.fromEntries(
    schema.map((f, c): [string, Vector] => {
      const values = rows.map((r) => r[c] ?? null);
      switch (f.type) {
        case 'BIGINT':
          return [f.name, vectorFromArray(values.map((v) => (v === null ? null : BigInt(Math.round(Number(v))))), new Int64())];
        case 'DOUBLE':
          return [f.name, vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new Float64())];
        default:
          return [f.name, vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8())];
      }
    }),
  );
  const table = makeTable(vectors as unknown as Parameters<typeof makeTable>[0]);
  return { schema, batch: recordBatchToBatch(table.batches[0]!, schema).batch };
}
