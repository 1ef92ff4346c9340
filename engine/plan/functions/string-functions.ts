import type { BoundExpr } from '../bound-expr.js';
import { asVarchar, call, expect, type CallSite, type FunctionEntry } from './resolve.js';
import { helper, type ScalarFunction } from './scalar-function.js';

const fn = (name: string, generate: ScalarFunction['generate'], mayReturnNull = false): ScalarFunction => ({
  name,
  display: 'call',
  generate,
  mayReturnNull,
});

const LOWER = fn('lower', ([s]) => `${s}.toLowerCase()`);
const UPPER = fn('upper', ([s]) => `${s}.toUpperCase()`);
const LENGTH = fn('length', ([s]) => helper('length', s!));
const SUBSTRING = fn('substring', (a) => helper('substring', a[0]!, a[1]!, a[2] ?? 'undefined'));
const REPLACE = fn('replace', ([s, f, t]) => helper('replace', s!, f!, t!));
const TRIM = fn('trim', (a) => helper('trim', a[0]!, a[1] ?? "' '", 'true', 'true'));
const LTRIM = fn('ltrim', (a) => helper('trim', a[0]!, a[1] ?? "' '", 'true', 'false'));
const RTRIM = fn('rtrim', (a) => helper('trim', a[0]!, a[1] ?? "' '", 'false', 'true'));
const STARTS_WITH = fn('starts_with', ([s, p]) => `${s}.startsWith(${p})`);
const CONTAINS = fn('contains', ([s, p]) => `${s}.includes(${p})`);
const STRPOS = fn('strpos', ([s, p]) => helper('strpos', s!, p!));
const LEFT = fn('left', ([s, n]) => helper('left', s!, n!));
const RIGHT = fn('right', ([s, n]) => helper('right', s!, n!));
const REVERSE = fn('reverse', ([s]) => helper('reverse', s!));
const REPEAT = fn('repeat', ([s, n]) => `(${n} > 0 ? ${s}.repeat(${n}) : '')`);
function padFn(name: 'lpad' | 'rpad'): ScalarFunction {
  return fn(name, ([s, n, p], g, loc) => {
    const t = g.temp();
    const fail = g.fail('INVALID_ARGUMENT', `${name} cannot pad {0} to {1} characters with an empty fill`, loc, [s!, n!]);
    return `((${t} = ${helper('pad', s!, n!, p ?? "' '", String(name === 'lpad'))}) === undefined ? ${fail} : ${t})`;
  });
}
const LPAD = padFn('lpad');
const RPAD = padFn('rpad');
const SPLIT_PART = fn('split_part', ([s, d, i]) => helper('splitPart', s!, d!, i!));

/** CONCAT skips NULL arguments (unlike ||, which returns NULL). */
const CONCAT: ScalarFunction = {
  name: 'concat',
  display: 'call',
  generate: (a) => a.join(' + '),
  generateNonStrict: (args) => ({ v: `(${args.map((x) => `(${x.n} ? '' : ${x.v})`).join(' + ')})`, n: 'false' }),
};

function strings(site: CallSite, args: readonly BoundExpr[], ...types: ('VARCHAR' | 'BIGINT')[]): BoundExpr[] {
  return args.map((_, i) => expect(args, i, types[Math.min(i, types.length - 1)]!, site));
}

function simple(name: string, f: ScalarFunction, params: ('VARCHAR' | 'BIGINT')[], result: 'VARCHAR' | 'BIGINT' | 'BOOLEAN', signature: string, description: string, minArgs = params.length): FunctionEntry {
  return {
    name,
    minArgs,
    maxArgs: params.length,
    signature,
    description,
    resolve: (args, site) => call(f, strings(site, args, ...params), result, site),
  };
}

export const STRING_FUNCTIONS: readonly FunctionEntry[] = [
  simple('lower', LOWER, ['VARCHAR'], 'VARCHAR', 'lower(s VARCHAR) → VARCHAR', 'Lower-case.'),
  simple('upper', UPPER, ['VARCHAR'], 'VARCHAR', 'upper(s VARCHAR) → VARCHAR', 'Upper-case.'),
  simple('length', LENGTH, ['VARCHAR'], 'BIGINT', 'length(s VARCHAR) → BIGINT', 'Number of characters (code points).'),
  simple('char_length', LENGTH, ['VARCHAR'], 'BIGINT', 'char_length(s VARCHAR) → BIGINT', 'Same as length.'),
  simple('substring', SUBSTRING, ['VARCHAR', 'BIGINT', 'BIGINT'], 'VARCHAR', 'substring(s VARCHAR, start BIGINT [, count BIGINT]) → VARCHAR', 'Characters from position start (1-based; negative counts from the end); also SUBSTRING(s FROM start FOR count).', 2),
  simple('substr', SUBSTRING, ['VARCHAR', 'BIGINT', 'BIGINT'], 'VARCHAR', 'substr(s, start [, count]) → VARCHAR', 'Same as substring.', 2),
  simple('replace', REPLACE, ['VARCHAR', 'VARCHAR', 'VARCHAR'], 'VARCHAR', 'replace(s, from, to VARCHAR) → VARCHAR', 'Replaces every occurrence of from with to.'),
  simple('trim', TRIM, ['VARCHAR', 'VARCHAR'], 'VARCHAR', 'trim(s VARCHAR [, chars VARCHAR]) → VARCHAR', 'Removes spaces (or any of chars) from both ends; also TRIM([BOTH|LEADING|TRAILING] [chars] FROM s).', 1),
  simple('ltrim', LTRIM, ['VARCHAR', 'VARCHAR'], 'VARCHAR', 'ltrim(s [, chars]) → VARCHAR', 'Trims the start.', 1),
  simple('rtrim', RTRIM, ['VARCHAR', 'VARCHAR'], 'VARCHAR', 'rtrim(s [, chars]) → VARCHAR', 'Trims the end.', 1),
  simple('starts_with', STARTS_WITH, ['VARCHAR', 'VARCHAR'], 'BOOLEAN', 'starts_with(s, prefix VARCHAR) → BOOLEAN', 'True when s starts with prefix.'),
  simple('contains', CONTAINS, ['VARCHAR', 'VARCHAR'], 'BOOLEAN', 'contains(s, part VARCHAR) → BOOLEAN', 'True when part occurs in s.'),
  simple('strpos', STRPOS, ['VARCHAR', 'VARCHAR'], 'BIGINT', 'strpos(s, part VARCHAR) → BIGINT', 'Position of the first occurrence of part (1-based), 0 if none.'),
  simple('left', LEFT, ['VARCHAR', 'BIGINT'], 'VARCHAR', 'left(s VARCHAR, n BIGINT) → VARCHAR', 'The first n characters (negative n: all but the last -n).'),
  simple('right', RIGHT, ['VARCHAR', 'BIGINT'], 'VARCHAR', 'right(s VARCHAR, n BIGINT) → VARCHAR', 'The last n characters (negative n: all but the first -n).'),
  simple('reverse', REVERSE, ['VARCHAR'], 'VARCHAR', 'reverse(s VARCHAR) → VARCHAR', 'The characters in reverse order.'),
  simple('repeat', REPEAT, ['VARCHAR', 'BIGINT'], 'VARCHAR', 'repeat(s VARCHAR, n BIGINT) → VARCHAR', 's repeated n times.'),
  simple('lpad', LPAD, ['VARCHAR', 'BIGINT', 'VARCHAR'], 'VARCHAR', 'lpad(s VARCHAR, n BIGINT [, fill VARCHAR]) → VARCHAR', 'Pads (or cuts) s on the left to n characters.', 2),
  simple('rpad', RPAD, ['VARCHAR', 'BIGINT', 'VARCHAR'], 'VARCHAR', 'rpad(s VARCHAR, n BIGINT [, fill VARCHAR]) → VARCHAR', 'Pads (or cuts) s on the right to n characters.', 2),
  simple('split_part', SPLIT_PART, ['VARCHAR', 'VARCHAR', 'BIGINT'], 'VARCHAR', 'split_part(s, delimiter VARCHAR, n BIGINT) → VARCHAR', 'The n-th field (1-based; negative from the end) of s split at delimiter; empty when out of range.'),
  {
    name: 'concat',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'concat(a, b, …) → VARCHAR',
    description: 'Joins the arguments as text, skipping NULLs (a || b is NULL when either is).',
    resolve: (args, site) => ({ ...call(CONCAT, args.map((a, i) => asVarchar(a, site.argLocs[i])), 'VARCHAR', site), nullable: false }),
  },
];
