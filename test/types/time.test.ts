import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInterval, formatTimestamp, parseInterval, parseTimestamp } from '../../engine/types/time.js';

describe('timestamps', () => {
  it.each([
    ['2024-01-01', '2024-01-01 00:00:00'],
    ['2024-02-29 23:59:59.5', '2024-02-29 23:59:59.500'],
    ['2024-01-01T10:00:00.000001Z', '2024-01-01 10:00:00.000001'],
    ['2024-01-01 10:00:00+02:00', '2024-01-01 08:00:00'],
    ['1969-12-31 23:59:59.999', '1969-12-31 23:59:59.999'],
    ['0001-01-01 00:00:00', '0001-01-01 00:00:00'],
  ])('%s reads as %s', (text, formatted) => {
    expect(formatTimestamp(parseTimestamp(text)!)).toBe(formatted);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-01-01 24:00:00', 'yesterday', '2024-1-1x'])('refuses %s', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });

  it('round-trips every microsecond value through its text (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -6e16, max: 6e16 }), (us) => {
      expect(parseTimestamp(formatTimestamp(us))).toBe(us);
    }));
  });
});

describe('intervals', () => {
  it.each([
    [90 * 60e6, '01:30:00'],
    [-5e6, '-00:00:05'],
    [86_405e6, '1 day 00:00:05'],
    [-86_405e6, '-1 day -00:00:05'],
    [2 * 86_400e6, '2 days'],
    [1.5e6, '00:00:01.5'],
  ])('%d µs is %s', (us, text) => {
    expect(formatInterval(us)).toBe(text);
    const p = parseInterval(text);
    expect(p).toEqual({ ok: true, micros: us });
  });

  it('round-trips through text (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), (us) => {
      expect(parseInterval(formatInterval(us))).toEqual({ ok: true, micros: us });
    }));
  });

  it('reads units and refuses calendar ones', () => {
    expect(parseInterval('1 hour 30 minutes')).toEqual({ ok: true, micros: 5_400_000_000 });
    expect(parseInterval('250 ms')).toEqual({ ok: true, micros: 250_000 });
    expect(parseInterval('5', 'SECOND')).toEqual({ ok: true, micros: 5_000_000 });
    expect(parseInterval('1 month')).toMatchObject({ ok: false });
    expect(parseInterval('3 fortnights')).toEqual({ ok: false, reason: "'fortnights' is not an interval unit" });
  });
});
