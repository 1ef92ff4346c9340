import { describe, expect, it } from 'vitest';
import { completeness } from '../../engine/index.js';
import { session } from './helpers.js';

describe('completeness', () => {
  it.each([
    ['SELECT 1;', { status: 'complete' }],
    ['SELECT 1', { status: 'incomplete', indent: '' }],
    ['SELECT 1; SELECT 2', { status: 'incomplete', indent: '' }],
    ["SELECT 'abc;", { status: 'incomplete', indent: '' }],
    ['SELECT 1 /* ; */', { status: 'incomplete', indent: '' }],
    ['SELECT (1 +\n', { status: 'incomplete', indent: '  ' }],
    ['CREATE SOURCE s (a INT, b (', { status: 'incomplete', indent: '    ' }],
    ['SELECT 1);', { status: 'invalid' }],
    ['SELECT #;', { status: 'invalid' }],
    ['-- only a comment', { status: 'complete' }],
    ['', { status: 'incomplete', indent: '' }],
  ])('%j', (text, expected) => {
    expect(completeness(text)).toEqual(expected);
  });
});

describe('completion', () => {
  it('completes columns after a name or an alias and a dot, objects after FROM, and everything else by prefix', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE trades (symbol VARCHAR, price DOUBLE, ts TIMESTAMP); CREATE TABLE tickers (symbol VARCHAR PRIMARY KEY, name VARCHAR)`);
    const at = (text: string) => s.complete(text.replace('|', ''), text.indexOf('|'));
    expect(at('SELECT trades.p| FROM trades')).toEqual({ matches: ['price'], start: 14, end: 15 });
    expect(at('SELECT t.| FROM trades t').matches).toEqual(['symbol', 'price', 'ts']);
    expect(at('SELECT * FROM tr|').matches).toEqual(['trades']);
    expect(at('SELECT * FROM |').matches).toEqual(['tickers', 'trades']);
    expect(at('SELECT pr| FROM trades').matches).toEqual(['price', 'primary']);
    expect(at('SELECT up| FROM trades').matches).toEqual(['upper']);
    expect(at('SEL|').matches).toEqual(['SELECT']);
    expect(at('sel|').matches).toEqual(['select']);
    expect(at('SELECT na| FROM tickers').matches).toEqual(['name']);
    expect(at('SELECT * FROM trades; SELECT s| FROM tickers').matches.slice(0, 3)).toEqual(['symbol', 'sign', 'split_part']);
    expect(at('SELECT cou|nt FROM trades')).toEqual({ matches: ['count'], start: 7, end: 12 });
  });

  it('inspects objects', async () => {
    const s = await session();
    await s.execute(`CREATE SOURCE t (ts TIMESTAMP NOT NULL, v INT, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND); CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t`);
    await s.push('t', [[new Date(0), 1]]);
    const src = s.inspect('t')!;
    expect([src.kindName, src.connector, src.watermark, src.rows, src.schema.map((f) => f.name)]).toEqual(['source', 'push', 'ts - 00:00:02', 1, ['ts', 'v']]);
    const mv = s.inspect('MV')!;
    expect([mv.kindName, mv.rows, mv.query?.status, mv.definition]).toEqual(['materialized view', 1, 'running', 'CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t']);
    expect(s.inspect('nope')).toBeNull();
  });
});
