import type { Schema } from '../exec/batch/batch.js';
import type { Scalar } from '../exec/batch/column.js';
import { doubleToText } from '../types/cast-value.js';
import type { SqlType } from '../types/sql-type.js';
import { formatInterval, formatTimestamp } from '../types/time.js';
import type { BoundExpr } from './bound-expr.js';
import { joinColumnNames } from './join-analysis.js';
import { physicalChildren, type PhysicalPlan } from './physical.js';

/**
 * EXPLAIN: the operator graph as an indented tree, one operator per line, with what each
 * reads, computes and emits:
 *
 *   HashAggregate keys=[symbol] aggregates=[count(*)] emits=updates
 *   └─ SourceScan trades columns=[symbol] filter=(price > 10.0) bounded
 */
export function explain(plan: PhysicalPlan): string {
  const lines: string[] = [];
  const walk = (p: PhysicalPlan, prefix: string, childPrefix: string) => {
    lines.push(prefix + describeNode(p));
    const kids = physicalChildren(p);
    kids.forEach((k, i) => {
      const last = i === kids.length - 1;
      walk(k, childPrefix + (last ? '└─ ' : '├─ '), childPrefix + (last ? '   ' : '│  '));
    });
  };
  walk(plan, '', '');
  return lines.join('\n');
}

/** The operator's name as EXPLAIN prints it: HashAggregate, HashJoin, … */
export function operatorName(p: PhysicalPlan): string {
  return describeNode(p).split(' ')[0]!;
}

function describeNode(p: PhysicalPlan): string {
  const parts: string[] = [];
  const emits = p.appendOnly ? 'inserts' : 'updates';
  switch (p.op) {
    case 'source_scan': {
      const s = p.source;
      parts.push(`SourceScan ${s.name}`);
      parts.push(s.connector ? `(${s.connector.describe()})` : '(push source)');
      const read = p.columns.map((c) => s.schema[c]!.name);
      parts.push(`columns=[${read.join(', ')}]`);
      if (s.watermark) parts.push(`watermark=(${s.schema[s.watermark.column]!.name} - ${formatInterval(s.watermark.delay)})`);
      const readSchema = p.columns.map((c) => s.schema[c]!);
      if (p.filter) parts.push(`filter=${exprToString(p.filter, readSchema)}`);
      if (p.projections) parts.push(`project=[${p.projections.map((e, i) => named(e, readSchema, p.schema[i]!.name)).join(', ')}]`);
      break;
    }
    case 'table_scan':
      parts.push(`TableScan ${p.table.name}`, p.table.primaryKey ? `primary key (${p.table.primaryKey.map((k) => p.table.schema[k]!.name).join(', ')})` : 'no primary key');
      break;
    case 'view_scan':
      parts.push(`ViewScan ${p.view.name}`, 'current rows, then changes');
      break;
    case 'values':
      parts.push(`Values rows=${p.rows.length}`);
      break;
    case 'calc':
      parts.push('Calc');
      if (p.filter) parts.push(`filter=${exprToString(p.filter, p.input.schema)}`);
      parts.push(`project=[${p.projections.map((e, i) => named(e, p.input.schema, p.schema[i]!.name)).join(', ')}]`);
      break;
    case 'hash_aggregate': {
      const keys = p.input.schema.slice(0, p.keyCount).map((f) => f.name);
      parts.push('HashAggregate', `keys=[${keys.join(', ')}]`, `aggregates=[${p.aggregates.map((a) => a.display).join(', ')}]`);
      parts.push(p.input.appendOnly ? 'input=inserts' : 'input=updates (retractable state)');
      break;
    }
    case 'window_aggregate': {
      const w = p.window;
      const time = p.input.schema[p.time]!.name;
      const t = time.startsWith('__') ? 'time' : time;
      const win =
        w.kind === 'tumble' ? `TUMBLE(${t}, ${formatInterval(w.size)}${w.offset ? `, ${formatInterval(w.offset)}` : ''})`
        : w.kind === 'hop' ? `HOP(${t}, ${formatInterval(w.slide)}, ${formatInterval(w.size)}${w.offset ? `, ${formatInterval(w.offset)}` : ''})`
        : `SESSION(${t}, ${formatInterval(w.gap)})`;
      parts.push('WindowAggregate', win, `keys=[${p.keys.map((k) => p.input.schema[k]!.name).join(', ')}]`, `aggregates=[${p.aggregates.map((a) => a.display).join(', ')}]`);
      const emit = p.emit.kind === 'every' ? `every ${formatInterval(p.emit.interval)}` : p.emit.kind === 'close' ? 'on window close' : p.emit.kind;
      parts.push(`emit=${emit}`);
      if (p.lateness) parts.push(`allow lateness=${formatInterval(p.lateness)}`);
      if (p.late) parts.push(`late data to ${p.late.target}`);
      parts.push(p.watermarked ? 'closes windows by watermark' : 'no watermark: windows close when the input ends');
      break;
    }
    case 'union':
      parts.push(`UnionAll inputs=${p.inputs.length}`);
      break;
    case 'join':
      parts.push(...describeJoin(p));
      break;
    case 'top_n': {
      const name = (c: number) => p.input.schema[c]!.name;
      parts.push(p.limit === 1 && !p.rank ? 'Deduplicate' : 'TopN', `partition=[${p.partition.map(name).join(', ')}]`);
      parts.push(`order=[${p.order.map((k) => `${name(k.column)}${k.descending ? ' DESC' : ''}`).join(', ')}]`);
      parts.push(`limit=${p.limit ?? 'none'}`, p.rank ? 'with row number' : 'rows only');
      parts.push(p.input.appendOnly && p.limit !== null ? 'state: top rows per partition' : 'state: every row per partition (input retracts)');
      break;
    }
    case 'sort': {
      parts.push('Sort');
      if (p.keys.length) parts.push(`keys=[${p.keys.map((k) => `${p.schema[k.column]!.name}${k.descending ? ' DESC' : ''}${k.nullsFirst ? ' NULLS FIRST' : ''}`).join(', ')}]`);
      if (p.limit !== null) parts.push(`limit=${p.limit}`);
      if (p.offset) parts.push(`offset=${p.offset}`);
      parts.push('after input ends');
      break;
    }
    case 'limit':
      parts.push('Limit', `limit=${p.limit ?? 'all'}`, ...(p.offset ? [`offset=${p.offset}`] : []), 'stops its inputs when reached');
      break;
  }
  parts.push(`emits=${emits}`, p.bounded ? 'bounded' : 'unbounded');
  return parts.join(' ');
}

const JOIN_NAMES = { regular: 'HashJoin', interval: 'IntervalJoin', asof: 'AsofJoin', temporal: 'TemporalJoin', lookup: 'LookupJoin' } as const;

function describeJoin(p: Extract<PhysicalPlan, { op: 'join' }>): string[] {
  const names = joinColumnNames(p.left.schema, p.right.schema);
  const rename = (schema: Schema, to: readonly string[]): Schema => schema.map((f, i) => ({ ...f, name: to[i]! }));
  const left = rename(p.left.schema, names.left);
  const right = rename(p.right.schema, names.right);
  const parts: string[] = [JOIN_NAMES[p.strategy], p.type];
  const keys = p.leftKeys.map((k, i) => `${exprToString(k, left)} = ${exprToString(p.rightKeys[i]!, right)}`);
  parts.push(keys.length > 0 ? `keys=[${keys.join(', ')}]` : 'no keys (every pair)');
  if (p.asof) {
    const l = names.left[p.asof.left]!;
    const r = names.right[p.asof.right]!;
    parts.push(`match=${p.asof.op === 'nearest' ? `NEAREST(${l}, ${r})` : `${l} ${p.asof.op} ${r}`}`);
    if (p.asof.tolerance !== null) parts.push(`tolerance=${formatInterval(p.asof.tolerance)}`);
  }
  if (p.residual) parts.push(`condition=${exprToString(p.residual, [...left, ...right])}`);
  parts.push(`(${p.reason})`);
  return parts;
}

/** An output expression with its name, unless the name is internal (`__arg_0`) or the same. */
function named(e: BoundExpr, schema: Schema, name: string): string {
  const text = exprToString(e, schema);
  return text === name || name.startsWith('__') ? text : `${text} AS ${name}`;
}

/** An expression in SQL-like text, columns by name. */
export function exprToString(e: BoundExpr, schema: Schema): string {
  const s = (x: BoundExpr) => exprToString(x, schema);
  switch (e.kind) {
    case 'column':
      return schema[e.index]?.name ?? `#${e.index}`;
    case 'literal':
      return literalText(e.value, e.type);
    case 'call':
      if (e.fn.display === 'infix') return `(${s(e.args[0]!)} ${e.fn.name} ${s(e.args[1]!)})`;
      if (e.fn.display === 'prefix') return `${e.fn.name}${s(e.args[0]!)}`;
      return `${e.fn.name}(${e.args.map(s).join(', ')})`;
    case 'and':
    case 'or':
      return `(${e.args.map(s).join(` ${e.kind.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${s(e.arg)}`;
    case 'is_null':
      return `${s(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'is_distinct':
      return `${s(e.left)} IS ${e.negated ? 'NOT ' : ''}DISTINCT FROM ${s(e.right)}`;
    case 'case':
      return `CASE ${e.whens.map((w) => `WHEN ${s(w.when)} THEN ${s(w.then)}`).join(' ')}${e.else ? ` ELSE ${s(e.else)}` : ''} END`;
    case 'cast':
      return `${e.try ? 'TRY_CAST' : 'CAST'}(${s(e.arg)} AS ${e.type})`;
    case 'in_list':
      return `${s(e.arg)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(s).join(', ')})`;
    case 'like':
      return `${s(e.arg)} ${e.negated ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'} ${s(e.pattern)}`;
    case 'coalesce':
      return `coalesce(${e.args.map(s).join(', ')})`;
  }
}

function literalText(v: Scalar, type: SqlType): string {
  if (v === null) return 'NULL';
  switch (type) {
    case 'VARCHAR':
      return `'${String(v).replace(/'/g, "''")}'`;
    case 'TIMESTAMP':
      return `TIMESTAMP '${formatTimestamp(v as number)}'`;
    case 'INTERVAL':
      return `INTERVAL '${formatInterval(v as number)}'`;
    case 'DOUBLE':
      return doubleToText(v as number);
    default:
      return String(v);
  }
}
