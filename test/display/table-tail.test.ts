import { describe, expect, it } from 'vitest';
import { formatTable, formatTextTable } from '../../display/index.js';
import { resultOf } from './results.js';

describe('formatTable with tail, formatTextTable', () => {
  it('shows the last rows after an elision line, under the header (a live result that grows)', async () => {
    const table = await resultOf(`CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 1000, keys = 3);
SELECT id, key FROM g;`);
    expect(formatTable(table, { maxRows: 2, tail: true })).toEqual(['id BIGINT │ key INT', '──────────┼────────', '… 998 earlier rows', '      998 │       2', '      999 │       0', '(1000 rows)']);
    expect(formatTable(table, { maxRows: 1000, tail: true })).toEqual(formatTable(table));
  });

  it('aligns cells given as text like a result table', () => {
    expect(formatTextTable(['id', 'rows in'], [['q1', '1,234'], ['q22', '5']], [false, true])).toEqual(['id  │ rows in', '────┼────────', 'q1  │   1,234', 'q22 │       5']);
  });
});
