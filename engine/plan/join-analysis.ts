import type { Schema } from '../exec/batch/batch.js';
import { mapColumns, referencedColumns, type BoundExpr } from './bound-expr.js';

/** A join condition taken apart: equality keys, and what is left to test on each pair. */
export interface JoinCondition {
  /** Key expressions over the left input's columns… */
  readonly leftKeys: readonly BoundExpr[];
  /** …equal to these over the right input's columns (same types). */
  readonly rightKeys: readonly BoundExpr[];
  /** The other conjuncts, over the left then right columns; null when none. */
  readonly residual: BoundExpr | null;
}

/** Splits a join condition (over left columns, then right columns) into keys and the rest. */
export function splitJoinCondition(condition: BoundExpr | null, leftWidth: number): JoinCondition {
  const leftKeys: BoundExpr[] = [];
  const rightKeys: BoundExpr[] = [];
  const rest: BoundExpr[] = [];
  for (const c of condition ? conjuncts(condition) : []) {
    const pair = equalityPair(c, leftWidth);
    if (pair) {
      leftKeys.push(pair[0]);
      rightKeys.push(mapColumns(pair[1], (col) => ({ ...col, index: col.index - leftWidth })));
    } else rest.push(c);
  }
  const residual = rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { kind: 'and' as const, args: rest, type: 'BOOLEAN' as const, nullable: rest.some((r) => r.nullable) };
  return { leftKeys, rightKeys, residual };
}

/** `l = r` with l over left columns only and r over right columns only (either way round). */
function equalityPair(e: BoundExpr, leftWidth: number): [BoundExpr, BoundExpr] | null {
  if (e.kind !== 'call' || e.fn.name !== '=' || e.args.length !== 2) return null;
  const [a, b] = e.args as [BoundExpr, BoundExpr];
  const sideOf = (x: BoundExpr) => {
    const refs = [...referencedColumns(x)];
    if (refs.length === 0) return null;
    return refs.every((c) => c < leftWidth) ? 'left' : refs.every((c) => c >= leftWidth) ? 'right' : null;
  };
  const sa = sideOf(a);
  const sb = sideOf(b);
  if (sa === 'left' && sb === 'right') return [a, b];
  if (sa === 'right' && sb === 'left') return [b, a];
  return null;
}

/**
 * Bounds on (right time − left time) in µs that the condition implies, from conjuncts comparing
 * the two columns, each plus or minus constant intervals: `r.ts BETWEEN l.ts - INTERVAL '1'
 * MINUTE AND l.ts + INTERVAL '5' MINUTE` gives [-60 s, +300 s]. Infinite where nothing bounds.
 * `rest` is the condition's other conjuncts (those the bounds do not say).
 */
export function timeBounds(condition: BoundExpr | null, leftTime: number, rightTime: number): { lower: number; upper: number; rest: BoundExpr[] } {
  let lower = -Infinity;
  let upper = Infinity;
  const rest: BoundExpr[] = [];
  for (const c of condition ? conjuncts(condition) : []) {
    const bound = c.kind === 'call' && c.args.length === 2 && c.fn.name in OPS ? differenceBound(c.fn.name as keyof typeof OPS, c.args[0]!, c.args[1]!, leftTime, rightTime) : null;
    if (bound === null) {
      rest.push(c);
      continue;
    }
    const [op, k] = bound;
    // Times are whole microseconds: a strict bound is the next one in.
    if (op === '>=' || op === '=') lower = Math.max(lower, k);
    if (op === '>') lower = Math.max(lower, k + 1);
    if (op === '<=' || op === '=') upper = Math.min(upper, k);
    if (op === '<') upper = Math.min(upper, k - 1);
  }
  return { lower, upper, rest };
}

/** `a op b` over the two time columns, rewritten as (right − left) op' k; null when it is not one. */
function differenceBound(op: keyof typeof OPS, x: BoundExpr, y: BoundExpr, leftTime: number, rightTime: number): [keyof typeof OPS, number] | null {
  const a = timeTerm(x);
  const b = timeTerm(y);
  if (!a || !b) return null;
  // a.col + a.off  op  b.col + b.off
  if (a.column === rightTime && b.column === leftTime) return [op, b.offset - a.offset];
  if (a.column === leftTime && b.column === rightTime) return [OPS[op], a.offset - b.offset];
  return null;
}

/** Comparison operators and their mirror images (a op b ⇔ b mirror a). */
const OPS = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/** A TIMESTAMP column plus or minus constant intervals. */
function timeTerm(e: BoundExpr): { column: number; offset: number } | null {
  if (e.kind === 'column') return e.type === 'TIMESTAMP' ? { column: e.index, offset: 0 } : null;
  if (e.kind !== 'call' || (e.fn.name !== '+' && e.fn.name !== '-') || e.args.length !== 2) return null;
  const [x, y] = e.args as [BoundExpr, BoundExpr];
  const constant = (v: BoundExpr) => (v.kind === 'literal' && v.type === 'INTERVAL' && typeof v.value === 'number' ? v.value : null);
  const inner = timeTerm(x);
  const k = constant(y);
  if (inner && k !== null) return { column: inner.column, offset: inner.offset + (e.fn.name === '+' ? k : -k) };
  if (e.fn.name === '+') {
    const inner2 = timeTerm(y);
    const k2 = constant(x);
    if (inner2 && k2 !== null) return { column: inner2.column, offset: inner2.offset + k2 };
  }
  return null;
}

function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? e.args.flatMap(conjuncts) : [e];
}

/** Column names of a join's inputs for messages: a name both have is shown as left.x and right.x. */
export function joinColumnNames(left: Schema, right: Schema): { left: string[]; right: string[] } {
  const l = new Set(left.map((f) => f.name.toLowerCase()));
  const r = new Set(right.map((f) => f.name.toLowerCase()));
  return {
    left: left.map((f) => (r.has(f.name.toLowerCase()) ? `left.${f.name}` : f.name)),
    right: right.map((f) => (l.has(f.name.toLowerCase()) ? `right.${f.name}` : f.name)),
  };
}
