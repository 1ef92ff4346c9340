import { LaminarError } from '../errors/laminar-error.js';
import type { SqlLocation } from '../errors/location.js';
import { isNumeric, type SqlType } from '../types/sql-type.js';

/**
 * Aggregate functions. Every aggregate accepts retractions (DESIGN.md principle 2): removing
 * a row undoes adding it, so a GROUP BY over a changing input stays exact.
 */
export type AggregateKind =
  | 'count_star'
  | 'count'
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'first_value'
  | 'last_value'
  | 'stddev_samp'
  | 'stddev_pop'
  | 'var_samp'
  | 'var_pop';

export interface AggregateInfo {
  readonly kind: AggregateKind;
  readonly signature: string;
  readonly description: string;
}

const AGGREGATES: readonly (AggregateInfo & { names: readonly string[] })[] = [
  { kind: 'count', names: ['count'], signature: 'count(*) | count(x) | count(DISTINCT x) → BIGINT', description: 'Rows, or non-NULL values of x.' },
  { kind: 'sum', names: ['sum'], signature: 'sum(x) → BIGINT | DOUBLE | INTERVAL', description: 'Sum of non-NULL values; NULL when there are none. DOUBLE sums are the same in any order (exact for values within 2^63 of each other).' },
  { kind: 'avg', names: ['avg', 'mean'], signature: 'avg(x) → DOUBLE', description: 'Mean of non-NULL values.' },
  { kind: 'min', names: ['min'], signature: 'min(x) → type of x', description: 'Smallest non-NULL value.' },
  { kind: 'max', names: ['max'], signature: 'max(x) → type of x', description: 'Largest non-NULL value.' },
  { kind: 'first_value', names: ['first_value', 'first'], signature: 'first_value(x) → type of x', description: 'The first value to arrive (in stream order), NULLs included.' },
  { kind: 'last_value', names: ['last_value', 'last'], signature: 'last_value(x) → type of x', description: 'The last value to arrive (in stream order), NULLs included.' },
  { kind: 'stddev_samp', names: ['stddev_samp', 'stddev'], signature: 'stddev_samp(x) → DOUBLE', description: 'Sample standard deviation; NULL for fewer than 2 values.' },
  { kind: 'stddev_pop', names: ['stddev_pop'], signature: 'stddev_pop(x) → DOUBLE', description: 'Population standard deviation.' },
  { kind: 'var_samp', names: ['var_samp', 'variance'], signature: 'var_samp(x) → DOUBLE', description: 'Sample variance; NULL for fewer than 2 values.' },
  { kind: 'var_pop', names: ['var_pop'], signature: 'var_pop(x) → DOUBLE', description: 'Population variance.' },
];

const BY_NAME = new Map(AGGREGATES.flatMap((a) => a.names.map((n) => [n, a] as const)));

export function isAggregateName(name: string): boolean {
  return BY_NAME.has(name.toLowerCase());
}

export function aggregateNames(): string[] {
  return [...BY_NAME.keys()];
}

export function aggregateCatalogue(): readonly (AggregateInfo & { names: readonly string[] })[] {
  return AGGREGATES;
}

/** The aggregate a call names, its result type, and whether NULL is a possible result. */
export function resolveAggregate(
  name: string,
  argType: SqlType | null,
  star: boolean,
  loc: SqlLocation,
  argLoc: SqlLocation | undefined,
): { kind: AggregateKind; type: SqlType; nullable: boolean } {
  const info = BY_NAME.get(name.toLowerCase())!;
  if (star) {
    if (info.kind !== 'count') throw new LaminarError('TYPE_MISMATCH', `${name}(*) is not valid; only count(*) takes *`, { location: loc });
    return { kind: 'count_star', type: 'BIGINT', nullable: false };
  }
  if (argType === null) {
    throw new LaminarError('WRONG_ARGUMENT_COUNT', `${name} takes one argument`, { location: loc });
  }
  const where = { location: argLoc ?? loc };
  switch (info.kind) {
    case 'count':
      return { kind: 'count', type: 'BIGINT', nullable: false };
    case 'sum':
      if (argType === 'INT' || argType === 'BIGINT') return { kind: 'sum', type: 'BIGINT', nullable: true };
      if (argType === 'DOUBLE' || argType === 'INTERVAL') return { kind: 'sum', type: argType, nullable: true };
      throw new LaminarError('TYPE_MISMATCH', `sum needs a number or an interval, not ${argType}`, where);
    case 'avg':
      if (isNumeric(argType)) return { kind: 'avg', type: 'DOUBLE', nullable: true };
      throw new LaminarError('TYPE_MISMATCH', `avg needs a number, not ${argType}`, where);
    case 'stddev_samp':
    case 'stddev_pop':
    case 'var_samp':
    case 'var_pop':
      if (isNumeric(argType)) return { kind: info.kind, type: 'DOUBLE', nullable: true };
      throw new LaminarError('TYPE_MISMATCH', `${name} needs a number, not ${argType}`, where);
    default:
      return { kind: info.kind, type: argType, nullable: true };
  }
}
