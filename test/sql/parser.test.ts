import { describe, expect, it } from 'vitest';
import type { Expr, Statement } from '../../engine/sql/ast.js';
import { parseOne, parseScript } from '../../engine/sql/parser/parse-script.js';
import { LaminarError } from '../../engine/errors/laminar-error.js';
import { sx, sxQuery } from './sexpr.js';

const expr = (text: string): Expr => {
  const s = parseOne(`SELECT ${text}`);
  if (s.kind !== 'query' || s.query.body.kind !== 'select') throw new Error('not a select');
  const item = s.query.body.items[0]!;
  if (item.kind !== 'select_expr') throw new Error('wildcard');
  return item.expr;
};
const query = (text: string) => {
  const s = parseOne(text);
  if (s.kind !== 'query') throw new Error(s.kind);
  return sxQuery(s.query);
};
function parseError(text: string): LaminarError {
  try {
    parseScript(text);
  } catch (e) {
    if (e instanceof LaminarError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('expressions: precedence and forms', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['a - b - c', '(- (- a b) c)'],
    ['-2 * x', '(* -2 x)'],
    ['- x * y', '(* (- x) y)'],
    ['a || b || c', '(|| (|| a b) c)'],
    ['a + 1 || b', '(|| (+ a 1) b)'],
    ['a = 1 OR b = 2 AND NOT c', '(OR (= a 1) (AND (= b 2) (NOT c)))'],
    ['NOT a = b', '(NOT (= a b))'],
    ['a < b = true', '(= (< a b) true)'],
    ['x BETWEEN 1 AND 2 AND y', '(AND (between x 1 2) y)'],
    ['x NOT BETWEEN a + 1 AND b', '(notbetween x (+ a 1) b)'],
    ['x IN (1, 2, NULL)', '(in x 1 2 null)'],
    ['x NOT IN (1)', '(notin x 1)'],
    ["s LIKE 'a%' ESCAPE '!'", "(like s 'a%' '!')"],
    ["s NOT ILIKE '%b'", "(notilike s '%b')"],
    ['a IS NULL OR b IS NOT NULL', '(OR (isnull a) (notnull b))'],
    ['a IS DISTINCT FROM b', '(distinct a b)'],
    ['a IS NOT DISTINCT FROM b', '(notdistinct a b)'],
    ['a IS TRUE', '(notdistinct a true)'],
    ['a IS NOT FALSE', '(distinct a false)'],
    ['a % 3 // 2 / 1', '(/ (// (% a 3) 2) 1)'],
    ["CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END", "(case [(> a 1) 'x'] [(> a 0) 'y'] else 'z')"],
    ['CASE a WHEN 1 THEN 2 END', '(case a [1 2])'],
    ['CAST(x AS BIGINT)', '(cast x BIGINT)'],
    ['TRY_CAST(x AS DOUBLE PRECISION)', '(try_cast x DOUBLE)'],
    ['x::VARCHAR(10)', '(cast x VARCHAR)'],
    ['-x::INT', '(- (cast x INT))'],
    ["TIMESTAMP '2024-01-01 10:00:00'", "ts'2024-01-01 10:00:00'"],
    ["INTERVAL '5' SECOND", "iv'5':SECOND"],
    ["INTERVAL '1 hour 30 minutes'", "iv'1 hour 30 minutes'"],
    ['INTERVAL 3 DAYS', "iv'3':DAYS"],
    ["ts - INTERVAL '1' MINUTE", "(- ts iv'1':MINUTE)"],
    ['EXTRACT(HOUR FROM ts)', '(extract HOUR ts)'],
    ["EXTRACT('epoch' FROM ts)", '(extract EPOCH ts)'],
    ['count(*)', '(count *)'],
    ['count(DISTINCT x)', '(count distinct x)'],
    ['sum(x) FILTER (WHERE x > 0)', '(sum x filter (> x 0))'],
    ['SUBSTRING(s FROM 2 FOR 3)', '(substring s 2 3)'],
    ['SUBSTRING(s, 2)', '(substring s 2)'],
    ['SUBSTRING(s FOR 3)', '(substring s 1 3)'],
    ["TRIM(BOTH 'x' FROM s)", "(trim s 'x')"],
    ['TRIM(LEADING FROM s)', '(ltrim s)'],
    ["TRIM(TRAILING 'ab' FROM s)", "(rtrim s 'ab')"],
    ['t.price * 1.5e3', '(* t.price 1.5e3)'],
    ['"Mixed Case" + "select"', '(+ Mixed Case select)'],
    ['.5 + 1.', '(+ .5 1.)'],
    ["'it''s'", "'it's'"],
    ['timestamp + 1', '(+ timestamp 1)'],
    ['ROW_NUMBER() OVER (PARTITION BY k, j ORDER BY ts DESC)', '(over (row_number) partition k,j order ts desc)'],
    ['row_number() OVER (ORDER BY a + 1)', '(over (row_number) partition  order (+ a 1))'],
  ])('%s', (text, expected) => {
    expect(sx(expr(text))).toBe(expected);
  });
});

describe('queries', () => {
  it.each([
    ['SELECT * FROM t', '{select * from t}'],
    ['select a AS x, b y, t.* from t AS q', '{select a as x, b as y, t.* from t q}'],
    ['SELECT DISTINCT a FROM t WHERE a > 1 GROUP BY a, 2 HAVING count(*) > 3', '{select distinct a from t where (> a 1) group a,2 having (> (count *) 3)}'],
    ['SELECT a FROM t ORDER BY a DESC NULLS FIRST, b LIMIT 10 OFFSET 5', '{select a from t | order a desc nf,b | limit 10 | offset 5}'],
    ['SELECT a FROM t OFFSET 5 ROWS LIMIT ALL', '{select a from t | offset 5}'],
    ['WITH x AS (SELECT 1 AS a), y (b) AS (SELECT a FROM x) SELECT b FROM y', '{with x={select 1 as a},y={select a from x} | select b from y}'],
    ['SELECT a FROM t UNION ALL SELECT a FROM u UNION SELECT a FROM v', '{(union (union all select a from t select a from u) select a from v)}'],
    ['(SELECT a FROM t LIMIT 1) UNION ALL (SELECT b FROM u) ORDER BY 1', '{(union all {select a from t | limit 1} {select b from u}) | order 1}'],
    ['SELECT x FROM (SELECT a AS x FROM t) sub WHERE x IS NOT NULL', '{select x from {select a as x from t} sub where (notnull x)}'],
    ['SELECT 1 + 1', '{select (+ 1 1)}'],
  ])('%s', (text, expected) => {
    expect(query(text)).toBe(expected);
  });
});

describe('statements', () => {
  it('CREATE SOURCE with columns, watermark, connector and settings', () => {
    const s = parseOne(`CREATE SOURCE IF NOT EXISTS trades (
        symbol VARCHAR NOT NULL, price DOUBLE, ts TIMESTAMP(3) WITHOUT TIME ZONE,
        WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
      FROM GENERATOR (kind = 'trades', seed = 42, out_of_order = INTERVAL '2' SECOND, start = TIMESTAMP '2024-01-01')
      WITH (idle_timeout = '10 seconds')`);
    if (s.kind !== 'create_source') throw new Error(s.kind);
    expect(s.ifNotExists).toBe(true);
    expect(s.columns!.map((c) => [c.name.name, c.type.type, c.notNull])).toEqual([
      ['symbol', 'VARCHAR', true],
      ['price', 'DOUBLE', false],
      ['ts', 'TIMESTAMP', false],
    ]);
    expect(s.watermark!.column.name).toBe('ts');
    expect(sx(s.watermark!.expr)).toBe("(- ts iv'5':SECOND)");
    expect(s.connector!.connector).toBe('GENERATOR');
    expect(s.connector!.options.map((o) => [o.name.name, sx(o.value)])).toEqual([
      ['kind', "'trades'"],
      ['seed', '42'],
      ['out_of_order', "iv'2':SECOND"],
      ['start', "ts'2024-01-01'"],
    ]);
    expect(s.settings.map((o) => o.name.name)).toEqual(['idle_timeout']);
  });

  it('CREATE SOURCE forms: no columns, FROM FILE, push source, OR REPLACE', () => {
    const a = parseOne(`CREATE SOURCE g FROM GENERATOR (kind = 'sequence')`) as Extract<Statement, { kind: 'create_source' }>;
    expect([a.columns, a.connector?.connector]).toEqual([null, 'GENERATOR']);
    const b = parseOne(`CREATE OR REPLACE SOURCE f (a INT) FROM FILE (path = 'x/*.csv', format = 'csv')`) as Extract<Statement, { kind: 'create_source' }>;
    expect([b.orReplace, b.connector?.connector, b.connector?.options.length]).toEqual([true, 'FILE', 2]);
    const c = parseOne(`CREATE SOURCE p (a INT, b VARCHAR)`) as Extract<Statement, { kind: 'create_source' }>;
    expect(c.connector).toBeNull();
  });

  it('CREATE TABLE with inline and table primary keys', () => {
    const a = parseOne('CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NULL)') as Extract<Statement, { kind: 'create_table' }>;
    expect(a.primaryKey!.map((k) => k.name)).toEqual(['id']);
    expect(a.columns.map((c) => c.type.type)).toEqual(['BIGINT', 'VARCHAR']);
    const b = parseOne('CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b))') as Extract<Statement, { kind: 'create_table' }>;
    expect(b.primaryKey!.map((k) => k.name)).toEqual(['a', 'b']);
  });

  it('CREATE STREAM, MATERIALIZED VIEW and SINK', () => {
    const kinds = parseScript(`
      CREATE STREAM s AS SELECT a FROM t;
      CREATE MATERIALIZED VIEW v AS SELECT a, count(*) FROM t GROUP BY a;
      CREATE SINK k INTO FILE (path = 'out.csv', format = 'csv') AS SELECT * FROM v;
    `).map((s) => s.kind);
    expect(kinds).toEqual(['create_stream', 'create_materialized_view', 'create_sink']);
  });

  it('INSERT with VALUES, a column list, and a query', () => {
    const a = parseOne("INSERT INTO t (a, b) VALUES (1, 'x'), (-2, NULL)") as Extract<Statement, { kind: 'insert' }>;
    expect(a.columns!.map((c) => c.name)).toEqual(['a', 'b']);
    if (a.source.kind !== 'values') throw new Error('values');
    expect(a.source.rows.map((r) => r.map(sx))).toEqual([
      ['1', "'x'"],
      ['-2', 'null'],
    ]);
    const b = parseOne('INSERT INTO t SELECT * FROM u') as Extract<Statement, { kind: 'insert' }>;
    expect(b.source.kind).toBe('query_expr');
    const c = parseOne('INSERT INTO t (SELECT * FROM u)') as Extract<Statement, { kind: 'insert' }>;
    expect([c.columns, c.source.kind]).toEqual([null, 'query_expr']);
  });

  it('DROP, SHOW, DESCRIBE, EXPLAIN', () => {
    const stmts = parseScript(`
      DROP SOURCE IF EXISTS a CASCADE; DROP MATERIALIZED VIEW v; DROP TABLE t RESTRICT; DROP STREAM s; DROP SINK k;
      SHOW SOURCES; SHOW TABLES; SHOW STREAMS; SHOW MATERIALIZED VIEWS; SHOW VIEWS; SHOW SINKS; SHOW QUERIES;
      DESCRIBE t; DESC t; EXPLAIN SELECT 1; EXPLAIN CREATE MATERIALIZED VIEW v AS SELECT 1
    `);
    expect(stmts.map((s) => (s.kind === 'drop' ? `drop ${s.objectKind} ${s.ifExists} ${s.cascade}` : s.kind === 'show' ? `show ${s.what}` : s.kind === 'explain' ? `explain ${s.target.kind}` : s.kind))).toEqual([
      'drop SOURCE true true',
      'drop MATERIALIZED VIEW false false',
      'drop TABLE false false',
      'drop STREAM false false',
      'drop SINK false false',
      'show SOURCES',
      'show TABLES',
      'show STREAMS',
      'show MATERIALIZED VIEWS',
      'show MATERIALIZED VIEWS',
      'show SINKS',
      'show QUERIES',
      'describe',
      'describe',
      'explain query',
      'explain create_materialized_view',
    ]);
  });

  it('splits scripts on semicolons, ignoring comments and empty statements', () => {
    const src = `-- a comment; with a semicolon
      SELECT 1; ;; /* block; /* nested */ still comment */ SELECT 'a;b'
      -- trailing comment`;
    const stmts = parseScript(src);
    expect(stmts.map((s) => src.slice(s.span.start, s.span.end))).toEqual(['SELECT 1', "SELECT 'a;b'"]);
  });

  it('joins: every type, USING, comma joins, ASOF with MATCH_CONDITION and TOLERANCE, FOR SYSTEM_TIME AS OF', () => {
    const from = (sql: string) => sxQuery((parseOne(sql) as Extract<Statement, { kind: 'query' }>).query);
    expect(from('SELECT * FROM a JOIN b ON a.k = b.k')).toBe('{select * from (a inner join b on (= a.k b.k))}');
    expect(from('SELECT * FROM a INNER JOIN b USING (k, j) LEFT OUTER JOIN c ON c.x = a.x')).toBe(
      '{select * from ((a inner join b using k,j) left join c on (= c.x a.x))}',
    );
    expect(from('SELECT * FROM a x RIGHT JOIN b y ON true FULL JOIN c ON false')).toBe('{select * from ((a x right join b y on true) full join c on false)}');
    expect(from('SELECT * FROM a, b CROSS JOIN c')).toBe('{select * from ((a cross join b) cross join c)}');
    expect(from("SELECT * FROM t ASOF JOIN q MATCH_CONDITION (t.ts >= q.ts) TOLERANCE INTERVAL '5' SECOND ON t.s = q.s")).toBe(
      "{select * from (t inner asof join q match (>= t.ts q.ts) tol iv'5':SECOND on (= t.s q.s))}",
    );
    expect(from('SELECT * FROM t LEFT ASOF JOIN q MATCH_CONDITION (NEAREST(t.ts, q.ts)) ON t.s = q.s')).toBe(
      '{select * from (t left asof join q match (nearest t.ts q.ts) on (= t.s q.s))}',
    );
    expect(from('SELECT * FROM o JOIN r FOR SYSTEM_TIME AS OF o.ts AS rr ON o.c = rr.c')).toBe('{select * from (o inner join r rr asof o.ts on (= o.c rr.c))}');
    expect(from('SELECT * FROM o LEFT JOIN r AS x FOR SYSTEM_TIME AS OF PROCTIME() ON o.c = x.c')).toBe('{select * from (o left join r x asof (proctime) on (= o.c x.c))}');
    expect(from('SELECT * FROM (SELECT 1) s JOIN t ON true')).toBe('{select * from ({select 1} s inner join t on true)}');
  });

  it('keeps spans pointing at the source text', () => {
    const src = 'SELECT price * 2 AS doubled FROM t';
    const s = parseOne(src);
    if (s.kind !== 'query' || s.query.body.kind !== 'select') throw new Error('select');
    const item = s.query.body.items[0]!;
    if (item.kind !== 'select_expr') throw new Error('expr');
    expect(src.slice(item.expr.span.start, item.expr.span.end)).toBe('price * 2');
    expect(src.slice(item.span.start, item.span.end)).toBe('price * 2 AS doubled');
  });
});

describe('syntax errors have codes, positions and carets', () => {
  it.each([
    ['SELECT a,\n  FROM t', 'SYNTAX_ERROR', 2, 3],
    ['SELEC 1', 'SYNTAX_ERROR', 1, 1],
    ["SELECT 'abc", 'UNTERMINATED_LITERAL', 1, 8],
    ['SELECT "a', 'UNTERMINATED_LITERAL', 1, 8],
    ['SELECT 1 /* open', 'UNTERMINATED_LITERAL', 1, 10],
    ['SELECT 1 2', 'SYNTAX_ERROR', 1, 10],
    ['SELECT 1\nSELECT 2', 'SYNTAX_ERROR', 2, 1],
    ['SELECT 12abc', 'SYNTAX_ERROR', 1, 8],
    ['SELECT a FROM t WHERE', 'SYNTAX_ERROR', 1, 22],
    ['SELECT CAST(x AS DECIMAL(10, 2))', 'UNSUPPORTED_TYPE', 1, 18],
    ['SELECT CAST(x AS INTEGR)', 'UNSUPPORTED_TYPE', 1, 18],
    ['SELECT a FROM t JOIN u', 'SYNTAX_ERROR', 1, 23],
    ['SELECT a FROM t ASOF JOIN u ON a = b', 'SYNTAX_ERROR', 1, 29],
    ['SELECT a FROM t LEFT JOIN', 'SYNTAX_ERROR', 1, 26],
    ['SELECT a FROM t WHERE a IN (SELECT 1)', 'UNSUPPORTED', 1, 29],
    ['SELECT from FROM t', 'SYNTAX_ERROR', 1, 8],
    ['CREATE VIEW v AS SELECT 1', 'UNSUPPORTED', 1, 8],
    ['DROP INDEX i', 'SYNTAX_ERROR', 1, 6],
    ['SELECT a FROM t ORDER BY a NULLS', 'SYNTAX_ERROR', 1, 33],
    ['SELECT #', 'SYNTAX_ERROR', 1, 8],
    ['INSERT INTO t VALUES 1', 'SYNTAX_ERROR', 1, 22],
    ['CREATE SOURCE s (a INT, WATERMARK FOR a AS a, WATERMARK FOR a AS a)', 'SYNTAX_ERROR', 1, 47],
  ])('%j', (text, code, line, column) => {
    const e = parseError(text);
    expect(e.code).toBe(code);
    expect(e.position).toEqual({ line, column });
  });

  it('prints the statement with a caret and a hint', () => {
    expect(parseError('SELECT symbol, count(*)\nFROM trades\nGROUP BY symbol,').format()).toMatchInlineSnapshot(`
      "SYNTAX_ERROR: expected an expression, found the end of the input
        at line 3, column 17
        3 | GROUP BY symbol,
          |                 ^"
    `);
    expect(parseError('SELEC * FROM t').format()).toMatchInlineSnapshot(`
      "SYNTAX_ERROR: unknown statement 'SELEC'
        at line 1, column 1
        1 | SELEC * FROM t
          | ^^^^^
        hint: did you mean SELECT?"
    `);
    expect(parseError('SELECT a, FROM t').format()).toContain('hint: remove the comma before FROM');
    expect(parseError('SELECT select FROM t').hint).toBe('to use SELECT as a name, quote it: "select"');
  });

  it('counts columns in code points, so carets line up after non-ASCII text', () => {
    const e = parseError("SELECT '😀', FROM t");
    expect(e.position).toEqual({ line: 1, column: 13 });
    expect(e.format()).toContain("  1 | SELECT '😀', FROM t\n    |             ^^^^\n");
  });
});
