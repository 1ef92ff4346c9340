import type { BinaryOp, Call, Expr, Ident, LiteralValue, OrderItem, Span } from '../ast.js';
import type { Cursor } from './cursor.js';
import { parseType } from './parse-type.js';

/**
 * Expressions by precedence climbing. Binding powers follow PostgreSQL, loosest first:
 * OR, AND, NOT, IS, comparisons, BETWEEN / IN / LIKE, ||, + -, * / // %, unary sign, ::.
 */
const BP = { OR: 1, AND: 2, NOT: 3, IS: 4, COMPARE: 5, RANGE: 6, CONCAT: 7, ADD: 8, MUL: 9, SIGN: 10, CAST: 11 } as const;

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

export function parseExpr(c: Cursor, minBp = 0): Expr {
  let left = parsePrefix(c);
  for (;;) {
    const t = c.peek();
    const start = left.span.start;
    if (t.kind === 'op') {
      const op = t.value;
      const bp = COMPARISONS.has(op) ? BP.COMPARE : op === '||' ? BP.CONCAT : op === '+' || op === '-' ? BP.ADD
        : op === '*' || op === '/' || op === '//' || op === '%' ? BP.MUL : op === '::' ? BP.CAST : -1;
      if (bp < 0 || bp < minBp) return left;
      c.next();
      if (op === '::') {
        const type = parseType(c);
        left = { kind: 'cast', operand: left, type, try: false, span: c.spanFrom(start) };
        continue;
      }
      const right = parseExpr(c, bp + 1);
      left = binary(op as BinaryOp, left, right, t);
      continue;
    }
    if (t.kind !== 'ident') return left;
    const word = t.value;
    if (word === 'AND' || word === 'OR') {
      const bp = word === 'AND' ? BP.AND : BP.OR;
      if (bp < minBp) return left;
      c.next();
      left = binary(word, left, parseExpr(c, bp + 1), t);
      continue;
    }
    if (word === 'IS') {
      if (BP.IS < minBp) return left;
      c.next();
      const negated = c.acceptKeyword('NOT');
      if (c.acceptKeyword('NULL')) {
        left = { kind: 'is_null', operand: left, negated, span: c.spanFrom(start) };
      } else if (c.acceptKeyword('DISTINCT', 'FROM')) {
        const right = parseExpr(c, BP.IS + 1);
        left = { kind: 'is_distinct', left, right, negated, span: c.spanFrom(start) };
      } else if (c.isKeyword('TRUE') || c.isKeyword('FALSE')) {
        // x IS [NOT] TRUE ≡ x IS [NOT] NOT DISTINCT FROM TRUE: never null.
        const b = c.next();
        const right: Expr = { kind: 'literal', value: { type: 'boolean', value: b.value === 'TRUE' }, span: { start: b.start, end: b.end } };
        left = { kind: 'is_distinct', left, right, negated: !negated, span: c.spanFrom(start) };
      } else {
        throw c.expected('NULL, TRUE, FALSE or DISTINCT FROM after IS');
      }
      continue;
    }
    // [NOT] BETWEEN / IN / LIKE / ILIKE
    const negated = word === 'NOT' && ['BETWEEN', 'IN', 'LIKE', 'ILIKE'].some((w) => c.isKeyword(w, 1));
    const op = negated ? c.peek(1).value : word;
    if (op !== 'BETWEEN' && op !== 'IN' && op !== 'LIKE' && op !== 'ILIKE') return left;
    if (BP.RANGE < minBp) return left;
    if (negated) c.next();
    c.next();
    if (op === 'BETWEEN') {
      const low = parseExpr(c, BP.RANGE + 1);
      c.expectKeyword('AND');
      const high = parseExpr(c, BP.RANGE + 1);
      left = { kind: 'between', operand: left, low, high, negated, span: c.spanFrom(start) };
    } else if (op === 'IN') {
      c.expectOp('(');
      if (c.isKeyword('SELECT') || c.isKeyword('WITH')) {
        throw c.error('UNSUPPORTED', 'IN (subquery) is not supported', c.peek(), 'list the values: IN (1, 2, 3)');
      }
      const list = parseList(c, () => parseExpr(c));
      c.expectOp(')');
      left = { kind: 'in_list', operand: left, list, negated, span: c.spanFrom(start) };
    } else {
      const pattern = parseExpr(c, BP.RANGE + 1);
      const escape = c.acceptKeyword('ESCAPE') ? parseExpr(c, BP.RANGE + 1) : null;
      left = { kind: 'like', operand: left, pattern, escape, negated, caseInsensitive: op === 'ILIKE', span: c.spanFrom(start) };
    }
  }
}

function binary(op: BinaryOp, left: Expr, right: Expr, opToken: Span): Expr {
  return { kind: 'binary', op, left, right, opSpan: { start: opToken.start, end: opToken.end }, span: { start: left.span.start, end: right.span.end } };
}

export function parseList<T>(c: Cursor, item: () => T): T[] {
  const items = [item()];
  while (c.acceptOp(',')) items.push(item());
  return items;
}

function parsePrefix(c: Cursor): Expr {
  const t = c.peek();
  const start = t.start;
  const literal = (value: LiteralValue): Expr => ({ kind: 'literal', value, span: c.spanFrom(start) });
  switch (t.kind) {
    case 'number':
      c.next();
      return literal({ type: 'number', text: t.value });
    case 'string':
      c.next();
      return literal({ type: 'string', value: t.value });
    case 'quoted_ident':
      return parseNameOrCall(c);
    case 'eof':
      throw c.expected('an expression');
    case 'op': {
      if (t.value === '(') {
        c.next();
        if (c.isKeyword('SELECT') || c.isKeyword('WITH')) {
          throw c.error('UNSUPPORTED', 'subqueries inside expressions are not supported', c.peek(), 'use a subquery in FROM or a WITH clause');
        }
        const inner = parseExpr(c);
        c.expectOp(')');
        return inner;
      }
      if (t.value === '-' || t.value === '+') {
        c.next();
        const operand = parseExpr(c, BP.SIGN);
        if (operand.kind === 'literal' && operand.value.type === 'number' && t.value === '-' && operand.span.start === t.end) {
          return literal({ type: 'number', text: '-' + operand.value.text });
        }
        return { kind: 'unary', op: t.value, operand, span: c.spanFrom(start) };
      }
      throw c.expected('an expression');
    }
    case 'ident':
      break;
  }
  switch (t.value) {
    case 'NULL':
      c.next();
      return literal({ type: 'null' });
    case 'TRUE':
    case 'FALSE':
      c.next();
      return literal({ type: 'boolean', value: t.value === 'TRUE' });
    case 'NOT': {
      c.next();
      const operand = parseExpr(c, BP.NOT);
      return { kind: 'unary', op: 'NOT', operand, span: c.spanFrom(start) };
    }
    case 'CASE':
      return parseCase(c);
    case 'CAST':
    case 'TRY_CAST': {
      c.next();
      c.expectOp('(');
      const operand = parseExpr(c);
      c.expectKeyword('AS');
      const type = parseType(c);
      c.expectOp(')');
      return { kind: 'cast', operand, type, try: t.value === 'TRY_CAST', span: c.spanFrom(start) };
    }
    case 'EXTRACT': {
      if (!c.isOp('(', 1)) break;
      c.next();
      c.next();
      const f = c.peek();
      if (f.kind !== 'ident' && f.kind !== 'string') throw c.expected('a field such as YEAR, HOUR or EPOCH');
      c.next();
      c.expectKeyword('FROM');
      const operand = parseExpr(c);
      c.expectOp(')');
      return { kind: 'extract', field: f.value.toUpperCase(), fieldSpan: { start: f.start, end: f.end }, operand, span: c.spanFrom(start) };
    }
    case 'TIMESTAMP':
      if (c.peek(1).kind === 'string') {
        c.next();
        const s = c.next();
        return literal({ type: 'timestamp', text: s.value });
      }
      break;
    case 'INTERVAL':
      return parseInterval(c) ?? parseNameOrCall(c);
  }
  return parseNameOrCall(c);
}

/** INTERVAL '5' SECOND, INTERVAL '5 seconds', INTERVAL 5 MINUTES; null when INTERVAL is a name. */
function parseInterval(c: Cursor): Expr | null {
  const start = c.peek().start;
  const value = c.peek(1);
  if (value.kind !== 'string' && value.kind !== 'number') return null;
  c.next();
  c.next();
  let unit: string | null = null;
  const u = c.peek();
  if (u.kind === 'ident' && UNIT_WORDS.has(u.value)) {
    c.next();
    unit = u.value;
  } else if (value.kind === 'number') {
    throw c.expected('an interval unit such as SECOND, MINUTE or HOUR');
  }
  return { kind: 'literal', value: { type: 'interval', text: value.value, unit }, span: c.spanFrom(start) };
}

const UNIT_WORDS = new Set([
  'MICROSECOND', 'MICROSECONDS', 'MILLISECOND', 'MILLISECONDS', 'SECOND', 'SECONDS', 'MINUTE', 'MINUTES',
  'HOUR', 'HOURS', 'DAY', 'DAYS', 'WEEK', 'WEEKS', 'MONTH', 'MONTHS', 'YEAR', 'YEARS',
]);

function parseCase(c: Cursor): Expr {
  const start = c.next().start;
  const operand = c.isKeyword('WHEN') ? null : parseExpr(c);
  const whens: { when: Expr; then: Expr }[] = [];
  while (c.acceptKeyword('WHEN')) {
    const when = parseExpr(c);
    c.expectKeyword('THEN');
    whens.push({ when, then: parseExpr(c) });
  }
  if (whens.length === 0) throw c.expected('WHEN');
  const otherwise = c.acceptKeyword('ELSE') ? parseExpr(c) : null;
  c.expectKeyword('END');
  return { kind: 'case', operand, whens, else: otherwise, span: c.spanFrom(start) };
}

/** Reserved words that also name functions: left(s, n), right(s, n). */
const RESERVED_FUNCTIONS = new Set(['LEFT', 'RIGHT']);

/** A column (`price`, `t.price`) or a call (`lower(x)`, `count(*)`, `sum(x) FILTER (WHERE …)`). */
function parseNameOrCall(c: Cursor): Expr {
  const start = c.peek().start;
  const t = c.peek();
  if (t.kind === 'ident' && RESERVED_FUNCTIONS.has(t.value) && c.isOp('(', 1)) {
    c.next();
    return parseCall(c, { name: t.text.toLowerCase(), quoted: false, span: { start: t.start, end: t.end } });
  }
  const first = c.ident('an expression');
  if (c.isOp('(')) return parseCall(c, first);
  if (c.isOp('.') && !c.isOp('*', 1)) {
    c.next();
    const name = c.ident('a column name');
    return { kind: 'column', table: first, name, span: c.spanFrom(start) };
  }
  return { kind: 'column', table: null, name: first, span: c.spanFrom(start) };
}

function parseCall(c: Cursor, name: Ident): Expr {
  const start = name.span.start;
  c.expectOp('(');
  const fn = name.quoted ? '' : name.name.toUpperCase();
  let args: Expr[] = [];
  let star = false;
  let distinct = false;
  if (fn === 'SUBSTRING' || fn === 'SUBSTR') {
    args = parseSubstringArgs(c);
  } else if (fn === 'TRIM') {
    return finishTrim(c, name);
  } else if (c.acceptOp('*')) {
    star = true;
  } else if (!c.isOp(')')) {
    distinct = c.acceptKeyword('DISTINCT');
    if (!distinct) c.acceptKeyword('ALL');
    args = parseList(c, () => parseExpr(c));
  }
  c.expectOp(')');
  let filter: Expr | null = null;
  if (c.acceptKeyword('FILTER')) {
    c.expectOp('(');
    c.expectKeyword('WHERE');
    filter = parseExpr(c);
    c.expectOp(')');
  }
  if (c.acceptKeyword('OVER')) return parseOver(c, name, args, start);
  const call: Call = { kind: 'call', name, args, star, distinct, filter, span: c.spanFrom(start) };
  return call;
}

/** … OVER ([PARTITION BY e, …] [ORDER BY e [ASC|DESC] [NULLS FIRST|LAST], …]) */
function parseOver(c: Cursor, name: Ident, args: Expr[], start: number): Expr {
  c.expectOp('(');
  const partitionBy = c.acceptKeyword('PARTITION') ? (c.expectKeyword('BY'), parseList(c, () => parseExpr(c))) : [];
  const orderBy = c.acceptKeyword('ORDER') ? (c.expectKeyword('BY'), parseList(c, () => parseOrderItem(c))) : [];
  if (c.isKeyword('ROWS') || c.isKeyword('RANGE')) throw c.error('UNSUPPORTED', 'window frames (ROWS / RANGE) are not supported', c.peek());
  c.expectOp(')');
  return { kind: 'window_function', name, args, partitionBy, orderBy, span: c.spanFrom(start) };
}

/** An ORDER BY item: expression [ASC | DESC] [NULLS FIRST | LAST]. */
export function parseOrderItem(c: Cursor): OrderItem {
  const start = c.peek().start;
  const expr = parseExpr(c);
  let descending = false;
  if (c.acceptKeyword('DESC')) descending = true;
  else c.acceptKeyword('ASC');
  let nullsFirst: boolean | null = null;
  if (c.acceptKeyword('NULLS')) {
    if (c.acceptKeyword('FIRST')) nullsFirst = true;
    else if (c.acceptKeyword('LAST')) nullsFirst = false;
    else throw c.expected('FIRST or LAST');
  }
  return { expr, descending, nullsFirst, span: c.spanFrom(start) };
}

/** SUBSTRING(s, from [, for]) or SUBSTRING(s FROM from [FOR for]). */
function parseSubstringArgs(c: Cursor): Expr[] {
  const s = parseExpr(c);
  if (c.acceptKeyword('FROM')) {
    const from = parseExpr(c);
    return c.acceptKeyword('FOR') ? [s, from, parseExpr(c)] : [s, from];
  }
  if (c.acceptKeyword('FOR')) {
    const len = parseExpr(c);
    const one: Expr = { kind: 'literal', value: { type: 'number', text: '1' }, span: len.span };
    return [s, one, len];
  }
  const rest = c.acceptOp(',') ? parseList(c, () => parseExpr(c)) : [];
  return [s, ...rest];
}

/** TRIM(s), TRIM(s, chars), TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) → trim / ltrim / rtrim. */
function finishTrim(c: Cursor, name: Ident): Expr {
  const start = name.span.start;
  let fn = 'trim';
  if (c.acceptKeyword('LEADING')) fn = 'ltrim';
  else if (c.acceptKeyword('TRAILING')) fn = 'rtrim';
  else c.acceptKeyword('BOTH');
  let args: Expr[];
  if (c.acceptKeyword('FROM')) {
    args = [parseExpr(c)];
  } else {
    const first = parseExpr(c);
    if (c.acceptKeyword('FROM')) args = [parseExpr(c), first];
    else args = c.acceptOp(',') ? [first, parseExpr(c)] : [first];
  }
  c.expectOp(')');
  const callee: Ident = { name: fn, quoted: false, span: name.span };
  return { kind: 'call', name: callee, args, star: false, distinct: false, filter: null, span: c.spanFrom(start) };
}
