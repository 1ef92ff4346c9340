import { LaminarError } from '../../errors/laminar-error.js';
import type { BinaryOp } from '../../sql/ast.js';
import { isNumeric, widerNumeric } from '../../types/sql-type.js';
import type { BoundExpr } from '../bound-expr.js';
import { castExpr } from '../cast-rules.js';
import { asVarchar, call, type CallSite } from './resolve.js';
import type { CodegenContext, ScalarFunction } from './scalar-function.js';
import type { SqlLocation } from '../../errors/location.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
const EXACT = 9007199254740991;

/** a op b where the result must stay within [lo, hi], else NUMERIC_OVERFLOW. */
function checked(op: string, type: string, lo: number, hi: number) {
  return (args: readonly string[], g: CodegenContext, loc: SqlLocation | undefined): string => {
    const [a, b] = args as [string, string];
    const t = g.temp();
    const fail = g.fail('NUMERIC_OVERFLOW', `${type} overflow: {0} ${op} {1} is out of range`, loc, [a, b]);
    return `((${t} = ${a} ${op} ${b}) > ${hi} || ${t} < ${lo} ? ${fail} : ${t})`;
  };
}

function arithmetic(op: '+' | '-' | '*', type: 'INT' | 'BIGINT' | 'DOUBLE' | 'TIMESTAMP' | 'INTERVAL'): ScalarFunction {
  if (type === 'DOUBLE') return { name: op, display: 'infix', generate: ([a, b]) => `(${a} ${op} ${b})` };
  if (type === 'INT') return { name: op, display: 'infix', generate: checked(op, 'INT', INT_MIN, INT_MAX) };
  return { name: op, display: 'infix', generate: checked(op, type, -EXACT, EXACT) };
}

const DIVIDE: ScalarFunction = { name: '/', display: 'infix', mayReturnNull: true, generate: ([a, b]) => `(${b} === 0 ? null : ${a} / ${b})` };
const INT_DIVIDE: ScalarFunction = { name: '//', display: 'infix', mayReturnNull: true, generate: ([a, b]) => `(${b} === 0 ? null : R.intDiv(${a}, ${b}))` };
/** INT // INT leaves the INT range only for -2147483648 // -1. */
const INT32_DIVIDE: ScalarFunction = {
  name: '//',
  display: 'infix',
  mayReturnNull: true,
  generate: ([a, b], g, loc) => `(${b} === 0 ? null : ${a} === ${INT_MIN} && ${b} === -1 ? ${g.fail('NUMERIC_OVERFLOW', 'INT overflow: {0} // {1} is out of range', loc, [a!, b!])} : R.intDiv(${a}, ${b}))`,
};
const DOUBLE_INT_DIVIDE: ScalarFunction = { name: '//', display: 'infix', mayReturnNull: true, generate: ([a, b]) => `(${b} === 0 ? null : Math.trunc(${a} / ${b}))` };
const MODULO: ScalarFunction = { name: '%', display: 'infix', mayReturnNull: true, generate: ([a, b]) => `(${b} === 0 ? null : ${a} % ${b})` };
const INTERVAL_TIMES: ScalarFunction = {
  name: '*',
  display: 'infix',
  generate: (args, g, loc) => {
    const t = g.temp();
    return `((${t} = R.roundHalfEven(${args[0]} * ${args[1]})) > ${EXACT} || ${t} < ${-EXACT} ? ${g.fail('NUMERIC_OVERFLOW', 'INTERVAL overflow: {0} * {1} is out of range', loc, [args[0]!, args[1]!])} : ${t})`;
  },
};
const INTERVAL_DIVIDE: ScalarFunction = { name: '/', display: 'infix', mayReturnNull: true, generate: ([a, b]) => `(${b} === 0 ? null : R.roundHalfEven(${a} / ${b}))` };

export const NEGATE: Record<'INT' | 'BIGINT' | 'DOUBLE' | 'INTERVAL', ScalarFunction> = {
  INT: {
    name: '-',
    display: 'prefix',
    generate: ([a], g, loc) => `(${a} === ${INT_MIN} ? ${g.fail('NUMERIC_OVERFLOW', 'INT overflow: -({0}) is out of range', loc, [a!])} : -(${a}))`,
  },
  BIGINT: { name: '-', display: 'prefix', generate: ([a]) => `(0 - ${a})` },
  DOUBLE: { name: '-', display: 'prefix', generate: ([a]) => `(-(${a}))` },
  INTERVAL: { name: '-', display: 'prefix', generate: ([a]) => `(0 - ${a})` },
};

/** Types of a + b, a - b, a * b, a / b, a // b, a % b, including TIMESTAMP and INTERVAL arithmetic. */
export function resolveArithmetic(op: '+' | '-' | '*' | '/' | '//' | '%', l: BoundExpr, r: BoundExpr, site: CallSite): BoundExpr {
  [l, r] = unifyNullLiterals(l, r);
  if (isNumeric(l.type) && isNumeric(r.type)) {
    const t = widerNumeric(l.type, r.type);
    if (op === '/') {
      return call(DIVIDE, [castExpr(l, 'DOUBLE', undefined, false), castExpr(r, 'DOUBLE', undefined, false)], 'DOUBLE', site);
    }
    const args = [castExpr(l, t, undefined, false), castExpr(r, t, undefined, false)];
    if (op === '//') return call(t === 'DOUBLE' ? DOUBLE_INT_DIVIDE : t === 'INT' ? INT32_DIVIDE : INT_DIVIDE, args, t, site);
    if (op === '%') return call(MODULO, args, t, site);
    return call(arithmetic(op, t), args, t, site);
  }
  const lt = l.type;
  const rt = r.type;
  if (op === '+' && lt === 'TIMESTAMP' && rt === 'INTERVAL') return call(arithmetic('+', 'TIMESTAMP'), [l, r], 'TIMESTAMP', site);
  if (op === '+' && lt === 'INTERVAL' && rt === 'TIMESTAMP') return call(arithmetic('+', 'TIMESTAMP'), [r, l], 'TIMESTAMP', site);
  if (op === '-' && lt === 'TIMESTAMP' && rt === 'INTERVAL') return call(arithmetic('-', 'TIMESTAMP'), [l, r], 'TIMESTAMP', site);
  if (op === '-' && lt === 'TIMESTAMP' && rt === 'TIMESTAMP') return call(arithmetic('-', 'INTERVAL'), [l, r], 'INTERVAL', site);
  if ((op === '+' || op === '-') && lt === 'INTERVAL' && rt === 'INTERVAL') return call(arithmetic(op, 'INTERVAL'), [l, r], 'INTERVAL', site);
  if (op === '*' && lt === 'INTERVAL' && isNumeric(rt)) return call(INTERVAL_TIMES, [l, r], 'INTERVAL', site);
  if (op === '*' && isNumeric(lt) && rt === 'INTERVAL') return call(INTERVAL_TIMES, [r, l], 'INTERVAL', site);
  if (op === '/' && lt === 'INTERVAL' && isNumeric(rt)) return call(INTERVAL_DIVIDE, [l, r], 'INTERVAL', site);
  if (lt === 'VARCHAR' && rt === 'VARCHAR' && op === '+') {
    throw new LaminarError('TYPE_MISMATCH', 'cannot add VARCHAR to VARCHAR', { location: site.loc, hint: "use || to join strings: a || b" });
  }
  // String literals beside time values: ts - '5 minutes' is an interval, '2024-01-01' - ts a timestamp.
  if (r.kind === 'literal' && r.type === 'VARCHAR' && (lt === 'TIMESTAMP' || lt === 'INTERVAL')) {
    return resolveArithmetic(op, l, castExpr(r, 'INTERVAL', site.argLocs[1], false), site);
  }
  if (l.kind === 'literal' && l.type === 'VARCHAR' && rt === 'TIMESTAMP' && op === '-') {
    return resolveArithmetic(op, castExpr(l, 'TIMESTAMP', site.argLocs[0], false), r, site);
  }
  throw new LaminarError('TYPE_MISMATCH', `cannot apply ${op} to ${lt} and ${rt}`, { location: site.loc });
}

export function resolveNegate(arg: BoundExpr, site: CallSite): BoundExpr {
  const t = arg.kind === 'literal' && arg.value === null ? 'INT' : arg.type;
  if (t === 'INT' || t === 'BIGINT' || t === 'DOUBLE' || t === 'INTERVAL') return call(NEGATE[t], [castExpr(arg, t, undefined, false)], t, site);
  throw new LaminarError('TYPE_MISMATCH', `cannot negate ${t}`, { location: site.loc });
}

const COMPARE_JS: Readonly<Record<string, string>> = { '=': '===', '<>': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

const COMPARISONS = new Map<string, ScalarFunction>(
  Object.entries(COMPARE_JS).map(([op, js]) => [op, { name: op, display: 'infix', generate: ([a, b]) => `(${a} ${js} ${b})` }]),
);

/**
 * DOUBLE comparisons treat NaN as one value above every number (NaN = NaN, NaN > Infinity),
 * as DuckDB does, and as ORDER BY, GROUP BY and MIN/MAX do here.
 */
const NAN_AWARE: Readonly<Record<string, (a: string, b: string) => string>> = {
  '=': (a, b) => `(${a} === ${b} || (${a} !== ${a} && ${b} !== ${b}))`,
  '<>': (a, b) => `!(${a} === ${b} || (${a} !== ${a} && ${b} !== ${b}))`,
  '<': (a, b) => `(${a} < ${b} || (${b} !== ${b} && ${a} === ${a}))`,
  '<=': (a, b) => `(${a} <= ${b} || ${b} !== ${b})`,
  '>': (a, b) => `(${a} > ${b} || (${a} !== ${a} && ${b} === ${b}))`,
  '>=': (a, b) => `(${a} >= ${b} || ${a} !== ${a})`,
};

const DOUBLE_COMPARISONS = new Map<string, ScalarFunction>(
  Object.entries(NAN_AWARE).map(([op, f]) => [op, { name: op, display: 'infix', generate: ([a, b]) => f(a!, b!) }]),
);

/** JS code comparing two values of `type` with SQL semantics (NaN handling for DOUBLE). */
export function compareCode(op: '=' | '<>' | '<' | '<=' | '>' | '>=', type: string, a: string, b: string): string {
  return type === 'DOUBLE' ? NAN_AWARE[op]!(a, b) : `(${a} ${COMPARE_JS[op]} ${b})`;
}

/** The common type two operands are compared or combined in, converting literals as needed. */
export function unifyTypes(l: BoundExpr, r: BoundExpr, site: CallSite, what: string): [BoundExpr, BoundExpr] {
  [l, r] = unifyNullLiterals(l, r);
  if (l.type === r.type) return [l, r];
  if (isNumeric(l.type) && isNumeric(r.type)) {
    const t = widerNumeric(l.type, r.type);
    return [castExpr(l, t, undefined, false), castExpr(r, t, undefined, false)];
  }
  // A string literal takes the type of the other side: ts > '2024-01-01', flag = 'true'.
  if (l.kind === 'literal' && l.type === 'VARCHAR') return [castExpr(l, r.type, site.argLocs[0], false), r];
  if (r.kind === 'literal' && r.type === 'VARCHAR') return [l, castExpr(r, l.type, site.argLocs[1], false)];
  throw new LaminarError('TYPE_MISMATCH', `cannot ${what} ${l.type} and ${r.type}`, {
    location: site.loc,
    hint: `convert one side, e.g. CAST(x AS ${l.type === 'VARCHAR' ? r.type : l.type})`,
  });
}

/** Untyped NULL literals take the type of the other operand (INT when both are untyped). */
function unifyNullLiterals(l: BoundExpr, r: BoundExpr): [BoundExpr, BoundExpr] {
  const isNull = (e: BoundExpr) => e.kind === 'literal' && e.untyped === true;
  if (isNull(l) && isNull(r)) return [castExpr(l, 'INT', undefined, false), castExpr(r, 'INT', undefined, false)];
  if (isNull(l)) return [castExpr(l, r.type, undefined, false), r];
  if (isNull(r)) return [l, castExpr(r, l.type, undefined, false)];
  return [l, r];
}

export function resolveComparison(op: '=' | '<>' | '<' | '<=' | '>' | '>=', l: BoundExpr, r: BoundExpr, site: CallSite): BoundExpr {
  const [a, b] = unifyTypes(l, r, site, 'compare');
  return call((a.type === 'DOUBLE' ? DOUBLE_COMPARISONS : COMPARISONS).get(op)!, [a, b], 'BOOLEAN', site);
}

const CONCAT_OP: ScalarFunction = { name: '||', display: 'infix', generate: ([a, b]) => `(${a} + ${b})` };

export function resolveConcatOperator(l: BoundExpr, r: BoundExpr, site: CallSite): BoundExpr {
  return call(CONCAT_OP, [asVarchar(l, site.argLocs[0]), asVarchar(r, site.argLocs[1])], 'VARCHAR', site);
}

export function resolveBinaryOperator(op: Exclude<BinaryOp, 'AND' | 'OR'>, l: BoundExpr, r: BoundExpr, site: CallSite): BoundExpr {
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '//':
    case '%':
      return resolveArithmetic(op, l, r, site);
    case '||':
      return resolveConcatOperator(l, r, site);
    default:
      return resolveComparison(op, l, r, site);
  }
}

