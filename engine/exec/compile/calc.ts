import type { BoundExpr } from '../../plan/bound-expr.js';
import { referencedColumns } from '../../plan/bound-expr.js';
import { isInt64Layout, type SqlType } from '../../types/sql-type.js';
import { unpairedUpdates, type Batch, type Schema } from '../batch/batch.js';
import { makeColumn } from '../batch/builder.js';
import type { Column } from '../batch/column.js';
import { dummy, ExprCodegen, type Code } from './expr-codegen.js';
import * as R from './runtime-helpers.js';

/**
 * A fused filter + projection: one generated loop per batch that tests the predicate and
 * writes the projected values of passing rows straight into typed output arrays. Each input
 * null layout (which referenced columns have NULLs in this batch) gets its own compiled
 * variant, so batches without NULLs run without null checks.
 *
 * String expressions over a single dictionary-encoded column (`upper(symbol)`, `symbol =
 * 'AAPL'`) are evaluated once per dictionary entry and cached per dictionary ("lifting");
 * rows then just index the results.
 */
export interface CalcSpec {
  readonly input: Schema;
  readonly filter: BoundExpr | null;
  readonly projections: readonly BoundExpr[];
}

export type CalcFn = (batch: Batch) => Batch;

export function compileCalc(spec: CalcSpec): CalcFn {
  const { input, filter, projections } = spec;
  const referenced = new Set<number>();
  if (filter) referencedColumns(filter, referenced);
  for (const p of projections) referencedColumns(p, referenced);
  const refs = [...referenced].sort((a, b) => a - b);

  // Pure rearrangement of columns: no loop at all.
  if (!filter && projections.every((p) => p.kind === 'column')) {
    const idx = projections.map((p) => (p).index);
    return (batch) => ({ length: batch.length, columns: idx.map((k) => batch.columns[k]!), kinds: batch.kinds, rowWatermarks: batch.rowWatermarks ?? null });
  }

  const lifted = new LiftCache();
  const variants = new Map<number, CalcFn>();
  return (batch) => {
    let signature = 0;
    for (let k = 0; k < refs.length; k++) if (batch.columns[refs[k]!]!.validity !== null) signature |= 1 << k;
    let fn = variants.get(signature);
    if (!fn) {
      const nullable = new Set(refs.filter((_, k) => (signature >> k) & 1));
      fn = generateVariant(input, filter, projections, refs, nullable, lifted);
      variants.set(signature, fn);
    }
    return fn(batch);
  };
}

/** Dictionary-lifted subexpressions, each compiled once and cached per dictionary. */
class LiftCache {
  private readonly exprs: BoundExpr[] = [];
  private readonly fns: ((dict: readonly string[]) => Lifted)[] = [];
  private readonly caches: WeakMap<readonly string[], Lifted>[] = [];

  /** The slot of a lifted expression, compiling it the first time. */
  slot(e: BoundExpr): number {
    let k = this.exprs.indexOf(e);
    if (k < 0) {
      k = this.exprs.push(e) - 1;
      this.fns.push(compileLift(e));
      this.caches.push(new WeakMap());
    }
    return k;
  }

  lookup(k: number, dict: readonly string[]): Lifted {
    const cache = this.caches[k]!;
    let l = cache.get(dict);
    if (!l) {
      l = this.fns[k]!(dict);
      cache.set(dict, l);
    }
    return l;
  }
}

interface Lifted {
  readonly values: unknown[];
  readonly nulls: Uint8Array;
  readonly errors: unknown[] | null;
}

/** The VARCHAR column an expression could be lifted over, or -1. */
function liftColumn(e: BoundExpr, input: Schema): number {
  if (e.kind === 'column' || e.kind === 'literal') return -1;
  const refs = referencedColumns(e);
  if (refs.size !== 1) return -1;
  const c = [...refs][0]!;
  return input[c]!.type === 'VARCHAR' ? c : -1;
}

/**
 * Evaluates an expression for every entry of a dictionary, plus once more (at index
 * `dict.length`) for a NULL input: the expression may give a value there (`s IS NULL`,
 * `coalesce(s, '?')`).
 */
function compileLift(e: BoundExpr): (dict: readonly string[]) => Lifted {
  const g = new ExprCodegen({ value: () => 'S[x]', isNull: () => '(x === m)' }, undefined, 'u');
  const code = g.gen(e);
  const body = g.takeLines();
  const source = `
    return function lift(S) {
      const m = S.length, values = new Array(m + 1), nulls = new Uint8Array(m + 1);
      let errors = null;
      ${g.declarations()}
      for (let x = 0; x <= m; x++) {
        try {
          ${body}
          values[x] = (${code.n}) ? ${dummy(e.type)} : ${code.v};
          nulls[x] = (${code.n}) ? 1 : 0;
        } catch (err) {
          if (errors === null) errors = new Array(m + 1);
          errors[x] = err;
          nulls[x] = 1;
          values[x] = ${dummy(e.type)};
        }
      }
      return { values, nulls, errors };
    };`;
  // Generated code is the point here (see docs/decisions/compiled-expressions.md).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('R', 'K', 'E', source) as (r: typeof R, k: unknown[], e: unknown[]) => (dict: readonly string[]) => Lifted;
  return factory(R, g.constants, g.errorSites);
}

function readValue(type: SqlType, k: number): string {
  switch (type) {
    case 'INT':
    case 'DOUBLE':
      return `d${k}[i]`;
    case 'BIGINT':
    case 'TIMESTAMP':
    case 'INTERVAL':
      return `(d${k}[2 * i + 1] * 4294967296 + (d${k}[2 * i] >>> 0))`;
    case 'BOOLEAN':
      return `(((d${k}[i >> 3] >> (i & 7)) & 1) === 1)`;
    case 'VARCHAR':
      return `s${k}[d${k}[i]]`;
  }
}

const nullBit = (k: number) => `(((v${k}[i >> 3] >> (i & 7)) & 1) === 0)`;

function generateVariant(
  input: Schema,
  filter: BoundExpr | null,
  projections: readonly BoundExpr[],
  refs: readonly number[],
  nullable: ReadonlySet<number>,
  lifts: LiftCache,
): CalcFn {
  // Columns whose value / null flag the current phase needs, hoisted to the loop head.
  let needValue = new Set<number>();
  let needNull = new Set<number>();
  const access = {
    value: (k: number) => (needValue.add(k), `c${k}v`),
    isNull: (k: number) => (nullable.has(k) ? (needNull.add(k), `c${k}n`) : 'false'),
  };
  // Lifted slots used by this variant, with the column each indexes by.
  const liftColumnOf = new Map<number, number>();
  /**
   * Row code for a lifted expression: `entry` indexes its values (a NULL input reads the
   * entry after the dictionary: the expression's value at NULL).
   */
  const lifted = (e: BoundExpr, g: ExprCodegen): (Code & { entry: string; slot: number }) | null => {
    const c = liftColumn(e, input);
    if (c < 0) return null;
    const k = lifts.slot(e);
    liftColumnOf.set(k, c);
    const entry = g.temp();
    const isNull = access.isNull(c);
    g.emit(`${entry} = ${isNull === 'false' ? `d${c}[i]` : `(${isNull}) ? s${c}.length : d${c}[i]`};`);
    g.emit(`if (LE${k} !== null && LE${k}[${entry}] !== undefined) throw LE${k}[${entry}];`);
    return { v: `LV${k}[${entry}]`, n: `(LN${k}[${entry}] === 1)`, entry, slot: k };
  };
  const liftCode = (e: BoundExpr, g: ExprCodegen): Code | null => lifted(e, g);
  const g = new ExprCodegen(access, liftCode);

  // Filter phase.
  let filterCode = '';
  let filterHead = '';
  if (filter) {
    const f = g.gen(filter);
    filterCode = `${g.takeLines()}\nif (${f.n === 'false' ? '' : `${f.n} || `}!${f.v}) continue;`;
    filterHead = hoist(needValue, needNull, input);
  }
  const readInFilter = new Set(needValue);
  const nullInFilter = new Set(needNull);
  needValue = new Set();
  needNull = new Set();

  // Projection phase: how each output is produced.
  const outDecl: string[] = [];
  const outBuild: string[] = [];
  const writes: string[] = [];
  const markNull = (q: number) => `nb${q}[j >> 3] &= ~(1 << (j & 7)); nc${q}++;`;
  projections.forEach((p, q) => {
    const type = p.type;
    const validity = `(nc${q} === 0 ? null : nb${q}.subarray(0, (j + 7) >> 3))`;
    const declareNulls = () => outDecl.push(`const nb${q} = new Uint8Array((n + 7) >> 3).fill(255); let nc${q} = 0;`);
    if (p.kind === 'column') {
      const k = p.index;
      if (!filter) {
        outBuild.push(`cols[${k}]`); // reused as is
        return;
      }
      // Copy the raw value (a string column copies codes and shares the dictionary).
      outDecl.push(allocate(type, q, false));
      writes.push(copyRaw(type, k, q));
      if (nullable.has(k)) {
        declareNulls();
        writes.push(`if (${nullBit(k)}) { ${markNull(q)} }`);
      }
      outBuild.push(buildColumn(type, q, nullable.has(k) ? validity : 'null', type === 'VARCHAR' ? `s${k}` : 'undefined'));
      return;
    }
    const lift = type === 'VARCHAR' ? lifted(p, g) : null;
    if (lift) {
      // The output's codes are the lifted entries; its dictionary is the lifted values.
      outDecl.push(allocate(type, q, false));
      declareNulls();
      writes.push(g.takeLines(), `o${q}[j] = ${lift.entry};`, `if (${lift.n}) { ${markNull(q)} }`);
      outBuild.push(buildColumn(type, q, validity, `LV${lift.slot}`));
      return;
    }
    const code = g.gen(p);
    outDecl.push(allocate(type, q, true));
    writes.push(g.takeLines());
    const write = writeValue(type, q, code.v, g);
    writes.push(g.takeLines());
    if (code.n === 'false') {
      writes.push(write);
      outBuild.push(buildColumn(type, q, 'null', type === 'VARCHAR' ? 'computed' : 'undefined'));
    } else {
      declareNulls();
      const placeholder = type === 'VARCHAR' ? ` o${q}[j] = '';` : '';
      writes.push(`if (${code.n}) { ${markNull(q)}${placeholder} } else { ${write} }`);
      outBuild.push(buildColumn(type, q, validity, type === 'VARCHAR' ? 'computed' : 'undefined'));
    }
  });
  const projectionHead = hoist(
    new Set([...needValue].filter((k) => !readInFilter.has(k))),
    new Set([...needNull].filter((k) => !nullInFilter.has(k))),
    input,
  );

  const liftPrelude = [...liftColumnOf]
    .map(([k, c]) => `const L${k} = LIFT.lookup(${k}, s${c}), LV${k} = L${k}.values, LN${k} = L${k}.nulls, LE${k} = L${k}.errors;`)
    .join('\n');

  const source = `
    return function calc(batch) {
      const n = batch.length, cols = batch.columns, kin = batch.kinds;
      ${refs.map((k) => `const d${k} = cols[${k}].data, v${k} = cols[${k}].validity${input[k]!.type === 'VARCHAR' ? `, s${k} = cols[${k}].dict` : ''};`).join('\n')}
      ${liftPrelude}
      ${outDecl.join('\n')}
      const ko = ${filter ? 'kin === null ? null : new Uint8Array(n)' : 'null'};
      const si = ${filter ? 'kin === null ? null : new Int32Array(n)' : 'null'};
      const rwi = batch.rowWatermarks ?? null;
      const rwo = ${filter ? 'rwi === null ? null : new Float64Array(n)' : 'null'};
      ${g.declarations()}
      ${refs.map((k) => `let c${k}v, c${k}n;`).join(' ')}
      let j = 0;
      for (let i = 0; i < n; i++) {
        ${filterHead}
        ${filterCode}
        ${projectionHead}
        ${writes.join('\n')}
        ${filter ? 'if (ko !== null) { ko[j] = kin[i]; si[j] = i; } if (rwo !== null) rwo[j] = rwi[i];' : ''}
        j++;
      }
      return {
        length: j,
        columns: [${outBuild.join(', ')}],
        kinds: ${filter ? 'ko === null ? null : H.keptKinds(ko, si, j)' : 'kin'},
        rowWatermarks: ${filter ? 'rwo === null ? null : rwo.subarray(0, j)' : 'rwi'},
      };
    };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('R', 'K', 'E', 'H', 'LIFT', source) as (...args: unknown[]) => CalcFn;
  return factory(R, g.constants, g.errorSites, HELPERS, lifts);
}

function hoist(values: ReadonlySet<number>, nulls: ReadonlySet<number>, input: Schema): string {
  const lines: string[] = [];
  for (const k of nulls) lines.push(`c${k}n = ${nullBit(k)};`);
  for (const k of values) lines.push(`c${k}v = ${readValue(input[k]!.type, k)};`);
  return lines.join(' ');
}

/** Output buffer q: a string column built from computed values is a JS array of strings. */
function allocate(type: SqlType, q: number, computed: boolean): string {
  switch (type) {
    case 'INT':
      return `const o${q} = new Int32Array(n);`;
    case 'DOUBLE':
      return `const o${q} = new Float64Array(n);`;
    case 'BOOLEAN':
      return `const o${q} = new Uint8Array((n + 7) >> 3);`;
    case 'VARCHAR':
      return computed ? `const o${q} = new Array(n);` : `const o${q} = new Int32Array(n);`;
    default:
      return `const o${q} = new Int32Array(2 * n);`;
  }
}

function copyRaw(type: SqlType, k: number, q: number): string {
  if (type === 'BOOLEAN') return `if ((d${k}[i >> 3] >> (i & 7)) & 1) o${q}[j >> 3] |= 1 << (j & 7);`;
  if (isInt64Layout(type)) return `o${q}[2 * j] = d${k}[2 * i]; o${q}[2 * j + 1] = d${k}[2 * i + 1];`;
  return `o${q}[j] = d${k}[i];`;
}

function writeValue(type: SqlType, q: number, v: string, g: ExprCodegen): string {
  switch (type) {
    case 'INT':
    case 'DOUBLE':
    case 'VARCHAR':
      return `o${q}[j] = ${v};`;
    case 'BOOLEAN':
      return `if (${v}) o${q}[j >> 3] |= 1 << (j & 7);`;
    default: {
      const hi = g.temp();
      return `${hi} = Math.floor(${v} / 4294967296); o${q}[2 * j] = (${v} - ${hi} * 4294967296) | 0; o${q}[2 * j + 1] = ${hi};`;
    }
  }
}

/** The expression building output column q; dict 'computed' means o{q} holds the strings. */
function buildColumn(type: SqlType, q: number, validity: string, dict: string): string {
  if (dict === 'computed') return `H.stringColumn(o${q}, j, ${validity})`;
  const data = type === 'BOOLEAN' ? `o${q}.subarray(0, (j + 7) >> 3)` : isInt64Layout(type) ? `o${q}.subarray(0, 2 * j)` : `o${q}.subarray(0, j)`;
  return `H.column('${type}', j, ${data}, ${validity}, ${dict})`;
}

const HELPERS = {
  keptKinds: unpairedUpdates,
  column(type: SqlType, length: number, data: Uint8Array | Int32Array | Float64Array, validity: Uint8Array | null, dict: readonly string[] | undefined): Column {
    return makeColumn(type, length, data, validity, dict);
  },
  /** Computed strings become their own dictionary, one entry per row. */
  stringColumn(values: string[], length: number, validity: Uint8Array | null): Column {
    values.length = length;
    const codes = new Int32Array(length);
    for (let i = 0; i < length; i++) codes[i] = i;
    return makeColumn('VARCHAR', length, codes, validity, values);
  },
};
