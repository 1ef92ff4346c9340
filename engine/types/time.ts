/**
 * TIMESTAMP values are microseconds since 1970-01-01 00:00:00 UTC; INTERVAL values are
 * durations in microseconds. Timestamps have no time zone (like SQL's TIMESTAMP WITHOUT TIME
 * ZONE, read as UTC); a literal with an offset (`Z`, `+02:00`) is converted to UTC.
 */

export const MICROS_PER_MILLI = 1000;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

const TIMESTAMP_RE =
  /^\s*(-?\d{4,6})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/** Parses 'YYYY-MM-DD[ HH:MM[:SS[.fraction]]][Z|±HH[:MM]]'; null when the text is not one. */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let ms: number;
  if (year >= 100) {
    ms = Date.UTC(year, month - 1, day, hour, minute, second);
  } else {
    // Date.UTC reads years 0-99 as 1900-1999.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    date.setUTCHours(hour, minute, second, 0);
    ms = date.getTime();
  }
  let micros = ms * MICROS_PER_MILLI + (frac === '' ? 0 : Number((frac + '000000').slice(0, 6)));
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    micros -= sign * offsetMinutes * MICROS_PER_MINUTE;
  }
  return micros;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD HH:MM:SS', with '.mmm' or '.uuuuuu' when the value has a fraction. */
export function formatTimestamp(micros: number): string {
  const ms = Math.floor(micros / MICROS_PER_MILLI);
  const subMilli = micros - ms * MICROS_PER_MILLI;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(micros);
  const year = d.getUTCFullYear();
  const ys = year < 0 ? '-' + pad(-year, 4) : pad(year, 4);
  let s = `${ys}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  const millis = d.getUTCMilliseconds();
  if (subMilli !== 0) s += '.' + pad(millis * 1000 + subMilli, 6);
  else if (millis !== 0) s += '.' + pad(millis, 3);
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export type IntervalUnit = 'MICROSECOND' | 'MILLISECOND' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY' | 'WEEK';

export const UNIT_MICROS: Readonly<Record<IntervalUnit, number>> = {
  MICROSECOND: 1,
  MILLISECOND: MICROS_PER_MILLI,
  SECOND: MICROS_PER_SECOND,
  MINUTE: MICROS_PER_MINUTE,
  HOUR: MICROS_PER_HOUR,
  DAY: MICROS_PER_DAY,
  WEEK: 7 * MICROS_PER_DAY,
};

const UNIT_ALIASES: Readonly<Record<string, IntervalUnit | 'MONTH' | 'YEAR'>> = {
  us: 'MICROSECOND', usec: 'MICROSECOND', microsecond: 'MICROSECOND', microseconds: 'MICROSECOND',
  ms: 'MILLISECOND', msec: 'MILLISECOND', millisecond: 'MILLISECOND', milliseconds: 'MILLISECOND',
  s: 'SECOND', sec: 'SECOND', secs: 'SECOND', second: 'SECOND', seconds: 'SECOND',
  m: 'MINUTE', min: 'MINUTE', mins: 'MINUTE', minute: 'MINUTE', minutes: 'MINUTE',
  h: 'HOUR', hr: 'HOUR', hrs: 'HOUR', hour: 'HOUR', hours: 'HOUR',
  d: 'DAY', day: 'DAY', days: 'DAY',
  w: 'WEEK', week: 'WEEK', weeks: 'WEEK',
  mon: 'MONTH', mons: 'MONTH', month: 'MONTH', months: 'MONTH',
  y: 'YEAR', year: 'YEAR', years: 'YEAR',
};

/** The unit a word names ('seconds', 'MIN', 'h'…); null when it names none. */
export function intervalUnit(word: string): IntervalUnit | 'MONTH' | 'YEAR' | null {
  return UNIT_ALIASES[word.toLowerCase()] ?? null;
}

export type IntervalParse =
  | { ok: true; micros: number }
  | { ok: false; reason: string };

/**
 * Parses the text of an interval: '5 seconds', '1 hour 30 minutes', '1.5 s', '01:30:00',
 * '2 days 01:00:00', or a bare number when `unit` is given (INTERVAL '5' SECOND).
 * Calendar units (months, years) have no fixed length and are refused.
 */
export function parseInterval(text: string, unit?: IntervalUnit | 'MONTH' | 'YEAR'): IntervalParse {
  const t = text.trim();
  if (unit !== undefined) {
    if (unit === 'MONTH' || unit === 'YEAR') return calendarRefusal(unit);
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) {
      return { ok: false, reason: `'${text}' is not a number of ${unit.toLowerCase()}s` };
    }
    return { ok: true, micros: Math.round(Number(t) * UNIT_MICROS[unit]) };
  }
  let rest = t;
  let total = 0;
  let any = false;
  const part = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-zA-Z]+)\s*/;
  const clock = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?\s*$/;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (m) {
      const u = intervalUnit(m[2]!);
      if (u === null) return { ok: false, reason: `'${m[2]}' is not an interval unit` };
      if (u === 'MONTH' || u === 'YEAR') return calendarRefusal(u);
      total += Number(m[1]) * UNIT_MICROS[u];
      rest = rest.slice(m[0].length);
      any = true;
      continue;
    }
    const c = clock.exec(rest);
    if (c) {
      const sign = c[1] === '-' ? -1 : 1;
      total += sign * (Number(c[2]) * MICROS_PER_HOUR + Number(c[3]) * MICROS_PER_MINUTE + Number(c[4] ?? 0) * MICROS_PER_SECOND);
      rest = '';
      any = true;
      continue;
    }
    return { ok: false, reason: `'${text}' is not an interval (try '5 seconds' or '01:30:00')` };
  }
  if (!any) return { ok: false, reason: 'an interval cannot be empty' };
  return { ok: true, micros: Math.round(total) };
}

function calendarRefusal(unit: 'MONTH' | 'YEAR'): IntervalParse {
  return {
    ok: false,
    reason: `${unit.toLowerCase()} intervals have no fixed length and are not supported; use days (e.g. '30 days')`,
  };
}

/**
 * '01:30:00', '2 days 00:00:01.5', '-00:00:05', '-1 day -00:00:05' (as DuckDB: each part
 * carries the sign, so the text parses back to the same value).
 */
export function formatInterval(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  let rest = Math.abs(micros);
  const days = Math.floor(rest / MICROS_PER_DAY);
  rest -= days * MICROS_PER_DAY;
  const h = Math.floor(rest / MICROS_PER_HOUR);
  rest -= h * MICROS_PER_HOUR;
  const m = Math.floor(rest / MICROS_PER_MINUTE);
  rest -= m * MICROS_PER_MINUTE;
  const s = Math.floor(rest / MICROS_PER_SECOND);
  const frac = rest - s * MICROS_PER_SECOND;
  let clock = `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
  if (frac !== 0) clock += '.' + pad(frac, 6).replace(/0+$/, '');
  if (days === 0) return sign + clock;
  const time = rest === 0 && h === 0 && m === 0 && s === 0 ? '' : ` ${sign}${clock}`;
  return `${sign}${days} ${days === 1 ? 'day' : 'days'}${time}`;
}
