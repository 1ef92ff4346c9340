import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import { field, fileSource, readAll, rejection, tempDir, ts, writeFiles } from './file-helpers.js';

const EVENTS = [
  field('id', 'BIGINT', false),
  field('name', 'VARCHAR'),
  field('score', 'DOUBLE'),
  field('ok', 'BOOLEAN'),
  field('at', 'TIMESTAMP'),
  field('took', 'INTERVAL'),
  field('n', 'INT'),
];

async function jsonlFile(content: string, name = 'events.jsonl'): Promise<{ dir: string; path: string }> {
  const dir = await tempDir();
  await writeFiles(dir, { [name]: content });
  return { dir, path: join(dir, name) };
}

function laminarError(e: unknown): LaminarError {
  expect(e).toBeInstanceOf(LaminarError);
  return e as LaminarError;
}

describe('JSON lines file source', () => {
  it('reads JSON values with the push rules, keys ignoring case, missing keys as NULL', async () => {
    const { path } = await jsonlFile(
      [
        '{"id": 1, "name": "a", "score": 1.5, "ok": true, "at": "2024-01-02 03:04:05", "took": "5 seconds", "n": 7}',
        '{"ID": 2, "Name": 42, "SCORE": "NaN", "ok": false, "at": 1704164645123.5, "took": 1500, "extra": [1, 2]}',
        '',
        '   ',
        '{"id": 3, "name": null, "score": -0.25, "ok": "yes", "at": "2024-01-02T03:04:05Z", "took": "01:00:00", "n": "12"}',
      ].join('\n') + '\n',
    );
    const { rows, chunks } = await readAll(fileSource(EVENTS, { path }));
    expect(rows).toEqual([
      [1, 'a', 1.5, true, ts('2024-01-02 03:04:05'), 5_000_000, 7],
      [2, '42', NaN, false, 1704164645123500, 1_500_000, null],
      [3, null, -0.25, true, ts('2024-01-02 03:04:05'), 3_600_000_000, 12],
    ]);
    expect(chunks.map((c) => c.position['line'])).toEqual([5]);
  });

  it('treats invalid JSON, non-objects, bad values and missing NOT NULL values as bad rows', async () => {
    const { dir, path } = await jsonlFile(
      [
        '{"id": 1}',
        '{"id": 2,',
        '[1, 2]',
        '"text"',
        '{"id": 9007199254740993}',
        '{"id": 5, "n": 1.5}',
        '{"id": 6, "name": {"nested": true}}',
        '{"name": "no id"}',
        '{"id": 8, "ID": 9}',
        '{"id": 10, "ok": 1}',
        '{"id": 11}',
      ].join('\r\n'),
    );
    const deadLetters = join(dir, 'bad.jsonl');
    const src = fileSource(EVENTS, { path, on_error: 'dead_letter', dead_letter_path: deadLetters });
    const { rows, metrics } = await readAll(src);
    expect(rows.map((r) => r[0])).toEqual([1, 11]);
    expect(metrics.badRows).toBe(9);
    const lines = (await readFile(deadLetters, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // JSON.parse's own message varies between Node versions.
    expect(lines[0]!['reason']).toMatch(/^the line is not valid JSON \(.+\)$/);
    lines[0]!['reason'] = 'the line is not valid JSON (…)';
    expect(lines.map((l) => [l['line'], l['reason'], l['row']])).toEqual([
      [2, 'the line is not valid JSON (…)', '{"id": 2,'],
      [3, 'the line is an array, not a JSON object', '[1, 2]'],
      [4, "the line is 'text', not a JSON object", '"text"'],
      [5, "column 'id': 9007199254740992 is out of range for BIGINT", '{"id": 9007199254740993}'],
      [6, "column 'n': 1.5 is not an integer (expected INT)", '{"id": 5, "n": 1.5}'],
      [
        7,
        "column 'name': an object is not a string (expected VARCHAR)",
        '{"id": 6, "name": {"nested": true}}',
      ],
      [8, "column 'id' is NOT NULL but the value is missing or null", '{"name": "no id"}'],
      [9, "the object gives column 'id' twice (keys differing only in case)", '{"id": 8, "ID": 9}'],
      [10, "column 'ok': 1 is not a boolean (expected true or false)", '{"id": 10, "ok": 1}'],
    ]);
    expect(lines.every((l) => l['file'] === path)).toBe(true);
  });

  it("fails at the first bad line with on_error = 'fail', after emitting the rows before it", async () => {
    const { path } = await jsonlFile('{"id": 1}\n{"id": 2}\n{"id": "two"}\n{"id": 4}\n');
    const seen: number[] = [];
    const e = laminarError(
      await rejection(
        (async () => {
          for await (const c of fileSource(EVENTS, { path }).open({
            columns: [0],
            signal: new AbortController().signal,
            metrics: new (await import('../../engine/connectors/source.js')).SourceMetrics(),
            batchSize: 100,
          })) {
            seen.push(c.batch.length);
          }
        })(),
      ),
    );
    expect(seen).toEqual([2]);
    expect(e.code).toBe('BAD_INPUT_ROW');
    expect(e.message).toBe("column 'id': 'two' is not an integer (expected BIGINT)");
    expect(e.location).toEqual({ kind: 'file', path, line: 3 });
  });

  it('projects columns, cuts batches and resumes from every position', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.ndjson': '\uFEFF{"id": 1, "n": 10}\n\n{"id": 2, "n": 20}\n{"id": "bad"}\n{"id": 3, "n": 30}',
      'b.ndjson': '{"id": 4, "n": 40}\r\n{"id": 5, "n": 50}\r\n',
    });
    const src = fileSource(EVENTS, { path: join(dir, '*.ndjson'), on_error: 'skip' });
    expect(src.describe()).toBe(`file ${join(dir, '*.ndjson')} (jsonl, 2 files, on_error skip)`);
    const full = await readAll(src, { columns: [6, 0], batchSize: 2 });
    expect(full.rows).toEqual([
      [10, 1],
      [20, 2],
      [30, 3],
      [40, 4],
      [50, 5],
    ]);
    expect(full.chunks.map((c) => [c.partition, c.batch.length])).toEqual([
      [0, 2],
      [0, 1],
      [1, 2],
    ]);
    expect(full.metrics.badRows).toBe(1);
    let before = 0;
    for (const chunk of full.chunks) {
      before += chunk.batch.length;
      const rest = await readAll(src, { columns: [6, 0], batchSize: 2, resumeFrom: chunk.position });
      expect(rest.rows).toEqual(full.rows.slice(before));
    }
    // A line split across two 1 MiB reads is read whole.
    const long = 'x'.repeat(1_500_000);
    await writeFiles(dir, { 'c.jsonl': `{"id": 1, "name": "${long}"}\n{"id": 2, "name": "y"}\n` });
    const big = await readAll(fileSource(EVENTS, { path: join(dir, 'c.jsonl') }), { columns: [1] });
    expect(big.rows.map((r) => (r[0] as string).length)).toEqual([1_500_000, 1]);
  });

  it('rejects CSV options', () => {
    expect(() => fileSource(EVENTS, { path: 'x.jsonl', header: false })).toThrow(
      "option 'header' applies to CSV files only, not to format 'jsonl'",
    );
  });
});
