import type { Scalar } from '../exec/batch/column.js';
import type { SqlType } from '../types/sql-type.js';

/**
 * A value as the API hands it out: TIMESTAMP as a Date (millisecond precision; the columnar
 * and Arrow forms keep microseconds), INTERVAL as a number of milliseconds (as JS's
 * `date2 - date1`), other types as the engine holds them.
 */
export type JsValue = number | string | boolean | Date | null;

export function toJs(v: Scalar, type: SqlType): JsValue {
  if (v === null) return null;
  if (type === 'TIMESTAMP') return new Date(Math.floor((v as number) / 1000));
  if (type === 'INTERVAL') return (v as number) / 1000;
  return v;
}
