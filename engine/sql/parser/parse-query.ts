import type { Cte, EmitClause, FromItem, JoinType, OrderItem, Query, Select, SelectItem, SetExpr } from '../ast.js';
import type { Cursor } from './cursor.js';
import { parseExpr, parseList, parseOrderItem } from './parse-expression.js';

/** [WITH …] body [ORDER BY …] [LIMIT n] [OFFSET n] */
export function parseQuery(c: Cursor): Query {
  const start = c.peek().start;
  const ctes: Cte[] = [];
  if (c.acceptKeyword('WITH')) {
    if (c.isKeyword('RECURSIVE')) throw c.error('UNSUPPORTED', 'recursive queries are not supported', c.peek());
    ctes.push(...parseList(c, () => parseCte(c)));
  }
  const body = parseSetExpr(c);
  let orderBy: OrderItem[] = [];
  if (c.acceptKeyword('ORDER')) {
    c.expectKeyword('BY');
    orderBy = parseList(c, () => parseOrderItem(c));
  }
  let limit = null;
  let offset = null;
  for (let k = 0; k < 2; k++) {
    if (limit === null && c.acceptKeyword('LIMIT')) {
      if (c.acceptKeyword('ALL')) continue;
      limit = parseExpr(c);
    } else if (offset === null && c.acceptKeyword('OFFSET')) {
      offset = parseExpr(c);
      if (!c.acceptKeyword('ROWS')) c.acceptKeyword('ROW');
    }
  }
  return { kind: 'query_expr', with: ctes, body, orderBy, limit, offset, span: c.spanFrom(start) };
}

function parseCte(c: Cursor): Cte {
  const start = c.peek().start;
  const name = c.ident('a name for the WITH query');
  let columns = null;
  if (c.acceptOp('(')) {
    columns = parseList(c, () => c.ident('a column name'));
    c.expectOp(')');
  }
  c.expectKeyword('AS');
  c.expectOp('(');
  const query = parseQuery(c);
  c.expectOp(')');
  return { name, columns, query, span: c.spanFrom(start) };
}

function parseSetExpr(c: Cursor): SetExpr {
  let left = parseSetOperand(c);
  for (;;) {
    if (c.isKeyword('INTERSECT') || c.isKeyword('EXCEPT')) {
      throw c.error('UNSUPPORTED', `${c.peek().value} is not supported`, c.peek(), 'UNION and UNION ALL are');
    }
    if (!c.acceptKeyword('UNION')) return left;
    const all = c.acceptKeyword('ALL');
    if (!all) c.acceptKeyword('DISTINCT');
    const right = parseSetOperand(c);
    left = { kind: 'set_operation', op: 'UNION', all, left, right, span: { start: left.span.start, end: right.span.end } };
  }
}

function parseSetOperand(c: Cursor): SetExpr {
  if (c.isOp('(')) {
    const start = c.next().start;
    const query = parseQuery(c);
    c.expectOp(')');
    return { kind: 'nested_query', query, span: c.spanFrom(start) };
  }
  if (!c.isKeyword('SELECT')) throw c.expected('SELECT');
  return parseSelect(c);
}

function parseSelect(c: Cursor): Select {
  const start = c.expectKeyword('SELECT').start;
  const distinct = c.acceptKeyword('DISTINCT');
  if (!distinct) c.acceptKeyword('ALL');
  if (distinct && c.isKeyword('ON')) throw c.error('UNSUPPORTED', 'DISTINCT ON is not supported', c.peek());
  const items = parseList(c, () => parseSelectItem(c));
  const from = c.acceptKeyword('FROM') ? parseFromItem(c) : null;
  const where = c.acceptKeyword('WHERE') ? parseExpr(c) : null;
  let groupBy: ReturnType<typeof parseExpr>[] = [];
  if (c.acceptKeyword('GROUP')) {
    c.expectKeyword('BY');
    groupBy = parseList(c, () => parseExpr(c));
  }
  const having = c.acceptKeyword('HAVING') ? parseExpr(c) : null;
  let emit: EmitClause | null = null;
  let lateness = null;
  let lateDataTo = null;
  // EMIT, ALLOW LATENESS and LATE DATA TO, in any order, each at most once.
  for (;;) {
    if (!emit && c.isKeyword('EMIT')) emit = parseEmit(c);
    else if (!lateness && c.acceptKeyword('ALLOW', 'LATENESS')) lateness = parseExpr(c);
    else if (!lateDataTo && c.acceptKeyword('LATE', 'DATA', 'TO')) lateDataTo = c.ident('the stream late rows go to');
    else break;
  }
  return { kind: 'select', distinct, items, from, where, groupBy, having, emit, lateness, lateDataTo, span: c.spanFrom(start) };
}

/** EMIT CHANGES | EMIT ON UPDATE | EMIT ON WINDOW CLOSE | EMIT FINAL | EMIT EVERY INTERVAL … */
function parseEmit(c: Cursor): EmitClause {
  const start = c.expectKeyword('EMIT').start;
  if (c.acceptKeyword('CHANGES') || c.acceptKeyword('ON', 'UPDATE')) return { kind: 'changes', span: c.spanFrom(start) };
  if (c.acceptKeyword('ON', 'WINDOW', 'CLOSE')) return { kind: 'close', span: c.spanFrom(start) };
  if (c.acceptKeyword('FINAL')) return { kind: 'final', span: c.spanFrom(start) };
  if (c.acceptKeyword('EVERY')) {
    const interval = parseExpr(c);
    return { kind: 'every', interval, span: c.spanFrom(start) };
  }
  throw c.expected('CHANGES, ON UPDATE, ON WINDOW CLOSE, FINAL or EVERY INTERVAL …');
}

function parseSelectItem(c: Cursor): SelectItem {
  const start = c.peek().start;
  if (c.acceptOp('*')) return { kind: 'wildcard', qualifier: null, span: c.spanFrom(start) };
  if (c.atIdent() && c.isOp('.', 1) && c.isOp('*', 2)) {
    const qualifier = c.ident();
    c.next();
    c.next();
    return { kind: 'wildcard', qualifier, span: c.spanFrom(start) };
  }
  const expr = parseExpr(c);
  let alias = null;
  if (c.acceptKeyword('AS')) alias = c.ident('a column alias');
  else if (c.atIdent()) alias = c.ident();
  return { kind: 'select_expr', expr, alias, span: c.spanFrom(start) };
}

/** A FROM clause: one input, or inputs joined left to right. */
function parseFromItem(c: Cursor): FromItem {
  const start = c.peek().start;
  let item = parseFromPrimary(c);
  for (;;) {
    const kwStart = c.peek().start;
    const join = parseJoinKeywords(c);
    if (!join) return item;
    const keywordSpan = c.spanFrom(kwStart);
    const right = parseFromPrimary(c);
    let matchCondition = null;
    let tolerance = null;
    if (join.asof) {
      c.expectKeyword('MATCH_CONDITION');
      c.expectOp('(');
      matchCondition = parseExpr(c);
      c.expectOp(')');
      if (c.acceptKeyword('TOLERANCE')) tolerance = parseExpr(c);
    }
    let on = null;
    let using = null;
    if (join.type !== 'cross') {
      if (c.acceptKeyword('ON')) on = parseExpr(c);
      else if (c.acceptKeyword('USING')) {
        c.expectOp('(');
        using = [c.ident('a column name')];
        while (c.acceptOp(',')) using.push(c.ident('a column name'));
        c.expectOp(')');
      } else throw c.expected('ON or USING after the joined input');
    }
    item = { kind: 'join', type: join.type, asof: join.asof, left: item, right, on, using, matchCondition, tolerance, keywordSpan, span: c.spanFrom(start) };
  }
}

/** The words that join the next input, or null when the FROM clause continues otherwise. */
function parseJoinKeywords(c: Cursor): { type: JoinType; asof: boolean } | null {
  if (c.acceptOp(',')) return { type: 'cross', asof: false };
  if (c.acceptKeyword('CROSS', 'JOIN')) return { type: 'cross', asof: false };
  if (c.acceptKeyword('ASOF', 'JOIN')) return { type: 'inner', asof: true };
  if (c.acceptKeyword('INNER', 'JOIN') || c.acceptKeyword('JOIN')) return { type: 'inner', asof: false };
  for (const type of ['left', 'right', 'full'] as const) {
    if (!c.acceptKeyword(type.toUpperCase())) continue;
    if (type === 'left' && c.acceptKeyword('ASOF', 'JOIN')) return { type, asof: true };
    c.acceptKeyword('OUTER');
    c.expectKeyword('JOIN');
    return { type, asof: false };
  }
  return null;
}

function parseFromPrimary(c: Cursor): FromItem {
  const start = c.peek().start;
  if (c.acceptOp('(')) {
    if (!c.isKeyword('SELECT') && !c.isKeyword('WITH') && !c.isOp('(')) throw c.expected('a subquery (SELECT …)');
    const query = parseQuery(c);
    c.expectOp(')');
    const alias = parseAlias(c);
    return { kind: 'subquery_ref', query, alias, span: c.spanFrom(start) };
  }
  const name = c.ident('a source, table, stream or view');
  let alias = parseAlias(c);
  let asOf = null;
  if (c.acceptKeyword('FOR', 'SYSTEM_TIME', 'AS', 'OF')) {
    asOf = parseExpr(c);
    alias ??= parseAlias(c);
  }
  return { kind: 'table_ref', name, alias, asOf, span: c.spanFrom(start) };
}

/** Words that start a join clause, so they are not taken for an alias. */
const JOIN_WORDS = ['CROSS', 'ASOF', 'MATCH_CONDITION', 'TOLERANCE'];

function parseAlias(c: Cursor) {
  if (c.acceptKeyword('AS')) return c.ident('an alias');
  return c.atIdent() && !JOIN_WORDS.some((w) => c.isKeyword(w)) ? c.ident() : null;
}

