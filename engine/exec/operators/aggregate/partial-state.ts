import type { SqlType } from '../../../types/sql-type.js';
import type { Field, Schema } from '../../batch/batch.js';
import { BINNED_WIDTH } from './binned-sums.js';
import { sharedSums, type AggregateSpec } from './create-accumulator.js';

/**
 * Two-phase aggregation: the columns a group's partial state travels in, per aggregate, or
 * null when the aggregate cannot be split (its merged result would depend on how the input
 * was split: DISTINCT, first/last, Welford's variance) or when the input retracts (min/max
 * then need their whole multisets). Must agree with the accumulators' `partialState`.
 */
function partialTypes(spec: AggregateSpec): readonly SqlType[] | null {
  if (spec.distinct) return null;
  const integer = spec.argType === 'INT' || spec.argType === 'BIGINT' || spec.argType === 'INTERVAL';
  switch (spec.kind) {
    case 'count_star':
    case 'count':
      return ['DOUBLE'];
    case 'sum':
    case 'avg':
      return new Array<SqlType>(integer ? 2 : 1 + BINNED_WIDTH).fill('DOUBLE');
    case 'min':
    case 'max':
      return spec.argType === null ? null : [spec.argType];
    default:
      return null;
  }
}

/** Whether a GROUP BY over an input that only inserts can run in two phases. */
export function splittable(specs: readonly AggregateSpec[]): boolean {
  return specs.every((s) => partialTypes(s) !== null);
}

/** Each aggregate's state columns (none for one that shares another's state: sharedSums). */
export function partialLayout(specs: readonly AggregateSpec[]): (readonly SqlType[])[] {
  const shares = sharedSums(specs);
  return specs.map((s, a) => (shares[a] === null ? partialTypes(s)! : []));
}

/** The rows partial aggregation emits: the group's keys, then each aggregate's state columns. */
export function partialSchema(keys: readonly Field[], specs: readonly AggregateSpec[]): Schema {
  const states = partialLayout(specs).flatMap((types, a) => types.map((type, k): Field => ({ name: `a${a}_${k}`, type, nullable: true })));
  return [...keys, ...states];
}
