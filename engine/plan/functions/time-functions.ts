import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import type { BoundExpr } from '../bound-expr.js';
import { call, constantString, expect, type CallSite, type FunctionEntry } from './resolve.js';
import { helper, type ScalarFunction } from './scalar-function.js';

/** EXTRACT fields of a TIMESTAMP, and the type each yields (as DuckDB). */
export const TIMESTAMP_FIELDS: Readonly<Record<string, 'BIGINT' | 'DOUBLE'>> = {
  YEAR: 'BIGINT', QUARTER: 'BIGINT', MONTH: 'BIGINT', WEEK: 'BIGINT', DAY: 'BIGINT', DOW: 'BIGINT',
  ISODOW: 'BIGINT', DOY: 'BIGINT', HOUR: 'BIGINT', MINUTE: 'BIGINT', SECOND: 'BIGINT',
  MILLISECOND: 'BIGINT', MICROSECOND: 'BIGINT', EPOCH: 'DOUBLE', ISOYEAR: 'BIGINT', DECADE: 'BIGINT', CENTURY: 'BIGINT',
};

const FIELD_ALIASES: Readonly<Record<string, string>> = {
  YEARS: 'YEAR', MONTHS: 'MONTH', WEEKS: 'WEEK', DAYS: 'DAY', DAYOFMONTH: 'DAY', DAYOFWEEK: 'DOW', WEEKDAY: 'DOW',
  DAYOFYEAR: 'DOY', HOURS: 'HOUR', MINUTES: 'MINUTE', SECONDS: 'SECOND', MILLISECONDS: 'MILLISECOND',
  MICROSECONDS: 'MICROSECOND', QUARTERS: 'QUARTER',
};

/** EXTRACT fields of an INTERVAL (which is a number of microseconds). */
const INTERVAL_FIELDS: Readonly<Record<string, 'BIGINT' | 'DOUBLE'>> = {
  EPOCH: 'DOUBLE', DAY: 'BIGINT', HOUR: 'BIGINT', MINUTE: 'BIGINT', SECOND: 'BIGINT', MILLISECOND: 'BIGINT', MICROSECOND: 'BIGINT',
};

export const TRUNC_UNITS = ['microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century'] as const;

const extractFns = new Map<string, ScalarFunction>();
function extractFn(field: string, interval: boolean): ScalarFunction {
  const key = `${interval ? 'i' : 't'}:${field}`;
  let f = extractFns.get(key);
  if (!f) {
    const h = interval ? 'extractInterval' : 'extract';
    f = { name: `extract_${field.toLowerCase()}`, display: 'call', generate: ([ts]) => helper(h, `'${field}'`, ts!) };
    extractFns.set(key, f);
  }
  return f;
}

/** EXTRACT(field FROM ts) and date_part('field', ts). */
export function resolveExtract(fieldWritten: string, arg: BoundExpr, fieldLoc: SqlLocation, site: CallSite): BoundExpr {
  const field = FIELD_ALIASES[fieldWritten.toUpperCase()] ?? fieldWritten.toUpperCase();
  if (arg.type === 'INTERVAL') {
    const t = INTERVAL_FIELDS[field];
    if (!t) throw badField(fieldWritten, Object.keys(INTERVAL_FIELDS), fieldLoc);
    return call(extractFn(field, true), [arg], t, site);
  }
  const ts = expect([arg], 0, 'TIMESTAMP', { ...site, argLocs: [site.argLocs[site.argLocs.length - 1]!] });
  const t = TIMESTAMP_FIELDS[field];
  if (!t) throw badField(fieldWritten, Object.keys(TIMESTAMP_FIELDS), fieldLoc);
  return call(extractFn(field, false), [ts], t, site);
}

function badField(field: string, valid: readonly string[], loc: SqlLocation): LaminarError {
  return new LaminarError('INVALID_ARGUMENT', `unknown field '${field}'`, { location: loc, hint: `fields: ${valid.join(', ')}` });
}

const truncFns = new Map<string, ScalarFunction>();
function truncFn(unit: string): ScalarFunction {
  let f = truncFns.get(unit);
  if (!f) {
    f = { name: `date_trunc_${unit}`, display: 'call', generate: ([ts]) => helper('dateTrunc', `'${unit}'`, ts!) };
    truncFns.set(unit, f);
  }
  return f;
}

const TO_TIMESTAMP: ScalarFunction = {
  name: 'to_timestamp',
  display: 'call',
  generate: ([s], g, loc) => {
    const t = g.temp();
    return `(!Number.isFinite(${t} = Math.round(${s} * 1e6)) || Math.abs(${t}) > 9007199254740991 ? ${g.fail('NUMERIC_OVERFLOW', 'timestamp out of range: {0} seconds', loc, [s!])} : ${t})`;
  },
};
const EPOCH_MS: ScalarFunction = {
  name: 'epoch_ms',
  display: 'call',
  generate: ([ms], g, loc) => `(Math.abs(${ms}) > 9007199254740 ? ${g.fail('NUMERIC_OVERFLOW', 'timestamp out of range: {0} ms', loc, [ms!])} : ${ms} * 1000)`,
};

export const TIME_FUNCTIONS: readonly FunctionEntry[] = [
  {
    name: 'date_trunc',
    minArgs: 2,
    maxArgs: 2,
    signature: "date_trunc(unit VARCHAR, ts TIMESTAMP) → TIMESTAMP",
    description: `Truncates ts to the start of its ${TRUNC_UNITS.join(' / ')} (weeks start on Monday).`,
    resolve: (args, site) => {
      const unitWritten = constantString(args, 0, site, 'the unit');
      const unit = unitWritten.toLowerCase().replace(/s$/, '');
      if (!(TRUNC_UNITS as readonly string[]).includes(unit)) {
        throw new LaminarError('INVALID_ARGUMENT', `unknown date_trunc unit '${unitWritten}'`, { location: site.argLocs[0] ?? site.loc, hint: `units: ${TRUNC_UNITS.join(', ')}` });
      }
      return call(truncFn(unit), [expect(args, 1, 'TIMESTAMP', site)], 'TIMESTAMP', site);
    },
  },
  {
    name: 'date_part',
    minArgs: 2,
    maxArgs: 2,
    signature: "date_part(field VARCHAR, ts TIMESTAMP) → BIGINT",
    description: 'Same as EXTRACT(field FROM ts).',
    resolve: (args, site) => resolveExtract(constantString(args, 0, site, 'the field'), args[1]!, site.argLocs[0] ?? site.loc, site),
  },
  {
    name: 'to_timestamp',
    minArgs: 1,
    maxArgs: 1,
    signature: 'to_timestamp(seconds DOUBLE) → TIMESTAMP',
    description: 'The timestamp that many seconds after 1970-01-01 00:00:00 UTC.',
    resolve: (args, site) => call(TO_TIMESTAMP, [expect(args, 0, 'DOUBLE', site)], 'TIMESTAMP', site),
  },
  {
    name: 'epoch_ms',
    minArgs: 1,
    maxArgs: 1,
    signature: 'epoch_ms(ms BIGINT) → TIMESTAMP',
    description: 'The timestamp that many milliseconds after 1970-01-01 00:00:00 UTC.',
    resolve: (args, site) => call(EPOCH_MS, [expect(args, 0, 'BIGINT', site)], 'TIMESTAMP', site),
  },
];
