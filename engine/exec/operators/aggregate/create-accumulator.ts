import type { AggregateKind } from '../../../plan/aggregates.js';
import type { SqlType } from '../../../types/sql-type.js';
import type { Accumulator } from './accumulator.js';
import { CountAccumulator, SumAccumulator, SumView, VarianceAccumulator } from './numeric-accumulators.js';
import { DistinctAccumulator, ExtremeAccumulator, PositionalAccumulator } from './value-accumulators.js';

export interface AggregateSpec {
  readonly kind: AggregateKind;
  /** Input column of the argument, or null for count(*). */
  readonly arg: number | null;
  /** Input BOOLEAN column of FILTER (WHERE …), or null. */
  readonly filter: number | null;
  readonly distinct: boolean;
  readonly argType: SqlType | null;
}

/**
 * The accumulators of a list of aggregates, by position; `retractable` is false when the input
 * never retracts. sum(x) and avg(x) over the same argument and filter share one state.
 */
export function createAccumulators(specs: readonly AggregateSpec[], retractable: boolean): Accumulator[] {
  const shares = sharedSums(specs);
  const accumulators: Accumulator[] = [];
  specs.forEach((spec, a) => {
    const source = shares[a];
    accumulators.push(source === null ? createAccumulator(spec, retractable) : new SumView(accumulators[source!] as SumAccumulator, spec.kind as 'sum' | 'avg'));
  });
  return accumulators;
}

/** For each aggregate, the earlier one whose sum state it reads (sum and avg of one argument), or null. */
export function sharedSums(specs: readonly AggregateSpec[]): (number | null)[] {
  const sumOf = (s: AggregateSpec) => (!s.distinct && (s.kind === 'sum' || s.kind === 'avg') ? `${s.arg}|${s.filter}` : null);
  return specs.map((spec, a) => {
    const key = sumOf(spec);
    if (key === null) return null;
    const first = specs.findIndex((s) => sumOf(s) === key);
    return first < a ? first : null;
  });
}

function createAccumulator(spec: AggregateSpec, retractable: boolean): Accumulator {
  const inner = base(spec, retractable);
  return spec.distinct ? new DistinctAccumulator(inner) : inner;
}

function base(spec: AggregateSpec, retractable: boolean): Accumulator {
  const integer = spec.argType === 'INT' || spec.argType === 'BIGINT' || spec.argType === 'INTERVAL';
  switch (spec.kind) {
    case 'count_star':
      return new CountAccumulator(true);
    case 'count':
      return new CountAccumulator(false);
    case 'sum':
      return new SumAccumulator('sum', integer);
    case 'avg':
      return new SumAccumulator('avg', integer);
    case 'min':
    case 'max':
      return new ExtremeAccumulator(spec.kind === 'max', retractable);
    case 'first_value':
    case 'last_value':
      return new PositionalAccumulator(spec.kind === 'last_value', retractable);
    case 'var_samp':
    case 'var_pop':
    case 'stddev_samp':
    case 'stddev_pop':
      return new VarianceAccumulator(spec.kind);
  }
}
