import { LaminarError } from '../errors/laminar-error.js';
import type { SqlLocation } from '../errors/location.js';
import { canCast, castScalar } from '../types/cast-value.js';
import type { SqlType } from '../types/sql-type.js';
import type { BoundExpr } from './bound-expr.js';

/**
 * CAST(e AS type) at bind time: refuses casts that do not exist, folds literals (so
 * `ts > '2024-01-01'` compares against a timestamp constant and a bad literal fails before the
 * query starts), and leaves a cast node for compiled code otherwise.
 */
export function castExpr(e: BoundExpr, to: SqlType, loc: SqlLocation | undefined, tryCast: boolean): BoundExpr {
  if (e.type === to) return e;
  if (e.kind === 'literal') {
    if (e.value === null) return { kind: 'literal', value: null, type: to, nullable: true };
    if (!canCast(e.type, to)) throw cannotCast(e.type, to, loc);
    const v = castScalar(e.value, e.type, to);
    if (v === undefined) {
      if (tryCast) return { kind: 'literal', value: null, type: to, nullable: true };
      throw new LaminarError('INVALID_CAST', `cannot convert ${describeValue(e.value)} to ${to}`, loc ? { location: loc } : {});
    }
    return { kind: 'literal', value: v, type: to, nullable: false };
  }
  if (!canCast(e.type, to)) throw cannotCast(e.type, to, loc);
  return { kind: 'cast', arg: e, type: to, nullable: e.nullable || mayFail(e.type, to) && tryCast, try: tryCast, loc };
}

function mayFail(from: SqlType, to: SqlType): boolean {
  return from === 'VARCHAR' || (from === 'DOUBLE' && (to === 'INT' || to === 'BIGINT')) || (from === 'BIGINT' && to === 'INT');
}

function cannotCast(from: SqlType, to: SqlType, loc: SqlLocation | undefined): LaminarError {
  const hint =
    from === 'TIMESTAMP' && to !== 'VARCHAR' ? 'use EXTRACT(EPOCH FROM ts) for seconds since 1970'
    : to === 'TIMESTAMP' ? 'use TO_TIMESTAMP(seconds) or EPOCH_MS(milliseconds)'
    : undefined;
  return new LaminarError('TYPE_MISMATCH', `cannot cast ${from} to ${to}`, { ...(loc ? { location: loc } : {}), ...(hint ? { hint } : {}) });
}

function describeValue(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}
