import type { Expr, FromItem, Query, SetExpr } from '../../engine/sql/ast.js';

/** A compact S-expression of an expression tree, to assert structure and precedence. */
export function sx(e: Expr): string {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      if (v.type === 'number') return v.text;
      if (v.type === 'string') return `'${v.value}'`;
      if (v.type === 'boolean') return String(v.value);
      if (v.type === 'null') return 'null';
      if (v.type === 'timestamp') return `ts'${v.text}'`;
      return `iv'${v.text}'${v.unit ? ':' + v.unit : ''}`;
    }
    case 'column':
      return e.table ? `${e.table.name}.${e.name.name}` : e.name.name;
    case 'unary':
      return `(${e.op} ${sx(e.operand)})`;
    case 'binary':
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'is_null':
      return `(${e.negated ? 'notnull' : 'isnull'} ${sx(e.operand)})`;
    case 'is_distinct':
      return `(${e.negated ? 'notdistinct' : 'distinct'} ${sx(e.left)} ${sx(e.right)})`;
    case 'between':
      return `(${e.negated ? 'notbetween' : 'between'} ${sx(e.operand)} ${sx(e.low)} ${sx(e.high)})`;
    case 'in_list':
      return `(${e.negated ? 'notin' : 'in'} ${sx(e.operand)} ${e.list.map(sx).join(' ')})`;
    case 'like':
      return `(${e.negated ? 'not' : ''}${e.caseInsensitive ? 'ilike' : 'like'} ${sx(e.operand)} ${sx(e.pattern)}${e.escape ? ' ' + sx(e.escape) : ''})`;
    case 'case':
      return `(case${e.operand ? ' ' + sx(e.operand) : ''} ${e.whens.map((w) => `[${sx(w.when)} ${sx(w.then)}]`).join(' ')}${e.else ? ' else ' + sx(e.else) : ''})`;
    case 'cast':
      return `(${e.try ? 'try_cast' : 'cast'} ${sx(e.operand)} ${e.type.type})`;
    case 'call':
      return `(${e.name.name}${e.distinct ? ' distinct' : ''}${e.star ? ' *' : ''}${e.args.map((a) => ' ' + sx(a)).join('')}${e.filter ? ` filter ${sx(e.filter)}` : ''})`;
    case 'extract':
      return `(extract ${e.field} ${sx(e.operand)})`;
    case 'window_function':
      return `(over (${e.name.name}${e.args.map((a) => ' ' + sx(a)).join('')}) partition ${e.partitionBy.map(sx).join(',')} order ${e.orderBy.map((o) => sx(o.expr) + (o.descending ? ' desc' : '')).join(',')})`;
  }
}

export function sxQuery(q: Query): string {
  const parts: string[] = [];
  if (q.with.length) parts.push(`with ${q.with.map((c) => `${c.name.name}=${sxQuery(c.query)}`).join(',')}`);
  parts.push(sxSet(q.body));
  if (q.orderBy.length) parts.push(`order ${q.orderBy.map((o) => sx(o.expr) + (o.descending ? ' desc' : '') + (o.nullsFirst === null ? '' : o.nullsFirst ? ' nf' : ' nl')).join(',')}`);
  if (q.limit) parts.push(`limit ${sx(q.limit)}`);
  if (q.offset) parts.push(`offset ${sx(q.offset)}`);
  return `{${parts.join(' | ')}}`;
}

function sxSet(s: SetExpr): string {
  switch (s.kind) {
    case 'nested_query':
      return sxQuery(s.query);
    case 'set_operation':
      return `(union${s.all ? ' all' : ''} ${sxSet(s.left)} ${sxSet(s.right)})`;
    case 'select': {
      const items = s.items.map((i) => (i.kind === 'wildcard' ? (i.qualifier ? `${i.qualifier.name}.*` : '*') : sx(i.expr) + (i.alias ? ` as ${i.alias.name}` : '')));
      const from = s.from ? sxFrom(s.from) : '';
      return [
        `select${s.distinct ? ' distinct' : ''} ${items.join(', ')}`,
        from && `from ${from}`,
        s.where && `where ${sx(s.where)}`,
        s.groupBy.length ? `group ${s.groupBy.map(sx).join(',')}` : '',
        s.having && `having ${sx(s.having)}`,
      ]
        .filter(Boolean)
        .join(' ');
    }
  }
}

function sxFrom(f: FromItem): string {
  switch (f.kind) {
    case 'table_ref':
      return f.name.name + (f.alias ? ` ${f.alias.name}` : '') + (f.asOf ? ` asof ${sx(f.asOf)}` : '');
    case 'subquery_ref':
      return sxQuery(f.query) + (f.alias ? ` ${f.alias.name}` : '');
    case 'join': {
      const kind = `${f.type}${f.asof ? ' asof' : ''} join`;
      const match = f.matchCondition ? ` match ${sx(f.matchCondition)}${f.tolerance ? ` tol ${sx(f.tolerance)}` : ''}` : '';
      const on = f.on ? ` on ${sx(f.on)}` : f.using ? ` using ${f.using.map((u) => u.name).join(',')}` : '';
      return `(${sxFrom(f.left)} ${kind} ${sxFrom(f.right)}${match}${on})`;
    }
  }
}
