import { describe, expect, it } from 'vitest';
import {
  changelogHeader,
  changelogLines,
  changelogText,
  csvHeader,
  csvRecords,
  jsonChangeLines,
  jsonRowLines,
} from '../../display/index.js';
import { ALL_TYPES_SQL, changesOf, resultOf } from './results.js';

describe('csvHeader and csvRecords', () => {
  it('write each type as the engine does, NULL as an empty field', async () => {
    const table = await resultOf(ALL_TYPES_SQL);
    expect([csvHeader(table.schema), ...csvRecords(table)]).toEqual([
      'sym,n,px,at,took,ok,i',
      'AAPL,3,0.1,2024-01-02 03:04:05.678,01:30:00,true,7',
      ',,,,,,',
      'GOOG,-12345678901,1e+21,2024-01-02 03:04:05,2 days 00:00:01,false,-1',
    ]);
  });

  it('quote as RFC 4180 says, keeping an empty string apart from NULL', async () => {
    const table = await resultOf(`CREATE TABLE t ("a,b" VARCHAR, "q""" VARCHAR);
INSERT INTO t VALUES ('x,y', 'say "hi"'), ('', ' pad'), ('two\nlines', NULL);
SELECT * FROM t;`);
    expect(csvHeader(table.schema)).toBe('"a,b","q"""');
    expect(csvRecords(table)).toEqual(['"x,y","say ""hi"""', '""," pad"', '"two\nlines",']);
  });

  it('write a slice of the rows', async () => {
    const table = await resultOf(ALL_TYPES_SQL);
    expect(csvRecords(table, 2, 10)).toEqual(['GOOG,-12345678901,1e+21,2024-01-02 03:04:05,2 days 00:00:01,false,-1']);
    expect(csvRecords(table, 1, 1)).toEqual([]);
  });
});

describe('jsonRowLines', () => {
  it('write one object per row with JSON types, timestamps and intervals as text', async () => {
    const table = await resultOf(ALL_TYPES_SQL);
    expect(jsonRowLines(table)).toEqual([
      '{"sym":"AAPL","n":3,"px":0.1,"at":"2024-01-02 03:04:05.678","took":"01:30:00","ok":true,"i":7}',
      '{"sym":null,"n":null,"px":null,"at":null,"took":null,"ok":null,"i":null}',
      '{"sym":"GOOG","n":-12345678901,"px":1e+21,"at":"2024-01-02 03:04:05","took":"2 days 00:00:01","ok":false,"i":-1}',
    ]);
  });

  it('keep every column, even repeated names and __proto__', async () => {
    const table = await resultOf('SELECT 1 AS x, \'two\' AS x, true AS "__proto__"');
    expect(jsonRowLines(table)).toEqual(['{"x":1,"x":"two","__proto__":true}']);
  });
});

const SEQUENCE = `CREATE SOURCE g FROM GENERATOR (kind = 'sequence', events = 3, keys = 2);
SELECT key, count(*) AS n FROM g GROUP BY key;`;

describe('changelogLines and jsonChangeLines', () => {
  it('write each change with its op', async () => {
    const batches = await changesOf(SEQUENCE);
    const schema = batches[0]!.schema;
    expect(changelogHeader(schema)).toBe('op | key | n');
    expect(batches.flatMap((b) => changelogLines(b))).toEqual(['+I | 0 | 1', '+I | 1 | 1', '-U | 0 | 1', '+U | 0 | 2']);
    expect(batches.flatMap((b) => jsonChangeLines(b))).toEqual([
      '{"op":"+I","key":0,"n":1}',
      '{"op":"+I","key":1,"n":1}',
      '{"op":"-U","key":0,"n":1}',
      '{"op":"+U","key":0,"n":2}',
    ]);
  });

  it('write the rows of a complete result as inserts', async () => {
    const table = await resultOf(ALL_TYPES_SQL);
    expect(changelogLines(table)).toEqual([
      '+I | AAPL | 3 | 0.1 | 2024-01-02 03:04:05.678 | 01:30:00 | true | 7',
      '+I | NULL | NULL | NULL | NULL | NULL | NULL | NULL',
      '+I | GOOG | -12345678901 | 1e+21 | 2024-01-02 03:04:05 | 2 days 00:00:01 | false | -1',
    ]);
  });
});

describe('changelogText', () => {
  it('writes a string as a JSON literal only when it could be misread', () => {
    expect(changelogText('AAPL', 'VARCHAR')).toBe('AAPL');
    expect(changelogText('two words', 'VARCHAR')).toBe('two words');
    expect(changelogText(null, 'VARCHAR')).toBe('NULL');
    expect(changelogText('NULL', 'VARCHAR')).toBe('"NULL"');
    expect(changelogText('', 'VARCHAR')).toBe('""');
    expect(changelogText('a | b', 'VARCHAR')).toBe('"a | b"');
    expect(changelogText(' lead', 'VARCHAR')).toBe('" lead"');
    expect(changelogText('trail\t', 'VARCHAR')).toBe('"trail\\t"');
    expect(changelogText('"quoted"', 'VARCHAR')).toBe('"\\"quoted\\""');
    expect(changelogText('x"y', 'VARCHAR')).toBe('x"y');
    expect(changelogText('line\nbreak', 'VARCHAR')).toBe('"line\\nbreak"');
    expect(changelogText('del\u007f', 'VARCHAR')).toBe('"del\\u007f"');
  });

  it('writes other types as in a table', () => {
    expect(changelogText(5_400_000_000, 'INTERVAL')).toBe('01:30:00');
    expect(changelogText(1_704_164_645_678_000, 'TIMESTAMP')).toBe('2024-01-02 03:04:05.678');
    expect(changelogText(-0, 'DOUBLE')).toBe('-0.0');
    expect(changelogText(false, 'BOOLEAN')).toBe('false');
  });
});
