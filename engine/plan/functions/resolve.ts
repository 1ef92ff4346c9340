import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import { isNumeric, widerNumeric, type SqlType } from '../../types/sql-type.js';
import type { BoundCall, BoundExpr } from '../bound-expr.js';
import { castExpr } from '../cast-rules.js';
import type { ScalarFunction } from './scalar-function.js';

/** Where a call is written, so type errors can point at the offending argument. */
export interface CallSite {
  /** The function or operator name as written. */
  readonly name: string;
  readonly loc: SqlLocation;
  readonly argLocs: readonly SqlLocation[];
}

/** A function's entry in the catalogue: arity, type rule, documentation. */
export interface FunctionEntry {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** For help, completion and the README: e.g. 'lower(s VARCHAR) → VARCHAR'. */
  readonly signature: string;
  readonly description: string;
  readonly resolve: (args: readonly BoundExpr[], site: CallSite) => BoundExpr;
}

export function call(fn: ScalarFunction, args: readonly BoundExpr[], type: SqlType, site: CallSite | undefined, nullable?: boolean): BoundCall {
  return {
    kind: 'call',
    fn,
    args,
    type,
    nullable: nullable ?? (args.some((a) => a.nullable) || fn.mayReturnNull === true),
    loc: site?.loc,
  };
}

export function typeError(site: CallSite, i: number, expected: string, got: SqlType | 'NULL', hint?: string): LaminarError {
  const location = site.argLocs[i] ?? site.loc;
  const which = site.argLocs.length > 1 ? ` argument ${i + 1}` : '';
  return new LaminarError('TYPE_MISMATCH', `${site.name}${which} must be ${expected}, not ${got}`, { location, ...(hint ? { hint } : {}) });
}

/** The argument converted to `type` (implicit widening or a literal), or a TYPE_MISMATCH. */
export function expect(args: readonly BoundExpr[], i: number, type: SqlType, site: CallSite): BoundExpr {
  const a = args[i]!;
  if (a.type === type) return a;
  if (isNumeric(a.type) && isNumeric(type) && widerNumeric(a.type, type) === type) return castExpr(a, type, site.argLocs[i], false);
  if (a.kind === 'literal' && (a.value === null || a.type === 'VARCHAR')) return castExpr(a, type, site.argLocs[i], false);
  throw typeError(site, i, type, a.type);
}

/** The argument if numeric, else a TYPE_MISMATCH. */
export function expectNumeric(args: readonly BoundExpr[], i: number, site: CallSite): BoundExpr & { type: 'INT' | 'BIGINT' | 'DOUBLE' } {
  const a = args[i]!;
  if (isNumeric(a.type)) return a as BoundExpr & { type: 'INT' | 'BIGINT' | 'DOUBLE' };
  if (a.kind === 'literal' && a.value === null) return castExpr(a, 'INT', site.argLocs[i], false) as BoundExpr & { type: 'INT' };
  throw typeError(site, i, 'a number', a.type);
}

/** Any argument as VARCHAR (for CONCAT and ||), casting non-strings. */
export function asVarchar(a: BoundExpr, loc: SqlLocation | undefined): BoundExpr {
  return a.type === 'VARCHAR' ? a : castExpr(a, 'VARCHAR', loc, false);
}

/** Every argument converted to one common type (numbers widen; literals adapt). */
export function commonType(args: readonly BoundExpr[], unify: (l: BoundExpr, r: BoundExpr) => [BoundExpr, BoundExpr]): BoundExpr[] {
  let acc = args[0]!;
  for (let i = 1; i < args.length; i++) acc = unify(acc, args[i]!)[0];
  return args.map((a) => (a.type === acc.type ? a : unify(acc, a)[1]));
}

/** The value of a constant argument (a literal), or a TYPE_MISMATCH saying it must be one. */
export function constantString(args: readonly BoundExpr[], i: number, site: CallSite, what: string): string {
  const a = args[i]!;
  if (a.kind === 'literal' && typeof a.value === 'string') return a.value;
  throw new LaminarError('TYPE_MISMATCH', `${site.name} needs ${what} as a constant string`, { location: site.argLocs[i] ?? site.loc });
}
