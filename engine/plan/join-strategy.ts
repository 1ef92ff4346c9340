import { LaminarError } from '../errors/laminar-error.js';
import { formatInterval } from '../types/time.js';
import { joinColumnNames, splitJoinCondition, timeBounds } from './join-analysis.js';
import type { LogicalJoin } from './logical.js';
import type { JoinNode, PhysicalPlan } from './physical.js';

/**
 * Chooses how a join runs, from what its inputs are: append-only or updating, bounded or not,
 * and which column their watermarks are about (see JoinStrategy in physical.ts). ASOF and FOR
 * SYSTEM_TIME AS OF say what they need; otherwise a condition that bounds the distance between
 * the two inputs' event times makes an interval join, and anything else a regular join.
 */
export function lowerJoin(p: LogicalJoin, left: PhysicalPlan, right: PhysicalPlan): JoinNode {
  const width = left.schema.length;
  const { leftKeys, rightKeys, residual } = splitJoinCondition(p.condition, width);
  const base = { op: 'join' as const, type: p.type, left, right, leftKeys, rightKeys, residual, interval: null, asof: null, temporal: null, schema: p.schema };
  const bounded = left.bounded && right.bounded;
  const location = { location: p.loc };
  const names = joinColumnNames(left.schema, right.schema);
  const name = (plan: PhysicalPlan, c: number) => (plan === left ? names.left : names.right)[c]!;

  if (p.asof) {
    if (!left.appendOnly || !right.appendOnly) {
      throw new LaminarError('UNSUPPORTED', 'ASOF JOIN needs inputs that only insert', { ...location, hint: 'an updating input (an aggregate, a table with a primary key) cannot be ASOF-joined; FOR SYSTEM_TIME AS OF joins versions of a table' });
    }
    const watermarked = right.eventTime === p.asof.right;
    if (!watermarked && !right.bounded) {
      throw new LaminarError('NO_WATERMARK', `ASOF JOIN decides each left row once the right input's watermark passes it, but '${name(right, p.asof.right)}' has none`, {
        ...location,
        hint: "declare one on the right source: WATERMARK FOR ts AS ts - INTERVAL '5' SECOND",
      });
    }
    return {
      ...base,
      strategy: 'asof',
      asof: p.asof,
      reason: watermarked ? 'each left row is decided when the right watermark passes it; right rows no later row can match are dropped' : 'the right input is finite: left rows are decided as it ends',
      appendOnly: true,
      bounded,
      eventTime: left.eventTime === p.asof.left ? p.asof.left : null,
      unboundedState: false,
    };
  }

  if (p.temporal?.kind === 'event') {
    if (!left.appendOnly) throw new LaminarError('UNSUPPORTED', 'a join FOR SYSTEM_TIME AS OF needs a left input that only inserts', location);
    if (right.eventTime === null) {
      throw new LaminarError('NO_WATERMARK', "a join FOR SYSTEM_TIME AS OF a time reads versions timed by the right input's event time, but it has no WATERMARK", {
        ...location,
        hint: "declare one: CREATE TABLE rates (…, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND, PRIMARY KEY (…)); or join FOR SYSTEM_TIME AS OF PROCTIME() for the current rows",
      });
    }
    return {
      ...base,
      strategy: 'temporal',
      temporal: { leftTime: p.temporal.left, rightTime: right.eventTime },
      reason: `each left row gets the version valid at ${name(left, p.temporal.left)}, once the right watermark passes it; versions superseded behind the left watermark are dropped`,
      appendOnly: true,
      bounded,
      eventTime: left.eventTime === p.temporal.left ? p.temporal.left : null,
      unboundedState: false,
    };
  }

  if (p.temporal?.kind === 'proctime') {
    return {
      ...base,
      strategy: 'lookup',
      reason: 'each left row reads the right rows current when it arrives; right changes emit nothing',
      appendOnly: left.appendOnly,
      bounded: left.bounded,
      eventTime: left.eventTime,
      unboundedState: !right.bounded,
    };
  }

  if (left.eventTime !== null && right.eventTime !== null && left.appendOnly && right.appendOnly) {
    // Bounds from every conjunct (an equality of the two times is a key too); the residual
    // keeps the conditions the bounds do not say.
    const { lower, upper } = timeBounds(p.condition, left.eventTime, width + right.eventTime);
    const { rest } = timeBounds(residual, left.eventTime, width + right.eventTime);
    if (Number.isFinite(lower) && Number.isFinite(upper)) {
      const span = `${name(right, right.eventTime)} − ${name(left, left.eventTime)} in [${signed(lower)}, ${signed(upper)}]`;
      return {
        ...base,
        // The bound is tested on its own; the residual keeps the other conditions.
        residual: rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { kind: 'and', args: rest, type: 'BOOLEAN', nullable: rest.some((r) => r.nullable) },
        strategy: 'interval',
        interval: { leftTime: left.eventTime, rightTime: right.eventTime, lower, upper },
        reason: `${span}: state bounded by the watermarks`,
        appendOnly: true,
        bounded,
        eventTime: p.type === 'inner' || p.type === 'left' ? left.eventTime : null,
        unboundedState: false,
      };
    }
  }

  const why =
    leftKeys.length === 0 ? 'no equality between the inputs: every pair of rows is compared'
    : !left.appendOnly || !right.appendOnly ? 'an input updates: every row is kept to retract its matches'
    : bounded ? 'finite inputs: every row is kept until they end'
    : "no bound on the distance between the inputs' watermarked event times: every row is kept";
  return {
    ...base,
    strategy: 'regular',
    reason: why,
    appendOnly: p.type === 'inner' && left.appendOnly && right.appendOnly,
    bounded,
    eventTime: null,
    unboundedState: !bounded,
  };
}

function signed(us: number): string {
  return us < 0 ? `-${formatInterval(-us)}` : `+${formatInterval(us)}`;
}
