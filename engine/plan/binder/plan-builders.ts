import type { Field, Schema } from '../../exec/batch/batch.js';
import type { BoundExpr } from '../bound-expr.js';
import type { AggregateCall, LogicalPlan } from '../logical.js';

/** Small constructors that keep each node's schema consistent with its inputs. */

export function project(input: LogicalPlan, exprs: readonly BoundExpr[], names: readonly string[]): LogicalPlan {
  const schema: Schema = exprs.map((e, i) => ({ name: names[i]!, type: e.type, nullable: e.nullable }));
  return { kind: 'project', input, exprs, schema };
}

export function filter(input: LogicalPlan, predicate: BoundExpr): LogicalPlan {
  return { kind: 'filter', input, predicate, schema: input.schema };
}

export function columnRef(schema: Schema, index: number): BoundExpr {
  const f = schema[index]!;
  return { kind: 'column', index, type: f.type, nullable: f.nullable };
}

export function aggregate(input: LogicalPlan, keys: readonly number[], aggregates: readonly AggregateCall[], aggFields: readonly Field[]): LogicalPlan {
  const schema: Schema = [...keys.map((k) => input.schema[k]!), ...aggFields];
  return { kind: 'aggregate', input, keys, aggregates, schema };
}

/** SELECT DISTINCT: a GROUP BY over every column, without aggregates. */
export function distinct(input: LogicalPlan): LogicalPlan {
  return aggregate(input, input.schema.map((_, i) => i), [], []);
}

export function renameColumns(plan: LogicalPlan, names: readonly string[]): LogicalPlan {
  return project(plan, plan.schema.map((_, i) => columnRef(plan.schema, i)), names);
}
