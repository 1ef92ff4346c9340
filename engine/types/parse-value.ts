import type { Scalar } from '../exec/batch/column.js';
import { INT32_MAX, INT32_MIN, MAX_EXACT_INT, type SqlType } from './sql-type.js';
import { parseInterval, parseTimestamp } from './time.js';

export type ValueParse = { ok: true; value: Scalar } | { ok: false; reason: string };

const INTEGER_RE = /^\s*[+-]?\d+\s*$/;
const NUMBER_RE = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const SPECIAL_DOUBLES: Readonly<Record<string, number>> = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
};
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', 'off']);

/**
 * Reads the text form of a value of `type`: the rules of CAST(text AS type), of CSV fields and
 * of strings pushed into typed columns. Never returns a value that lost information: an
 * integer out of range or a malformed timestamp is a failure with a reason.
 */
export function parseValue(text: string, type: SqlType): ValueParse {
  switch (type) {
    case 'VARCHAR':
      return { ok: true, value: text };
    case 'INT':
    case 'BIGINT': {
      if (!INTEGER_RE.test(text)) return fail(text, type, 'not an integer');
      const n = Number(text);
      const [lo, hi] = type === 'INT' ? [INT32_MIN, INT32_MAX] : [-MAX_EXACT_INT, MAX_EXACT_INT];
      if (n < lo || n > hi) return fail(text, type, `out of range for ${type}`);
      return { ok: true, value: n };
    }
    case 'DOUBLE': {
      if (NUMBER_RE.test(text)) return { ok: true, value: Number(text) };
      const special = SPECIAL_DOUBLES[text.trim().toLowerCase()];
      if (special !== undefined) return { ok: true, value: special };
      return fail(text, type, 'not a number');
    }
    case 'BOOLEAN': {
      const w = text.trim().toLowerCase();
      if (TRUE_WORDS.has(w)) return { ok: true, value: true };
      if (FALSE_WORDS.has(w)) return { ok: true, value: false };
      return fail(text, type, 'not a boolean');
    }
    case 'TIMESTAMP': {
      const t = parseTimestamp(text);
      return t === null ? fail(text, type, "not a timestamp ('YYYY-MM-DD HH:MM:SS')") : { ok: true, value: t };
    }
    case 'INTERVAL': {
      const p = parseInterval(text);
      return p.ok ? { ok: true, value: p.micros } : { ok: false, reason: p.reason };
    }
  }
}

function fail(text: string, type: SqlType, why: string): ValueParse {
  const shown = text.length > 40 ? text.slice(0, 37) + '...' : text;
  return { ok: false, reason: `'${shown}' is ${why}` + (why.startsWith('out of range') ? '' : ` (expected ${type})`) };
}
