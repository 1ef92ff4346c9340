import { LaminarError } from '../../errors/laminar-error.js';
import type { ErrorCode } from '../../errors/codes.js';
import type { SqlLocation } from '../../errors/location.js';
import { castScalar, doubleToText, scalarToText } from '../../types/cast-value.js';
import type { SqlType } from '../../types/sql-type.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MILLI, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../types/time.js';
import { likeToRegExp } from './like.js';

/**
 * Functions generated code calls as `R.name(…)`. They work on plain JS values (numbers,
 * strings, booleans) and never allocate beyond their result.
 */

export interface ErrorSite {
  readonly code: ErrorCode;
  readonly message: string;
  readonly loc: SqlLocation | undefined;
}

/** Throws the error of a site, filling {0}, {1}, … with the runtime values. */
export function fail(site: ErrorSite, values: readonly unknown[] = []): never {
  const message = site.message.replace(/\{(\d)\}/g, (_, k: string) => show(values[Number(k)]));
  throw new LaminarError(site.code, message, site.loc ? { location: site.loc } : {});
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' && !Number.isInteger(v)) return doubleToText(v);
  return String(v);
}

/** Integer division truncating toward zero, exact for all BIGINT values (|a| ≤ 2^53). */
export function intDiv(a: number, b: number): number {
  let q = Math.trunc(a / b);
  // a / b rounds to the nearest double, which can land on the next integer away from zero
  // (never short of it); then the remainder has the wrong sign and q steps back.
  const r = a - q * b;
  if (r !== 0 && Math.sign(r) !== Math.sign(a)) q += Math.sign(a) === Math.sign(b) ? -1 : 1;
  return q + 0;
}

/** The nearest integer, halves to even (microsecond results of interval arithmetic, as DuckDB). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return (d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f) + 0;
}

/** Half away from zero, like DuckDB's round(DOUBLE, digits). */
export function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const p = Math.pow(10, digits);
  const t = x * p;
  if (!Number.isFinite(t)) return x;
  const r = (t < 0 ? -Math.round(-t) : Math.round(t)) / p;
  return r + 0;
}

// ── strings: positions and lengths count code points, as DuckDB does ──

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

export function length(s: string): number {
  if (isAscii(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // count all but low surrogates
  }
  return n;
}

/**
 * DuckDB's substring, in characters: positions are 1-based, a negative start counts from the
 * end, and a negative count takes the characters before the start instead of after it.
 */
export function substring(s: string, start: number, count?: number): string {
  const chars = isAscii(s) ? null : codePoints(s);
  const len = chars ? chars.length : s.length;
  // Work in 0-based positions of the half-open range [from, to).
  const first = start > 0 ? start - 1 : start === 0 ? -1 : len + start;
  let from = first;
  let to = count === undefined ? len : first + count;
  if (count !== undefined && count < 0) [from, to] = [first + count, first];
  from = Math.max(0, from);
  to = Math.min(len, to);
  if (to <= from) return '';
  return chars ? chars.slice(from, to).join('') : s.slice(from, to);
}

export function replace(s: string, from: string, to: string): string {
  return from === '' ? s : s.split(from).join(to);
}

export function trim(s: string, chars: string, leading: boolean, trailing: boolean): string {
  const set = new Set(codePoints(chars));
  const cs = codePoints(s);
  let a = 0;
  let b = cs.length;
  if (leading) while (a < b && set.has(cs[a]!)) a++;
  if (trailing) while (b > a && set.has(cs[b - 1]!)) b--;
  return a === 0 && b === cs.length ? s : cs.slice(a, b).join('');
}

export function strpos(s: string, part: string): number {
  const i = s.indexOf(part);
  if (i < 0) return 0;
  return length(s.slice(0, i)) + 1;
}

export function left(s: string, n: number): string {
  const cs = codePoints(s);
  return (n >= 0 ? cs.slice(0, n) : cs.slice(0, Math.max(0, cs.length + n))).join('');
}

export function right(s: string, n: number): string {
  const cs = codePoints(s);
  return (n >= 0 ? cs.slice(Math.max(0, cs.length - n)) : cs.slice(Math.min(cs.length, -n))).join('');
}

export function reverse(s: string): string {
  return codePoints(s).reverse().join('');
}

export function pad(s: string, n: number, fill: string, leftSide: boolean): string | undefined {
  const cs = codePoints(s);
  if (n <= cs.length) return cs.slice(0, Math.max(0, n)).join('');
  // Padding is needed but there is nothing to pad with: the caller raises INVALID_ARGUMENT.
  if (fill === '') return undefined;
  const f = codePoints(fill);
  const padding: string[] = [];
  for (let i = 0; padding.length < n - cs.length; i++) padding.push(f[i % f.length]!);
  return leftSide ? padding.join('') + s : s + padding.join('');
}

/** The index-th field of s split at delimiter; an empty delimiter splits into characters (as DuckDB). */
export function splitPart(s: string, delimiter: string, index: number): string {
  const parts = delimiter === '' ? codePoints(s) : s.split(delimiter);
  const k = index > 0 ? index - 1 : index < 0 ? parts.length + index : -1;
  return k >= 0 && k < parts.length ? parts[k]! : '';
}

const likeCache = new Map<string, RegExp>();

/** LIKE with a pattern known only at run time; patterns compile once and are cached. */
export function like(s: string, pattern: string, escape: string | null, caseInsensitive: boolean): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}${escape ?? ''}\u0000${pattern}`;
  let re = likeCache.get(key);
  if (!re) {
    if (likeCache.size > 1000) likeCache.clear();
    re = likeToRegExp(pattern, escape, caseInsensitive);
    likeCache.set(key, re);
  }
  return re.test(s);
}

// ── time: TIMESTAMP is µs since the epoch (UTC), INTERVAL is µs ──

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export function extract(field: string, ts: number): number {
  const ms = floorDiv(ts, MICROS_PER_MILLI);
  const d = new Date(ms);
  const micros = ts - floorDiv(ts, MICROS_PER_SECOND) * MICROS_PER_SECOND;
  switch (field) {
    case 'YEAR':
      return d.getUTCFullYear();
    case 'ISOYEAR':
      return isoWeek(d).year;
    case 'DECADE':
      return Math.floor(d.getUTCFullYear() / 10);
    case 'CENTURY': {
      const y = d.getUTCFullYear();
      return y > 0 ? Math.floor((y - 1) / 100) + 1 : Math.floor(y / 100);
    }
    case 'QUARTER':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'MONTH':
      return d.getUTCMonth() + 1;
    case 'WEEK':
      return isoWeek(d).week;
    case 'DAY':
      return d.getUTCDate();
    case 'DOW':
      return d.getUTCDay();
    case 'ISODOW':
      return d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    case 'DOY':
      return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
    case 'HOUR':
      return d.getUTCHours();
    case 'MINUTE':
      return d.getUTCMinutes();
    case 'SECOND':
      return d.getUTCSeconds();
    case 'MILLISECOND':
      return d.getUTCSeconds() * 1000 + Math.floor(micros / 1000) % 1000;
    case 'MICROSECOND':
      return d.getUTCSeconds() * 1_000_000 + micros;
    case 'EPOCH':
      return ts / MICROS_PER_SECOND;
  }
  throw new Error(`unknown field ${field}`);
}

function isoWeek(d: Date): { year: number; week: number } {
  const day = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86400000)) + 1;
  return { year, week };
}

export function extractInterval(field: string, v: number): number {
  const sign = v < 0 ? -1 : 1;
  const a = Math.abs(v);
  switch (field) {
    case 'EPOCH':
      return v / MICROS_PER_SECOND;
    case 'DAY':
      return sign * Math.floor(a / MICROS_PER_DAY) + 0;
    case 'HOUR':
      return sign * Math.floor((a % MICROS_PER_DAY) / MICROS_PER_HOUR) + 0;
    case 'MINUTE':
      return sign * Math.floor((a % MICROS_PER_HOUR) / MICROS_PER_MINUTE) + 0;
    case 'SECOND':
      return sign * Math.floor((a % MICROS_PER_MINUTE) / MICROS_PER_SECOND) + 0;
    case 'MILLISECOND':
      return sign * Math.floor((a % MICROS_PER_MINUTE) / MICROS_PER_MILLI) + 0;
    case 'MICROSECOND':
      return sign * (a % MICROS_PER_MINUTE) + 0;
  }
  throw new Error(`unknown field ${field}`);
}

const FIXED_UNITS: Readonly<Record<string, number>> = {
  microsecond: 1,
  millisecond: MICROS_PER_MILLI,
  second: MICROS_PER_SECOND,
  minute: MICROS_PER_MINUTE,
  hour: MICROS_PER_HOUR,
  day: MICROS_PER_DAY,
};

export function dateTrunc(unit: string, ts: number): number {
  const fixed = FIXED_UNITS[unit];
  if (fixed !== undefined) return floorDiv(ts, fixed) * fixed;
  const d = new Date(floorDiv(ts, MICROS_PER_MILLI));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  let ms: number;
  switch (unit) {
    case 'week': {
      const back = (d.getUTCDay() + 6) % 7; // days since Monday
      ms = Date.UTC(y, m, d.getUTCDate() - back);
      break;
    }
    case 'month':
      ms = Date.UTC(y, m, 1);
      break;
    case 'quarter':
      ms = Date.UTC(y, m - (m % 3), 1);
      break;
    case 'year':
      ms = utcYear(y);
      break;
    case 'decade':
      ms = utcYear(y - (((y % 10) + 10) % 10));
      break;
    case 'century':
      // As DuckDB: centuries start at years ending in 00 (EXTRACT(CENTURY) counts from 01).
      ms = utcYear(Math.floor(y / 100) * 100);
      break;
    default:
      throw new Error(`unknown unit ${unit}`);
  }
  return ms * MICROS_PER_MILLI;
}

function utcYear(y: number): number {
  const d = new Date(0);
  d.setUTCFullYear(y, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
}

// ── casts ──

export function toText(v: number | string | boolean, from: SqlType): string {
  return scalarToText(v, from);
}

/** CAST between types; `undefined` when the value does not convert. */
export function cast(v: number | string | boolean, from: SqlType, to: SqlType): number | string | boolean | null | undefined {
  return castScalar(v, from, to);
}
