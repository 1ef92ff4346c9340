import { call, commonType, expect, expectNumeric, type FunctionEntry } from './resolve.js';
import { helper, type ScalarFunction } from './scalar-function.js';
import { castExpr } from '../cast-rules.js';
import { compareCode, resolveArithmetic, unifyTypes } from './operators.js';
import type { SqlType } from '../../types/sql-type.js';

const fn = (name: string, generate: ScalarFunction['generate'], mayReturnNull = false): ScalarFunction => ({ name, display: 'call', generate, mayReturnNull });

const ABS_INT: ScalarFunction = {
  name: 'abs',
  display: 'call',
  generate: ([a], g, loc) => `(${a} === -2147483648 ? ${g.fail('NUMERIC_OVERFLOW', 'INT overflow: abs({0}) is out of range', loc, [a!])} : Math.abs(${a}))`,
};
const ABS = fn('abs', ([a]) => `Math.abs(${a})`);
const ROUND = fn('round', ([a, d]) => helper('round', a!, d ?? '0'));
const FLOOR = fn('floor', ([a]) => `Math.floor(${a})`);
const CEIL = fn('ceil', ([a]) => `Math.ceil(${a})`);
const POWER = fn('power', ([a, b]) => `Math.pow(${a}, ${b})`);
const SIGN = fn('sign', ([a]) => `(${a} > 0 ? 1 : ${a} < 0 ? -1 : 0)`);
const EXP = fn('exp', ([a]) => `Math.exp(${a})`);

function domainChecked(name: string, body: (a: string) => string, check: (a: string) => string, message: string): ScalarFunction {
  return {
    name,
    display: 'call',
    generate: ([a], g, loc) => `(${check(a!)} ? ${g.fail('INVALID_ARGUMENT', message, loc, [a!])} : ${body(a!)})`,
  };
}

const SQRT = domainChecked('sqrt', (a) => `Math.sqrt(${a})`, (a) => `${a} < 0`, 'cannot take the square root of a negative number ({0})');
const LN = domainChecked('ln', (a) => `Math.log(${a})`, (a) => `${a} <= 0`, 'cannot take the logarithm of {0}: it must be positive');
const LOG10 = domainChecked('log10', (a) => `Math.log10(${a})`, (a) => `${a} <= 0`, 'cannot take the logarithm of {0}: it must be positive');
const LOG2 = domainChecked('log2', (a) => `Math.log2(${a})`, (a) => `${a} <= 0`, 'cannot take the logarithm of {0}: it must be positive');

/** GREATEST / LEAST ignore NULLs and are NULL only when every argument is. */
function extreme(name: 'greatest' | 'least', type: SqlType): ScalarFunction {
  const better = (a: string, b: string) => compareCode(name === 'greatest' ? '>' : '<', type, a, b);
  return {
    name,
    display: 'call',
    generate: (args) => args.reduce((acc, a) => `(${better(a, acc)} ? ${a} : ${acc})`),
    generateNonStrict: (args, g) => {
      const v = g.temp();
      const n = g.temp();
      g.emit(`${n} = true;`);
      for (const a of args) g.emit(`if (!(${a.n}) && (${n} || ${better(a.v, v)})) { ${v} = ${a.v}; ${n} = false; }`);
      return { v, n };
    },
  };
}

const toDouble = (name: string, f: ScalarFunction, description: string): FunctionEntry => ({
  name,
  minArgs: 1,
  maxArgs: 1,
  signature: `${name}(x DOUBLE) → DOUBLE`,
  description,
  resolve: (args, site) => call(f, [expect(args, 0, 'DOUBLE', site)], 'DOUBLE', site),
});

export const MATH_FUNCTIONS: readonly FunctionEntry[] = [
  {
    name: 'abs',
    minArgs: 1,
    maxArgs: 1,
    signature: 'abs(x) → type of x',
    description: 'Absolute value.',
    resolve: (args, site) => {
      const a = expectNumeric(args, 0, site);
      return call(a.type === 'INT' ? ABS_INT : ABS, [a], a.type, site);
    },
  },
  {
    name: 'round',
    minArgs: 1,
    maxArgs: 2,
    signature: 'round(x [, digits INT]) → type of x',
    description: 'Rounds half away from zero, to `digits` decimal places (default 0; negative rounds to tens, hundreds…).',
    resolve: (args, site) => {
      const a = expectNumeric(args, 0, site);
      if (args.length === 1 && a.type !== 'DOUBLE') return a;
      const digits = args.length > 1 ? [expect(args, 1, 'INT', site)] : [];
      if (a.type !== 'DOUBLE') return castExpr(call(ROUND, [castExpr(a, 'DOUBLE', undefined, false), ...digits], 'DOUBLE', site), a.type, site.loc, false);
      return call(ROUND, [a, ...digits], 'DOUBLE', site);
    },
  },
  ...(['floor', 'ceil', 'ceiling'] as const).map((name): FunctionEntry => ({
    name,
    minArgs: 1,
    maxArgs: 1,
    signature: `${name}(x) → type of x`,
    description: name === 'floor' ? 'Largest whole number not above x.' : 'Smallest whole number not below x.',
    resolve: (args, site) => {
      const a = expectNumeric(args, 0, site);
      return a.type === 'DOUBLE' ? call(name === 'floor' ? FLOOR : CEIL, [a], 'DOUBLE', site) : a;
    },
  })),
  ...(['power', 'pow'] as const).map((name): FunctionEntry => ({
    name,
    minArgs: 2,
    maxArgs: 2,
    signature: `${name}(x, y DOUBLE) → DOUBLE`,
    description: 'x raised to the power y.',
    resolve: (args, site) => call(POWER, [expect(args, 0, 'DOUBLE', site), expect(args, 1, 'DOUBLE', site)], 'DOUBLE', site),
  })),
  toDouble('sqrt', SQRT, 'Square root; INVALID_ARGUMENT for negative x.'),
  toDouble('ln', LN, 'Natural logarithm; INVALID_ARGUMENT unless x > 0.'),
  toDouble('log10', LOG10, 'Base-10 logarithm; INVALID_ARGUMENT unless x > 0.'),
  toDouble('log', LOG10, 'Base-10 logarithm (as in DuckDB); INVALID_ARGUMENT unless x > 0.'),
  toDouble('log2', LOG2, 'Base-2 logarithm; INVALID_ARGUMENT unless x > 0.'),
  toDouble('exp', EXP, 'e raised to the power x.'),
  {
    name: 'sign',
    minArgs: 1,
    maxArgs: 1,
    signature: 'sign(x) → INT',
    description: '-1, 0 or 1.',
    resolve: (args, site) => call(SIGN, [expectNumeric(args, 0, site)], 'INT', site),
  },
  {
    name: 'mod',
    minArgs: 2,
    maxArgs: 2,
    signature: 'mod(a, b) → numeric',
    description: 'Remainder of a / b with the sign of a, like a % b; NULL when b is 0.',
    resolve: (args, site) => resolveArithmetic('%', expectNumeric(args, 0, site), expectNumeric(args, 1, site), site),
  },
  ...(['greatest', 'least'] as const).map((name): FunctionEntry => ({
    name,
    minArgs: 1,
    maxArgs: Infinity,
    signature: `${name}(a, b, …) → common type`,
    description: `The ${name === 'greatest' ? 'largest' : 'smallest'} non-NULL argument; NULL when all are NULL.`,
    resolve: (args, site) => {
      const unified = commonType(args, (l, r) => unifyTypes(l, r, site, 'compare'));
      const type = unified[0]!.type;
      return call(extreme(name, type), unified, type, site, unified.every((a) => a.nullable));
    },
  })),
];
