import { LaminarError } from '../../errors/laminar-error.js';
import type { Literal } from '../../sql/ast.js';
import { INT32_MAX, INT32_MIN, MAX_EXACT_INT } from '../../types/sql-type.js';
import { intervalUnit, parseInterval, parseTimestamp } from '../../types/time.js';
import type { BoundLiteral } from '../bound-expr.js';
import type { BindContext } from './context.js';

/**
 * Literal types: whole numbers are INT when they fit 32 bits, else BIGINT; numbers with a
 * fraction or exponent are DOUBLE; NULL starts as INT and adapts to its context.
 */
export function bindLiteral(lit: Literal, ctx: BindContext): BoundLiteral {
  const v = lit.value;
  const location = ctx.loc(lit.span);
  switch (v.type) {
    case 'null':
      return { kind: 'literal', value: null, type: 'INT', nullable: true, untyped: true };
    case 'boolean':
      return { kind: 'literal', value: v.value, type: 'BOOLEAN', nullable: false };
    case 'string':
      return { kind: 'literal', value: v.value, type: 'VARCHAR', nullable: false };
    case 'number': {
      const n = Number(v.text);
      if (/^-?\d+$/.test(v.text)) {
        if (n >= INT32_MIN && n <= INT32_MAX) return { kind: 'literal', value: n, type: 'INT', nullable: false };
        if (Math.abs(n) <= MAX_EXACT_INT) return { kind: 'literal', value: n, type: 'BIGINT', nullable: false };
        throw new LaminarError('INVALID_LITERAL', `integer ${v.text} is outside the exact BIGINT range (±2^53)`, {
          location,
          hint: `write it as a DOUBLE (${v.text}.0) if approximate is fine`,
        });
      }
      if (!Number.isFinite(n)) throw new LaminarError('INVALID_LITERAL', `number ${v.text} is too large`, { location });
      return { kind: 'literal', value: n, type: 'DOUBLE', nullable: false };
    }
    case 'timestamp': {
      const t = parseTimestamp(v.text);
      if (t === null) {
        throw new LaminarError('INVALID_LITERAL', `'${v.text}' is not a timestamp`, { location, hint: "write TIMESTAMP 'YYYY-MM-DD HH:MM:SS'" });
      }
      return { kind: 'literal', value: t, type: 'TIMESTAMP', nullable: false };
    }
    case 'interval': {
      const unit = v.unit === null ? undefined : intervalUnit(v.unit) ?? undefined;
      const p = parseInterval(v.text, unit);
      if (!p.ok) {
        const code = /no fixed length/.test(p.reason) ? 'UNSUPPORTED' : 'INVALID_LITERAL';
        throw new LaminarError(code, p.reason, { location });
      }
      return { kind: 'literal', value: p.micros, type: 'INTERVAL', nullable: false };
    }
  }
}
