/**
 * The NULL-heavy CSV dataset `readings`: hand-written edge rows, then seeded pseudo-random
 * rows. NULL is an empty field for non-VARCHAR columns and the unquoted word NULL for VARCHAR
 * columns (LaminarDB reads an empty VARCHAR field as '', see datasets.ts); empty strings are
 * written quoted ("").
 */
import { formatTimestamp } from '../../engine/index.js';

export const READINGS_COLUMNS = [
  ['id', 'INT'],
  ['name', 'VARCHAR'],
  ['city', 'VARCHAR'],
  ['qty', 'INT'],
  ['amount', 'DOUBLE'],
  ['big', 'BIGINT'],
  ['flag', 'BOOLEAN'],
  ['ts', 'TIMESTAMP'],
  ['note', 'VARCHAR'],
] as const;

type Value = number | string | boolean | null;
type Row = readonly Value[];

const NAMES = [
  'alice',
  'Bob',
  'ALICE',
  'bob',
  'Zoë',
  'Ångström',
  'São Paulo',
  '東京タワー',
  'naïve café',
  'emoji 🙂 ok',
  "O'Brien",
  'x',
  '',
  '  padded  ',
  'a_b',
  '100%',
  'Straße',
  'Ωmega',
  'tab\there',
  'dash-ed-name',
];
const CITIES = ['Zürich', 'Paris', 'paris', 'München', 'Kraków', '東京', 'New York, NY', 'Reykjavík'];
const NOTES = [
  'say "hi"',
  'a,b,c',
  'comma, and "quote"',
  'plain',
  'x_y%z',
  'line one',
  'ends with space ',
  ' starts with space',
  'UPPER lower',
  'repeat repeat',
  '50% off',
  'under_score',
  'ümlaut',
  '',
];

/** Hand-written rows: zeros, negatives, rounding halves, duplicates, boundaries, all-NULL. */
const EDGE_ROWS: readonly Row[] = [
  [1, 'alice', 'Zürich', 0, 0, 0, true, '2023-12-31 23:59:59.999999', 'say "hi"'],
  [2, 'alice', 'Zürich', 0, 0, 0, true, '2023-12-31 23:59:59.999999', 'say "hi"'],
  [3, null, null, null, null, null, null, null, null],
  [4, '', 'Paris', -7, -2.5, -9007199254740, false, '2024-01-01 00:00:00', ''],
  [5, 'Bob', 'paris', 7, 2.5, 9007199254740, false, '2024-02-29 12:30:45.5', 'a,b,c'],
  [6, 'Zoë', null, -1, -0.5, -1, null, '2024-03-01 00:00:00.000001', null],
  [7, 'emoji 🙂 ok', '東京', 2147483, 1e-7, 123456789012, true, '2024-12-31 23:00:00', 'comma, and "quote"'],
  [8, '100%', 'New York, NY', 3, 0.125, 42, true, '2024-06-30 23:59:59', '50% off'],
  [9, 'a_b', 'München', -3, -1.005, -42, false, '2024-07-01 00:00:00', 'under_score'],
  [10, 'Straße', 'Kraków', 1, 1234.5678, 1, null, '2024-01-07 23:59:59', 'x_y%z'],
  [11, null, 'Reykjavík', null, 3.5, null, true, '2024-01-08 00:00:00', null],
  [12, '  padded  ', 'Paris', 10, 1.5, 7, false, '2024-04-15 08:00:00', ' starts with space'],
  [13, 'two\nlines', 'Paris', 5, 5.5, 5, true, '2024-02-29 00:00:00', 'line one\r\nline two'],
];

/** mulberry32: a small seeded generator, so the file is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_TS = Date.UTC(2023, 11, 30, 18, 0, 0) * 1000;

function randomRows(count: number, firstId: number): Row[] {
  const r = random(20240229);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(p: number, v: () => T): T | null => (r() < p ? null : v());
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    rows.push([
      firstId + i,
      maybe(0.2, () => pick(NAMES)),
      maybe(0.25, () => pick(CITIES)),
      maybe(0.3, () => Math.floor(r() * 101) - 50),
      maybe(0.3, () => Math.round((r() * 2000 - 1000) * 100) / 100),
      maybe(0.35, () => Math.floor(r() * 2e12) - 1e12),
      maybe(0.33, () => r() < 0.5),
      // Up to ~80 days from 2023-12-30 18:00: year, month, leap-day and week boundaries.
      maybe(0.2, () =>
        formatTimestamp(
          BASE_TS + Math.floor(r() * 80 * 86400) * 1_000_000 + (r() < 0.3 ? Math.floor(r() * 1e6) : 0),
        ),
      ),
      maybe(0.4, () => pick(NOTES)),
    ]);
  }
  return rows;
}

export const READINGS_ROWS: readonly Row[] = [...EDGE_ROWS, ...randomRows(400, EDGE_ROWS.length + 1)];

function csvField(v: Value, type: string): string {
  if (v === null) return type === 'VARCHAR' ? 'NULL' : '';
  if (typeof v !== 'string') return String(v);
  if (type !== 'VARCHAR') return v;
  if (v === '' || /[",\n\r\t]|^\s|\s$/.test(v) || v === 'NULL') return `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function readingsCsv(): string {
  const header = READINGS_COLUMNS.map(([n]) => n).join(',');
  const lines = READINGS_ROWS.map((row) => row.map((v, c) => csvField(v, READINGS_COLUMNS[c]![1])).join(','));
  return [header, ...lines].join('\n') + '\n';
}
