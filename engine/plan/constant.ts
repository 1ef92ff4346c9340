import { LaminarError } from '../errors/laminar-error.js';
import type { SqlLocation } from '../errors/location.js';
import { valueAt, type Scalar } from '../exec/batch/column.js';
import { compileCalc } from '../exec/compile/calc.js';
import { referencedColumns, type BoundExpr } from './bound-expr.js';

/** The value of an expression that reads no columns (LIMIT, VALUES, connector options). */
export function evaluateConstant(e: BoundExpr, what: string, loc: SqlLocation): Scalar {
  if (e.kind === 'literal') return e.value;
  if (referencedColumns(e).size > 0) throw new LaminarError('TYPE_MISMATCH', `${what} must be a constant, not read columns`, { location: loc });
  const calc = compileCalc({ input: [], filter: null, projections: [e] });
  const out = calc({ length: 1, columns: [], kinds: null });
  return valueAt(out.columns[0]!, 0);
}
