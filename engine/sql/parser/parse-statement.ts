import type {
  ColumnDef,
  ConnectorClause,
  Ident,
  ObjectKind,
  OptionAssign,
  ShowWhat,
  Statement,
  WatermarkDef,
} from '../ast.js';
import { closest, type Cursor } from './cursor.js';
import { parseExpr, parseList } from './parse-expression.js';
import { parseQuery } from './parse-query.js';
import { parseType } from './parse-type.js';

const STATEMENT_WORDS = ['SELECT', 'WITH', 'CREATE', 'INSERT', 'DROP', 'SHOW', 'DESCRIBE', 'EXPLAIN', 'CHECKPOINT'];

export function parseStatement(c: Cursor): Statement {
  const t = c.peek();
  const start = t.start;
  if (c.isOp('(') || c.isKeyword('SELECT') || c.isKeyword('WITH')) {
    const query = parseQuery(c);
    return { kind: 'query', query, span: c.spanFrom(start) };
  }
  if (t.kind !== 'ident') throw c.expected('a statement (SELECT, CREATE, INSERT, …)');
  switch (t.value) {
    case 'CREATE':
      return parseCreate(c);
    case 'INSERT':
      return parseInsert(c);
    case 'DROP':
      return parseDrop(c);
    case 'SHOW':
      return parseShow(c);
    case 'DESCRIBE':
    case 'DESC': {
      c.next();
      const name = c.ident('the name of a source, table, stream or view');
      return { kind: 'describe', name, span: c.spanFrom(start) };
    }
    case 'CHECKPOINT':
      c.next();
      return { kind: 'checkpoint', span: c.spanFrom(start) };
    case 'EXPLAIN': {
      c.next();
      const target = parseStatement(c);
      if (target.kind !== 'query' && target.kind !== 'create_stream' && target.kind !== 'create_materialized_view' && target.kind !== 'create_sink' && target.kind !== 'insert') {
        throw c.error('SYNTAX_ERROR', 'EXPLAIN works on a query, INSERT … SELECT, or CREATE STREAM / MATERIALIZED VIEW / SINK', target.span);
      }
      return { kind: 'explain', target, span: c.spanFrom(start) };
    }
  }
  const guess = closest(t.value, STATEMENT_WORDS);
  throw c.error('SYNTAX_ERROR', `unknown statement ${t.kind === 'ident' ? `'${t.text}'` : ''}`.trim(), t, guess ? `did you mean ${guess}?` : `statements start with ${STATEMENT_WORDS.join(', ')}`);
}

function parseCreate(c: Cursor): Statement {
  const start = c.next().start;
  const orReplace = c.acceptKeyword('OR', 'REPLACE');
  const kindToken = c.peek();
  let kind: 'SOURCE' | 'TABLE' | 'STREAM' | 'MATERIALIZED VIEW' | 'SINK';
  if (c.acceptKeyword('SOURCE')) kind = 'SOURCE';
  else if (c.acceptKeyword('TABLE')) kind = 'TABLE';
  else if (c.acceptKeyword('STREAM')) kind = 'STREAM';
  else if (c.acceptKeyword('MATERIALIZED', 'VIEW')) kind = 'MATERIALIZED VIEW';
  else if (c.acceptKeyword('SINK')) kind = 'SINK';
  else if (c.isKeyword('VIEW')) {
    throw c.error('UNSUPPORTED', 'CREATE VIEW is not supported', kindToken, 'use CREATE STREAM (computed as it is read) or CREATE MATERIALIZED VIEW (kept up to date)');
  } else throw c.expected('SOURCE, TABLE, STREAM, MATERIALIZED VIEW or SINK');
  const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
  if (orReplace && ifNotExists) throw c.error('SYNTAX_ERROR', 'use either OR REPLACE or IF NOT EXISTS, not both', c.spanFrom(start));
  const name = c.ident(`a name for the ${kind.toLowerCase()}`);
  switch (kind) {
    case 'SOURCE':
      return parseCreateSource(c, start, name, orReplace, ifNotExists);
    case 'TABLE':
      return parseCreateTable(c, start, name, orReplace, ifNotExists);
    case 'SINK': {
      c.expectKeyword('INTO');
      const target = parseConnector(c, ['FILE']);
      c.expectKeyword('AS');
      const query = parseQuery(c);
      return { kind: 'create_sink', orReplace, name, ifNotExists, target, query, span: c.spanFrom(start) };
    }
    case 'STREAM':
    case 'MATERIALIZED VIEW': {
      c.expectKeyword('AS');
      const query = parseQuery(c);
      const node = { orReplace, name, ifNotExists, query, span: c.spanFrom(start) };
      return kind === 'STREAM' ? { kind: 'create_stream', ...node } : { kind: 'create_materialized_view', ...node };
    }
  }
}

function parseCreateSource(c: Cursor, start: number, name: Ident, orReplace: boolean, ifNotExists: boolean): Statement {
  let columns: ColumnDef[] | null = null;
  let watermark: WatermarkDef | null = null;
  if (c.acceptOp('(')) {
    columns = [];
    do {
      if (c.isKeyword('WATERMARK')) {
        watermark = parseWatermark(c, watermark, 'source');
      } else {
        columns.push(parseColumnDef(c, false).def);
      }
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  let connector: ConnectorClause | null = null;
  let settings: OptionAssign[] = [];
  for (let k = 0; k < 2; k++) {
    if (connector === null && c.acceptKeyword('FROM')) connector = parseConnector(c, ['GENERATOR', 'FILE']);
    else if (settings.length === 0 && c.acceptKeyword('WITH')) settings = parseOptions(c);
  }
  return { kind: 'create_source', orReplace, name, ifNotExists, columns, watermark, connector, settings, span: c.spanFrom(start) };
}

/** WATERMARK FOR col AS expr, at most once per source or table. */
function parseWatermark(c: Cursor, existing: WatermarkDef | null, owner: string): WatermarkDef {
  const wStart = c.next().start;
  if (existing) throw c.error('SYNTAX_ERROR', `a ${owner} has at most one WATERMARK`, c.spanFrom(wStart));
  c.expectKeyword('FOR');
  const column = c.ident('the event-time column');
  c.expectKeyword('AS');
  const expr = parseExpr(c);
  return { column, expr, span: c.spanFrom(wStart) };
}

function parseCreateTable(c: Cursor, start: number, name: Ident, orReplace: boolean, ifNotExists: boolean): Statement {
  c.expectOp('(');
  const columns: ColumnDef[] = [];
  let primaryKey: Ident[] | null = null;
  let watermark: WatermarkDef | null = null;
  do {
    if (c.isKeyword('WATERMARK')) {
      watermark = parseWatermark(c, watermark, 'table');
    } else if (c.isKeyword('PRIMARY')) {
      const pk = c.peek();
      c.next();
      c.expectKeyword('KEY');
      if (primaryKey) throw c.error('SYNTAX_ERROR', 'a table has at most one PRIMARY KEY', pk);
      c.expectOp('(');
      primaryKey = parseList(c, () => c.ident('a column name'));
      c.expectOp(')');
    } else {
      const { def, primaryKey: inlinePk } = parseColumnDef(c, true);
      columns.push(def);
      if (inlinePk) {
        if (primaryKey) throw c.error('SYNTAX_ERROR', 'a table has at most one PRIMARY KEY', def.span);
        primaryKey = [def.name];
      }
    }
  } while (c.acceptOp(','));
  c.expectOp(')');
  return { kind: 'create_table', orReplace, name, ifNotExists, columns, primaryKey, watermark, span: c.spanFrom(start) };
}

function parseColumnDef(c: Cursor, allowPrimaryKey: boolean): { def: ColumnDef; primaryKey: boolean } {
  const start = c.peek().start;
  const name = c.ident('a column name');
  const type = parseType(c);
  let notNull = false;
  let primaryKey = false;
  for (;;) {
    if (c.acceptKeyword('NOT', 'NULL')) notNull = true;
    else if (c.acceptKeyword('NULL')) notNull = false;
    else if (allowPrimaryKey && c.acceptKeyword('PRIMARY', 'KEY')) primaryKey = true;
    else break;
  }
  return { def: { name, type, notNull, span: c.spanFrom(start) }, primaryKey };
}

function parseConnector(c: Cursor, allowed: readonly ('GENERATOR' | 'FILE')[]): ConnectorClause {
  const start = c.peek().start;
  const word = allowed.find((w) => c.isKeyword(w));
  if (word === undefined) throw c.expected(allowed.join(' or '));
  c.next();
  const options = parseOptions(c);
  return { connector: word, options, span: c.spanFrom(start) };
}

/** ( key = value, … ) */
function parseOptions(c: Cursor): OptionAssign[] {
  c.expectOp('(');
  if (c.acceptOp(')')) return [];
  const options = parseList(c, () => {
    const start = c.peek().start;
    const t = c.peek();
    // Option names may be keywords (e.g. `format`, `path`), so take any word.
    if (t.kind !== 'ident' && t.kind !== 'quoted_ident') throw c.expected('an option name');
    c.next();
    const name: Ident = { name: t.kind === 'ident' ? t.text.toLowerCase() : t.value, quoted: t.kind === 'quoted_ident', span: { start: t.start, end: t.end } };
    c.expectOp('=');
    const value = parseExpr(c);
    return { name, value, span: c.spanFrom(start) };
  });
  c.expectOp(')');
  return options;
}

function parseInsert(c: Cursor): Statement {
  const start = c.next().start;
  c.expectKeyword('INTO');
  const target = c.ident('the table or source to insert into');
  let columns: Ident[] | null = null;
  if (c.isOp('(') && !c.isKeyword('SELECT', 1) && !c.isKeyword('WITH', 1)) {
    c.next();
    columns = parseList(c, () => c.ident('a column name'));
    c.expectOp(')');
  }
  if (c.isKeyword('VALUES')) {
    const vStart = c.next().start;
    const rows = parseList(c, () => {
      c.expectOp('(');
      const row = parseList(c, () => parseExpr(c));
      c.expectOp(')');
      return row;
    });
    return { kind: 'insert', target, columns, source: { kind: 'values', rows, span: c.spanFrom(vStart) }, span: c.spanFrom(start) };
  }
  if (!c.isKeyword('SELECT') && !c.isKeyword('WITH') && !c.isOp('(')) throw c.expected('VALUES or SELECT');
  const query = parseQuery(c);
  return { kind: 'insert', target, columns, source: query, span: c.spanFrom(start) };
}

const DROP_KINDS: readonly [string[], ObjectKind][] = [
  [['SOURCE'], 'SOURCE'],
  [['TABLE'], 'TABLE'],
  [['STREAM'], 'STREAM'],
  [['MATERIALIZED', 'VIEW'], 'MATERIALIZED VIEW'],
  [['SINK'], 'SINK'],
];

function parseDrop(c: Cursor): Statement {
  const start = c.next().start;
  const kind = DROP_KINDS.find(([words]) => c.acceptKeyword(...words))?.[1];
  if (kind === undefined) throw c.expected('SOURCE, TABLE, STREAM, MATERIALIZED VIEW or SINK');
  const ifExists = c.acceptKeyword('IF', 'EXISTS');
  const name = c.ident(`the name of the ${kind.toLowerCase()}`);
  const cascade = c.acceptKeyword('CASCADE');
  if (!cascade) c.acceptKeyword('RESTRICT');
  return { kind: 'drop', objectKind: kind, name, ifExists, cascade, span: c.spanFrom(start) };
}

const SHOW_WHAT: readonly [string[], ShowWhat][] = [
  [['SOURCES'], 'SOURCES'],
  [['TABLES'], 'TABLES'],
  [['STREAMS'], 'STREAMS'],
  [['MATERIALIZED', 'VIEWS'], 'MATERIALIZED VIEWS'],
  [['VIEWS'], 'MATERIALIZED VIEWS'],
  [['SINKS'], 'SINKS'],
  [['QUERIES'], 'QUERIES'],
  [['WATERMARKS'], 'WATERMARKS'],
];

function parseShow(c: Cursor): Statement {
  const start = c.next().start;
  const what = SHOW_WHAT.find(([words]) => c.acceptKeyword(...words))?.[1];
  if (what === undefined) throw c.expected('SOURCES, TABLES, STREAMS, MATERIALIZED VIEWS, SINKS, QUERIES or WATERMARKS');
  return { kind: 'show', what, span: c.spanFrom(start) };
}
