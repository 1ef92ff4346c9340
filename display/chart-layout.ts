import type { Schema, SqlType } from '../engine/index.js';

/**
 * What a chart of a result shows, chosen from its column types:
 *
 * - a TIMESTAMP column: a line chart over time of the numeric columns; when the result also
 *   has a text column and one numeric column (`ts, symbol, price`), one line per text value;
 * - else a text or boolean column: a bar chart, one bar per row (per numeric column);
 * - else two or more numeric columns: a line chart of the others over the first;
 * - else one numeric column: a line chart over the row number.
 */
export type ChartLayout =
  | { readonly kind: 'line'; readonly x: number | null; readonly ys: readonly number[]; readonly splitBy: number | null }
  | { readonly kind: 'bar'; readonly key: number; readonly ys: readonly number[] }
  | { readonly kind: 'none'; readonly reason: string };

export function isNumeric(type: SqlType): boolean {
  return type === 'INT' || type === 'BIGINT' || type === 'DOUBLE';
}

export function chartLayout(schema: Schema): ChartLayout {
  const indexes = schema.map((_, c) => c);
  const numeric = indexes.filter((c) => isNumeric(schema[c]!.type));
  const time = indexes.find((c) => schema[c]!.type === 'TIMESTAMP');
  const label = indexes.find((c) => schema[c]!.type === 'VARCHAR' || schema[c]!.type === 'BOOLEAN');
  if (numeric.length === 0) return { kind: 'none', reason: 'nothing to chart: the result has no numeric column (INT, BIGINT or DOUBLE)' };
  if (time !== undefined) {
    const splitBy = label !== undefined && numeric.length === 1 ? label : null;
    return { kind: 'line', x: time, ys: numeric, splitBy };
  }
  if (label !== undefined) return { kind: 'bar', key: label, ys: numeric };
  if (numeric.length >= 2) return { kind: 'line', x: numeric[0]!, ys: numeric.slice(1), splitBy: null };
  return { kind: 'line', x: null, ys: numeric, splitBy: null };
}
