/** The oracle's comparison itself: it must report every kind of difference it claims to find. */
import { describe, expect, it } from 'vitest';
import { cellsEqual, compareResults } from './compare.js';
import type { Cell, Kind, ResultSet } from './values.js';

function result(kinds: Kind[], rows: Cell[][]): ResultSet {
  return { columns: kinds.map((_, i) => `c${i}`), kinds, rows };
}

describe('oracle comparison', () => {
  it('accepts the same multiset in another order', () => {
    const a = result(
      ['int', 'string'],
      [
        [1, 'a'],
        [2, null],
        [1, 'a'],
      ],
    );
    const b = result(
      ['int', 'string'],
      [
        [2, null],
        [1, 'a'],
        [1, 'a'],
      ],
    );
    expect(compareResults(a, b)).toEqual([]);
  });

  it('reports a duplicate lost on one side', () => {
    const a = result(['int'], [[1], [1], [2]]);
    const b = result(['int'], [[1], [2], [2]]);
    const problems = compareResults(a, b);
    expect(problems.join('\n')).toContain('only in LaminarDB: [1]');
    expect(problems.join('\n')).toContain('only in DuckDB: [2]');
  });

  it('compares order when asked', () => {
    const a = result(['int'], [[1], [2]]);
    const b = result(['int'], [[2], [1]]);
    expect(compareResults(a, b)).toEqual([]);
    expect(compareResults(a, b, { ordered: true })).toHaveLength(2);
  });

  it('allows 1e-9 relative on doubles, and nothing on integers', () => {
    expect(cellsEqual(0.1 + 0.2, 0.3, true)).toBe(true);
    expect(cellsEqual(1, 1 + 1e-8, true)).toBe(false);
    expect(cellsEqual(9007199254740991, 9007199254740990, false)).toBe(false);
    expect(cellsEqual(null, 0, true)).toBe(false);
    expect(cellsEqual(NaN, NaN, true)).toBe(true);
  });

  it('pairs near-equal doubles within a group of equal keys', () => {
    const a = result(
      ['string', 'float', 'float'],
      [
        ['x', 1, 2 + 1e-12],
        ['x', 1 + 1e-12, 1],
      ],
    );
    const b = result(
      ['string', 'float', 'float'],
      [
        ['x', 1, 1],
        ['x', 1, 2],
      ],
    );
    expect(compareResults(a, b)).toEqual([]);
  });

  it('reports column kinds and counts that differ', () => {
    expect(compareResults(result(['int'], [[1]]), result(['float'], [[1]]))).toEqual([
      'column 1 (c0): LaminarDB int, DuckDB float',
    ]);
    expect(compareResults(result(['int'], [[1]]), result(['int', 'int'], [[1, 2]]))[0]).toContain(
      '1 columns',
    );
    expect(compareResults(result(['int'], []), result(['int'], [[1]]))[0]).toBe(
      'LaminarDB returns 0 rows, DuckDB 1',
    );
  });

  it('tells a NULL from an empty string and from false', () => {
    expect(compareResults(result(['string'], [['']]), result(['string'], [[null]]))).not.toEqual([]);
    expect(compareResults(result(['bool'], [[false]]), result(['bool'], [[null]]))).not.toEqual([]);
  });
});
