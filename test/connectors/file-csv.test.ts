import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SourceMetrics } from '../../engine/connectors/source.js';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import { field, fileSource, readAll, rejection, tempDir, ts, writeFiles } from './file-helpers.js';

const ALL_TYPES = [
  field('b', 'BOOLEAN'),
  field('i', 'INT'),
  field('big', 'BIGINT'),
  field('d', 'DOUBLE'),
  field('s', 'VARCHAR'),
  field('t', 'TIMESTAMP'),
  field('iv', 'INTERVAL'),
];

const TRADES = [field('id', 'INT', false), field('sym', 'VARCHAR'), field('price', 'DOUBLE')];

async function csvFile(content: string, name = 'data.csv'): Promise<{ dir: string; path: string }> {
  const dir = await tempDir();
  await writeFiles(dir, { [name]: content });
  return { dir, path: join(dir, name) };
}

function laminarError(e: unknown): LaminarError {
  expect(e).toBeInstanceOf(LaminarError);
  return e as LaminarError;
}

describe('CSV file source: values', () => {
  it('reads every type, with nulls, with the CAST rules', async () => {
    const { path } = await csvFile(
      [
        'b,i,big,d,s,t,iv',
        'true,1,9007199254740991,1.5,hello,2024-01-02 03:04:05,5 seconds',
        'no,-2147483648,-5,-0.25,"with, comma",2024-01-02T03:04:05.123456Z,01:30:00',
        ',,,,,,',
        'T,2147483647,0,1e300,"say ""hi""",2024-02-29,2 days 00:00:01.5',
        'off, 7 ,42,NaN, padded ,2024-01-01 00:00:00+02:00,-00:00:05',
      ].join('\n') + '\n',
    );
    const { rows } = await readAll(fileSource(ALL_TYPES, { path }));
    expect(rows).toEqual([
      [true, 1, 9007199254740991, 1.5, 'hello', ts('2024-01-02 03:04:05'), 5_000_000],
      [false, -2147483648, -5, -0.25, 'with, comma', ts('2024-01-02 03:04:05') + 123456, 5_400_000_000],
      [null, null, null, null, null, null, null],
      [true, 2147483647, 0, 1e300, 'say "hi"', ts('2024-02-29 00:00:00'), 2 * 86_400_000_000 + 1_500_000],
      [false, 7, 42, NaN, ' padded ', ts('2023-12-31 22:00:00'), -5_000_000],
    ]);
  });

  it('maps header names to columns ignoring case and order, and ignores extra columns', async () => {
    const { path } = await csvFile('PRICE,extra,Sym,ID\n1.5,x,AAPL,1\n2.5,y,MSFT,2\n');
    const { rows } = await readAll(fileSource(TRADES, { path }));
    expect(rows).toEqual([
      [1, 'AAPL', 1.5],
      [2, 'MSFT', 2.5],
    ]);
  });

  it('fails when the header lacks a declared column, whatever on_error says', async () => {
    const { path } = await csvFile('id,symbol,price\n1,A,1\n');
    for (const on_error of ['fail', 'skip'] as const) {
      const e = laminarError(await rejection(readAll(fileSource(TRADES, { path, on_error }))));
      expect(e.code).toBe('BAD_INPUT_ROW');
      expect(e.message).toBe("the header has no column 'sym'");
      expect(e.location).toEqual({ kind: 'file', path, line: 1 });
      expect(e.hint).toContain('id, symbol, price');
    }
  });

  it('reads by position without a header, and counts fields', async () => {
    const { path } = await csvFile('1,A,1.5\n2,B\n3,C,3.5,extra\n4,D,4.5\n');
    const src = fileSource(TRADES, { path, header: false, on_error: 'skip' });
    const { rows, metrics } = await readAll(src);
    expect(rows).toEqual([
      [1, 'A', 1.5],
      [4, 'D', 4.5],
    ]);
    expect(metrics.badRows).toBe(2);
    expect(metrics.lastError).toBe(`${path}, line 3: expected 3 fields but found 4`);
  });

  it('uses the delimiter, quote and escape options', async () => {
    const semi = await csvFile("id;sym;price\n1;'a;b';1\n2;'it''s';2\n");
    expect((await readAll(fileSource(TRADES, { path: semi.path, delimiter: ';', quote: "'" }))).rows).toEqual(
      [
        [1, 'a;b', 1],
        [2, "it's", 2],
      ],
    );
    const esc = await csvFile('id,sym,price\n1,"a\\"b",1\n');
    expect((await readAll(fileSource(TRADES, { path: esc.path, escape: '\\' }))).rows).toEqual([
      [1, 'a"b', 1],
    ]);
    const noQuote = await csvFile('id,sym,price\n1,"a,1\n');
    expect((await readAll(fileSource(TRADES, { path: noQuote.path, quote: '' }))).rows).toEqual([
      [1, '"a', 1],
    ]);
  });

  it("reads tabs for .tsv files, format = 'tsv' and delimiter = 'tab'", async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.tsv': 'id\tsym\tprice\n1\tx,y\t2\n',
      'b.txt': 'id\tsym\tprice\n3\tz\t4\n',
      'c.dat': 'id\tsym\tprice\n5\tw\t6\n',
    });
    expect((await readAll(fileSource(TRADES, { path: join(dir, 'a.tsv') }))).rows).toEqual([[1, 'x,y', 2]]);
    expect((await readAll(fileSource(TRADES, { path: join(dir, 'b.txt'), format: 'tsv' }))).rows).toEqual([
      [3, 'z', 4],
    ]);
    expect(
      (await readAll(fileSource(TRADES, { path: join(dir, 'c.dat'), format: 'csv', delimiter: 'tab' }))).rows,
    ).toEqual([[5, 'w', 6]]);
  });

  it('reads empty fields as NULL by default, quoted or not (csv-parse does not tell them apart)', async () => {
    const { path } = await csvFile('id,sym,price\n1,,\n2,"",\n');
    expect((await readAll(fileSource(TRADES, { path }))).rows).toEqual([
      [1, null, null],
      [2, null, null],
    ]);
  });

  it("reads null_string as NULL; then an empty VARCHAR field is '' and an empty number field NULL", async () => {
    const { path } = await csvFile('id,sym,price\n1,NA,NA\n2,,\n3,"",7\n4,na,8\n');
    expect((await readAll(fileSource(TRADES, { path, null_string: 'NA' }))).rows).toEqual([
      [1, null, null],
      [2, '', null],
      [3, '', 7],
      [4, 'na', 8],
    ]);
  });
});

describe('CSV file source: layout', () => {
  it('skips skip_rows lines (even with unbalanced quotes) and keeps line numbers of the file', async () => {
    const { path } = await csvFile(
      '# exported by "tool\n# second banner line\nid,sym,price\n1,A,1\n2,B,oops\n',
    );
    const src = fileSource(TRADES, { path, skip_rows: 2 });
    const e = laminarError(await rejection(readAll(src)));
    expect(e.message).toBe("column 'price': 'oops' is not a number (expected DOUBLE)");
    expect(e.location).toEqual({ kind: 'file', path, line: 5 });
  });

  it('trims spaces around fields with trim = true', async () => {
    const { path } = await csvFile('id, sym ,price\n 1 ,  A B  , 2.5\n');
    expect((await readAll(fileSource(TRADES, { path }))).rows).toEqual([[1, '  A B  ', 2.5]]);
    expect((await readAll(fileSource(TRADES, { path, trim: true }))).rows).toEqual([[1, 'A B', 2.5]]);
  });

  it('handles a byte order mark, CRLF line ends and blank lines', async () => {
    const { path } = await csvFile('\uFEFFid,sym,price\r\n1,A,1\r\n\r\n2,B,2\r\n3,C,x\r\n');
    const src = fileSource(TRADES, { path, on_error: 'skip' });
    const { rows, metrics, chunks } = await readAll(src);
    expect(rows).toEqual([
      [1, 'A', 1],
      [2, 'B', 2],
    ]);
    expect(metrics.lastError).toBe(`${path}, line 5: column 'price': 'x' is not a number (expected DOUBLE)`);
    const size = (await stat(path)).size;
    expect(chunks.at(-1)!.position).toEqual({ file: 0, path, offset: size, line: 5 });
  });

  it('reads quoted fields with line breaks and numbers later lines right', async () => {
    const { path } = await csvFile('id,sym,price\n1,"two\nlines",1\n2,"three\r\nline\nfield",2\n3,C,bad\n');
    const e = laminarError(await rejection(readAll(fileSource(TRADES, { path }))));
    expect(e.location).toEqual({ kind: 'file', path, line: 7 });
    const { rows } = await readAll(fileSource(TRADES, { path, on_error: 'skip' }));
    expect(rows).toEqual([
      [1, 'two\nlines', 1],
      [2, 'three\r\nline\nfield', 2],
    ]);
  });
});

const BAD_ROWS = 'id,sym,price\n1,A,1\n2,B,2\nx,C,3\n4,D,4\n5,,5\n6,"F"G,6\n7,H,7\n';

describe('CSV file source: bad rows', () => {
  it("on_error = 'fail' emits the rows before the bad one, then throws with file and line", async () => {
    const { path } = await csvFile(BAD_ROWS);
    const chunks: number[][] = [];
    const src = fileSource(TRADES, { path });
    const reader = src.open({
      columns: [0],
      signal: new AbortController().signal,
      metrics: new SourceMetrics(),
      batchSize: 10,
    });
    const e = laminarError(
      await rejection(
        (async () => {
          for await (const c of reader) chunks.push(Array.from(c.batch.columns[0]!.data as Int32Array));
        })(),
      ),
    );
    expect(chunks).toEqual([[1, 2]]);
    expect(e.code).toBe('BAD_INPUT_ROW');
    expect(e.message).toBe("column 'id': 'x' is not an integer (expected INT)");
    expect(e.location).toEqual({ kind: 'file', path, line: 4 });
    expect(e.format()).toContain(`in ${path}, line 4`);
  });

  it("on_error = 'fail' reports NULL in a NOT NULL column", async () => {
    const { path } = await csvFile('id,sym,price\n,A,1\n');
    const e = laminarError(await rejection(readAll(fileSource(TRADES, { path }))));
    expect(e.message).toBe("column 'id' is NOT NULL but the field is empty (NULL)");
    expect(e.location).toEqual({ kind: 'file', path, line: 2 });
  });

  it("on_error = 'skip' counts bad rows and keeps the last reason; stray quotes are characters", async () => {
    const { path } = await csvFile(BAD_ROWS);
    const { rows, metrics } = await readAll(fileSource(TRADES, { path, on_error: 'skip' }), { batchSize: 2 });
    expect(rows).toEqual([
      [1, 'A', 1],
      [2, 'B', 2],
      [4, 'D', 4],
      [5, null, 5],
      [6, '"F"G', 6],
      [7, 'H', 7],
    ]);
    expect(metrics.badRows).toBe(1);
    expect(metrics.rowsRead).toBe(6);
    expect(metrics.lastError).toBe(`${path}, line 4: column 'id': 'x' is not an integer (expected INT)`);
  });

  it('reports an unclosed quote as one bad row naming the lines it swallows', async () => {
    const { path } = await csvFile('id,sym,price\n1,A,1\n\n2,"B,2\n3,C,3\n');
    const { rows, metrics } = await readAll(fileSource(TRADES, { path, on_error: 'skip' }));
    expect(rows).toEqual([[1, 'A', 1]]);
    expect(metrics.badRows).toBe(1);
    expect(metrics.lastError).toBe(
      `${path}, line 4: a quoted field is not closed before the end of the file, so lines 4 to 5 cannot be read`,
    );
    const e = laminarError(await rejection(readAll(fileSource(TRADES, { path }))));
    expect(e.location).toEqual({ kind: 'file', path, line: 4 });
  });

  it("on_error = 'dead_letter' appends one JSON line per bad row to dead_letter_path", async () => {
    const { dir, path } = await csvFile(BAD_ROWS + '8,I,\n9,"J",nine\n10,"K\n');
    const deadLetters = join(dir, 'bad.jsonl');
    await writeFiles(dir, { 'bad.jsonl': '{"earlier":true}\n' });
    const src = fileSource([field('id', 'INT'), field('sym', 'VARCHAR'), field('price', 'DOUBLE', false)], {
      path,
      on_error: 'dead_letter',
      dead_letter_path: deadLetters,
    });
    const { rows, metrics } = await readAll(src);
    expect(rows.map((r) => r[0])).toEqual([1, 2, 4, 5, 6, 7]);
    expect(metrics.badRows).toBe(4);
    const lines = (await readFile(deadLetters, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { earlier: true },
      { file: path, line: 4, reason: "column 'id': 'x' is not an integer (expected INT)", row: 'x,C,3' },
      {
        file: path,
        line: 9,
        reason: "column 'price' is NOT NULL but the field is empty (NULL)",
        row: '8,I,',
      },
      {
        file: path,
        line: 10,
        reason: "column 'price': 'nine' is not a number (expected DOUBLE)",
        row: '9,"J",nine',
      },
      {
        file: path,
        line: 11,
        reason: 'a quoted field is not closed before the end of the file, so lines 11 to 11 cannot be read',
        row: '10,"K',
      },
    ]);
  });

  it('checks the on_error options', async () => {
    const { path } = await csvFile('id,sym,price\n');
    const noPath = laminarError(rejectionSync(() => fileSource(TRADES, { path, on_error: 'dead_letter' })));
    expect(noPath.code).toBe('INVALID_OPTION');
    expect(noPath.message).toBe(
      "on_error = 'dead_letter' needs option 'dead_letter_path', the file that receives bad rows",
    );
    const stray = laminarError(
      rejectionSync(() => fileSource(TRADES, { path, dead_letter_path: 'x.jsonl' })),
    );
    expect(stray.message).toBe(
      "option 'dead_letter_path' needs on_error = 'dead_letter' (on_error is 'fail')",
    );
    const bad = laminarError(rejectionSync(() => fileSource(TRADES, { path, on_error: 'ignore' })));
    expect(bad.message).toBe("option 'on_error' must be one of 'fail', 'skip', 'dead_letter'");
  });

  it('fails early when the dead-letter file cannot be opened', async () => {
    const { dir, path } = await csvFile('id,sym,price\n1,A,1\n');
    const src = fileSource(TRADES, {
      path,
      on_error: 'dead_letter',
      dead_letter_path: join(dir, 'missing', 'bad.jsonl'),
    });
    const e = laminarError(await rejection(readAll(src)));
    expect(e.code).toBe('IO_ERROR');
    expect(e.message).toContain('cannot open the dead-letter file');
  });
});

function rejectionSync(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('CSV file source: files and options', () => {
  it('reads the files of a glob in sorted order, one partition per file, chunks never spanning files', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'b.csv': 'id,sym,price\n3,c,3\n',
      'a.csv': 'id,sym,price\n1,a,1\n2,b,2\n',
      'c.csv': 'id,sym,price\n',
      'ignored.txt': 'id,sym,price\n9,z,9\n',
    });
    const src = fileSource(TRADES, { path: join(dir, '*.csv') });
    expect(src.describe()).toBe(`file ${join(dir, '*.csv')} (csv, 3 files, on_error fail)`);
    const { chunks, metrics } = await readAll(src, { batchSize: 10 });
    expect(chunks.map((c) => [c.partition, c.batch.length, c.position])).toEqual([
      [0, 2, { file: 0, path: join(dir, 'a.csv'), offset: 25, line: 3 }],
      [1, 1, { file: 1, path: join(dir, 'b.csv'), offset: 19, line: 2 }],
    ]);
    expect(metrics).toMatchObject({ rowsRead: 3, filesRead: 3, bytesRead: 25 + 19 + 13, badRows: 0 });
  });

  it('reads nested directories with ** and resolves relative paths against the working directory', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'z.csv': 'id,sym,price\n1,z,1\n' });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'sub'));
    await writeFiles(join(dir, 'sub'), { 'a.csv': 'id,sym,price\n2,a,2\n' });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const src = fileSource(TRADES, { path: '**/*.csv' });
      process.chdir(cwd); // resolved at CREATE time: changing directory later changes nothing
      const { rows, chunks } = await readAll(src);
      expect(rows).toEqual([
        [2, 'a', 2],
        [1, 'z', 1],
      ]);
      expect(chunks.map((c) => c.position['path'])).toEqual([join('sub', 'a.csv'), 'z.csv']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('fails with IO_ERROR when nothing matches or the file is missing', async () => {
    const dir = await tempDir();
    const none = laminarError(await rejection(readAll(fileSource(TRADES, { path: join(dir, '*.csv') }))));
    expect(none.code).toBe('IO_ERROR');
    expect(none.message).toBe(`no file matches '${join(dir, '*.csv')}'`);
    const missing = laminarError(
      await rejection(readAll(fileSource(TRADES, { path: join(dir, 'gone.csv') }))),
    );
    expect(missing.code).toBe('IO_ERROR');
    expect(missing.message).toBe(`file '${join(dir, 'gone.csv')}' does not exist`);
    expect(fileSource(TRADES, { path: join(dir, '*.csv') }).describe()).toBe(
      `file ${join(dir, '*.csv')} (csv, no file yet, on_error fail)`,
    );
  });

  it('needs a known format and declared columns, and rejects options of other formats', () => {
    const unknown = laminarError(rejectionSync(() => fileSource(TRADES, { path: 'data/*.dat' })));
    expect(unknown.code).toBe('INVALID_OPTION');
    expect(unknown.message).toBe("cannot tell the format of 'data/*.dat' from its extension");
    const noColumns = laminarError(rejectionSync(() => fileSource(null, { path: 'data/*.csv' })));
    expect(noColumns.code).toBe('INVALID_OPTION');
    expect(noColumns.message).toBe('a CSV file source needs its columns declared');
    const csvOnly = laminarError(
      rejectionSync(() => fileSource(TRADES, { path: 'a.jsonl', delimiter: ';' })),
    );
    expect(csvOnly.message).toBe("option 'delimiter' applies to CSV files only, not to format 'jsonl'");
    const typo = laminarError(rejectionSync(() => fileSource(TRADES, { path: 'a.csv', delimeter: ';' })));
    expect(typo.message).toBe("unknown option 'delimeter' for file source");
    const wide = laminarError(rejectionSync(() => fileSource(TRADES, { path: 'a.csv', delimiter: ';;' })));
    expect(wide.message).toBe("option 'delimiter' must be one character, not ';;'");
    const rows = laminarError(rejectionSync(() => fileSource(TRADES, { path: 'a.csv', skip_rows: -1 })));
    expect(rows.message).toBe("option 'skip_rows' must be at least 0, not -1");
  });

  it('converts only the requested columns, in the requested order, and still counts fields', async () => {
    const { path } = await csvFile('id,sym,price\n1,A,not-a-number\n2,B\n3,C,3\n');
    const { rows, chunks, metrics } = await readAll(fileSource(TRADES, { path, on_error: 'skip' }), {
      columns: [1, 0],
    });
    expect(rows).toEqual([
      ['A', 1],
      ['C', 3],
    ]);
    expect(chunks[0]!.batch.columns.map((c) => c.type)).toEqual(['VARCHAR', 'INT']);
    expect(metrics.badRows).toBe(1);
    const count = await readAll(fileSource(TRADES, { path, on_error: 'skip' }), { columns: [] });
    expect(count.chunks.map((c) => [c.batch.length, c.batch.columns.length])).toEqual([[2, 0]]);
  });

  it('cuts batches of batchSize rows', async () => {
    const { path } = await csvFile(
      'id,sym,price\n' + Array.from({ length: 7 }, (_, i) => `${i},s,${i}`).join('\n') + '\n',
    );
    const { chunks } = await readAll(fileSource(TRADES, { path }), { batchSize: 3 });
    expect(chunks.map((c) => c.batch.length)).toEqual([3, 3, 1]);
    expect(chunks.map((c) => c.position['line'])).toEqual([4, 7, 8]);
  });
});

describe('CSV file source: positions, abort, memory', () => {
  it('resumes from the position of every chunk with exactly the remaining rows and bad rows', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a.csv':
        '# banner "\r\nid,sym,price\r\n1,"multi\r\nline",1\r\n\r\n2,B,2\r\nbad,C,3\r\n3,C,3\r\n4,D,4\r\n5,E,5',
      'b.csv': '# banner\nprice,id,sym\n6,6,F\n7,oops,G\n8,8,H\n',
    });
    const deadLetters = join(dir, 'bad.jsonl');
    const src = fileSource(TRADES, {
      path: join(dir, '*.csv'),
      skip_rows: 1,
      on_error: 'dead_letter',
      dead_letter_path: deadLetters,
    });
    const full = await readAll(src, { batchSize: 2 });
    expect(full.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 8]);
    const allBad = (await readFile(deadLetters, 'utf8')).trimEnd().split('\n');
    expect(allBad.map((l) => (JSON.parse(l) as { line: number }).line)).toEqual([7, 4]);
    let before = 0;
    for (const [k, chunk] of full.chunks.entries()) {
      before += chunk.batch.length;
      await writeFiles(dir, { 'bad.jsonl': '' });
      const rest = await readAll(src, { batchSize: 2, resumeFrom: chunk.position });
      expect(rest.rows, `resuming after chunk ${k}`).toEqual(full.rows.slice(before));
      const bad = (await readFile(deadLetters, 'utf8')).trimEnd();
      const expectedBad = allBad.filter((l) => {
        const { file, line } = JSON.parse(l) as { file: string; line: number };
        const fileIndex = file.endsWith('a.csv') ? 0 : 1;
        const pos = chunk.position as { file: number; line: number };
        return fileIndex > pos.file || (fileIndex === pos.file && line > pos.line);
      });
      expect(bad === '' ? [] : bad.split('\n'), `dead letters after chunk ${k}`).toEqual(expectedBad);
    }
  });

  it('follows the path of a position when files were added before it, and fails if it is gone', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'b.csv': 'id,sym,price\n1,a,1\n2,b,2\n' });
    const src = fileSource(TRADES, { path: join(dir, '*.csv') });
    const first = await readAll(src, { batchSize: 1, maxChunks: 1 });
    await writeFiles(dir, { 'a.csv': 'id,sym,price\n0,z,0\n' });
    const rest = await readAll(src, { resumeFrom: first.chunks[0]!.position });
    expect(rest.rows).toEqual([[2, 'b', 2]]);
    expect(rest.chunks[0]!.partition).toBe(1);
    const gone = laminarError(
      await rejection(
        readAll(src, { resumeFrom: { file: 0, path: join(dir, 'c.csv'), offset: 3, line: 1 } }),
      ),
    );
    expect(gone.code).toBe('IO_ERROR');
  });

  it('stops without error when the signal aborts', async () => {
    const { path } = await csvFile(
      'id,sym,price\n' + Array.from({ length: 100 }, (_, i) => `${i},s,${i}`).join('\n'),
    );
    const controller = new AbortController();
    const metrics = new SourceMetrics();
    const seen: number[] = [];
    for await (const c of fileSource(TRADES, { path }).open({
      columns: [0],
      signal: controller.signal,
      metrics,
      batchSize: 10,
    })) {
      seen.push(c.batch.length);
      controller.abort();
    }
    expect(seen).toEqual([10]);
    expect(metrics.rowsRead).toBe(10);
    controller.abort();
    const none = await readAll(fileSource(TRADES, { path }), { signal: controller.signal });
    expect(none.chunks).toEqual([]);
  });

  it('streams a 2M-line file in bounded memory', async () => {
    const dir = await tempDir();
    const path = join(dir, 'big.csv');
    const parts = ['n,pad\n'];
    for (let i = 0; i < 2_000_000; i++) parts.push(`${i % 100_000},abcdefghijklmnopq\n`);
    await writeFiles(dir, { 'big.csv': parts.join('') });
    parts.length = 0;
    const size = (await stat(path)).size;
    const metrics = new SourceMetrics();
    let rows = 0;
    let sum = 0;
    // What the reader retains, measured after full collections (not garbage awaiting one).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const retained = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const base = retained();
    const samples: number[] = [];
    let chunks = 0;
    for await (const c of fileSource([field('n', 'INT'), field('pad', 'VARCHAR')], { path }).open({
      columns: [0],
      signal: new AbortController().signal,
      metrics,
      batchSize: 8192,
    })) {
      rows += c.batch.length;
      const ids = c.batch.columns[0]!.data as Int32Array;
      for (let i = 0; i < c.batch.length; i++) sum += ids[i]!;
      if (++chunks % 16 === 0) samples.push(retained());
    }
    expect(rows).toBe(2_000_000);
    expect(sum).toBe(20 * ((100_000 * 99_999) / 2));
    expect(metrics.bytesRead).toBe(size);
    // The reader holds a few 1 MiB reads and one batch, not the 42 MB file, and memory after
    // 2M rows is what it was after the first 130k.
    expect(size).toBeGreaterThan(40_000_000);
    expect(samples.length).toBeGreaterThan(10);
    expect(Math.max(...samples) - base).toBeLessThan(12_000_000);
    // (min of three samples: a 1 MiB read in flight comes and goes)
    const early = Math.min(...samples.slice(0, 3));
    const late = Math.min(...samples.slice(-3));
    expect(late - early).toBeLessThan(2_000_000);
  });
});
