import type { BoundExpr } from '../bound-expr.js';
import { castExpr } from '../cast-rules.js';
import { unifyTypes, resolveComparison } from './operators.js';
import { commonType, type FunctionEntry } from './resolve.js';

export const CONDITIONAL_FUNCTIONS: readonly FunctionEntry[] = [
  {
    name: 'coalesce',
    minArgs: 1,
    maxArgs: Infinity,
    signature: 'coalesce(a, b, …) → common type',
    description: 'The first non-NULL argument; later arguments are evaluated only when needed.',
    resolve: (args, site): BoundExpr => {
      const unified = commonType(args, (l, r) => unifyTypes(l, r, site, 'combine'));
      return { kind: 'coalesce', args: unified, type: unified[0]!.type, nullable: unified.every((a) => a.nullable) };
    },
  },
  {
    name: 'nullif',
    minArgs: 2,
    maxArgs: 2,
    signature: 'nullif(a, b) → type of a',
    description: 'NULL when a = b, else a.',
    resolve: (args, site): BoundExpr => {
      const [a, b] = unifyTypes(args[0]!, args[1]!, site, 'compare');
      const eq = resolveComparison('=', a, b, site);
      const nullOfA = castExpr({ kind: 'literal', value: null, type: a.type, nullable: true }, a.type, undefined, false);
      return { kind: 'case', whens: [{ when: eq, then: nullOfA }], else: a, type: a.type, nullable: true };
    },
  },
];
