import type { ErrorCode } from '../../errors/codes.js';
import { compareCode } from '../../plan/functions/operators.js';
import type { SqlLocation } from '../../errors/location.js';
import type { BoundExpr } from '../../plan/bound-expr.js';
import type { CodegenContext } from '../../plan/functions/scalar-function.js';
import type { SqlType } from '../../types/sql-type.js';
import { likeFastPath, likeToRegExp } from './like.js';
import type { ErrorSite } from './runtime-helpers.js';

/** How generated code reads input column `index` at the current row. */
export interface ColumnAccess {
  value(index: number): string;
  /** A JS boolean expression, 'false' when the column has no NULLs. */
  isNull(index: number): string;
}

/** A generated value: JS expressions for the value and for "is NULL". */
export interface Code {
  readonly v: string;
  readonly n: string;
}

/**
 * Writes JavaScript statements that evaluate bound expressions for one row. Values are plain
 * JS values (numbers, strings, booleans) in local temporaries; NULL is a separate flag, so
 * number-typed temporaries stay monomorphic. AND, OR, CASE and COALESCE evaluate lazily, so
 * a branch that is not taken cannot raise an error (as in SQL engines).
 */
export class ExprCodegen implements CodegenContext {
  private lines: string[] = [];
  private tempCount = 0;
  readonly temps: string[] = [];
  readonly constants: unknown[] = [];
  readonly errorSites: ErrorSite[] = [];

  constructor(
    private readonly access: ColumnAccess,
    /** Lets the caller replace a subexpression by precomputed code (dictionary lifting). */
    private readonly override?: (e: BoundExpr, g: ExprCodegen) => Code | null,
    private readonly prefix = 't',
  ) {}

  temp(): string {
    const t = `${this.prefix}${this.tempCount++}`;
    this.temps.push(t);
    return t;
  }

  emit(statement: string): void {
    this.lines.push(statement);
  }

  /** The statements emitted since the last call, which are then forgotten. */
  takeLines(): string {
    const s = this.lines.join('\n');
    this.lines = [];
    return s;
  }

  constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  fail(code: ErrorCode, message: string, loc: SqlLocation | undefined, values: readonly string[] = []): string {
    this.errorSites.push({ code, message, loc });
    return `R.fail(E[${this.errorSites.length - 1}], [${values.join(', ')}])`;
  }

  /** Declarations of every temporary used so far. */
  declarations(): string {
    return this.temps.length === 0 ? '' : `let ${this.temps.join(', ')};`;
  }

  gen(e: BoundExpr): Code {
    if (e.kind !== 'column' && e.kind !== 'literal' && this.override) {
      const o = this.override(e, this);
      if (o) return o;
    }
    switch (e.kind) {
      case 'column':
        return { v: this.access.value(e.index), n: this.access.isNull(e.index) };
      case 'literal':
        return e.value === null ? { v: dummy(e.type), n: 'true' } : { v: jsLiteral(e.value), n: 'false' };
      case 'call':
        return this.genCall(e);
      case 'and':
      case 'or':
        return this.genLogical(e.kind, e.args);
      case 'not': {
        const a = this.gen(e.arg);
        return { v: `!${a.v}`, n: a.n };
      }
      case 'is_null': {
        const a = this.gen(e.arg);
        return { v: e.negated ? `!(${a.n})` : `(${a.n})`, n: 'false' };
      }
      case 'is_distinct': {
        const l = this.gen(e.left);
        const r = this.gen(e.right);
        const t = this.temp();
        this.emit(`${t} = (${l.n}) ? !(${r.n}) : (${r.n}) ? true : !${compareCode('=', e.left.type, l.v, r.v)};`);
        return { v: e.negated ? `!${t}` : t, n: 'false' };
      }
      case 'case':
        return this.genCase(e.whens, e.else, e.type);
      case 'coalesce':
        return this.genCoalesce(e.args);
      case 'cast':
        return this.genCast(e.arg, e.type, e.try, e.loc);
      case 'in_list':
        return this.genInList(e.arg, e.list, e.negated);
      case 'like':
        return this.genLike(e);
    }
  }

  private genCall(e: Extract<BoundExpr, { kind: 'call' }>): Code {
    const args = e.args.map((a) => this.gen(a));
    if (e.fn.generateNonStrict) return e.fn.generateNonStrict(args, this);
    const nulls = args.map((a) => a.n).filter((n) => n !== 'false');
    const t = this.temp();
    const body = e.fn.generate(args.map((a) => a.v), this, e.loc);
    let n = 'false';
    if (nulls.length === 0) {
      this.emit(`${t} = ${body};`);
    } else {
      n = nulls.length === 1 ? nulls[0]! : this.temp();
      if (nulls.length > 1) this.emit(`${n} = ${nulls.join(' || ')};`);
      this.emit(`${t} = ${n} ? ${dummy(e.type)} : ${body};`);
    }
    if (e.fn.mayReturnNull) {
      const n2 = this.temp();
      this.emit(`${n2} = ${n === 'false' ? '' : `${n} || `}${t} === null;`);
      return { v: t, n: n2 };
    }
    return { v: t, n };
  }

  private genLogical(kind: 'and' | 'or', args: readonly BoundExpr[]): Code {
    const v = this.temp();
    const n = this.temp();
    // AND: a FALSE operand decides; OR: a TRUE one does. Otherwise NULL if any was NULL.
    const decisive = kind === 'and' ? 'false' : 'true';
    const test = (c: Code) => (kind === 'and' ? `!(${c.n}) && !${c.v}` : `!(${c.n}) && ${c.v}`);
    this.emit(`${n} = false;`);
    let open = 0;
    for (let k = 0; k < args.length; k++) {
      const a = this.gen(args[k]!);
      this.emit(`if (${test(a)}) { ${v} = ${decisive}; ${n} = false; } else {`);
      open++;
      if (a.n !== 'false') this.emit(`if (${a.n}) ${n} = true;`);
    }
    this.emit(`${v} = ${kind === 'and' ? 'true' : 'false'};`);
    this.emit('}'.repeat(open));
    return { v, n };
  }

  private genCase(whens: readonly { when: BoundExpr; then: BoundExpr }[], otherwise: BoundExpr | null, type: SqlType): Code {
    const v = this.temp();
    const n = this.temp();
    for (const w of whens) {
      const c = this.gen(w.when);
      this.emit(`if (!(${c.n}) && ${c.v}) {`);
      const t = this.gen(w.then);
      this.emit(`${v} = ${t.v}; ${n} = ${t.n};`);
      this.emit('} else {');
    }
    if (otherwise) {
      const o = this.gen(otherwise);
      this.emit(`${v} = ${o.v}; ${n} = ${o.n};`);
    } else {
      this.emit(`${v} = ${dummy(type)}; ${n} = true;`);
    }
    this.emit('}'.repeat(whens.length));
    return { v, n };
  }

  private genCoalesce(args: readonly BoundExpr[]): Code {
    const v = this.temp();
    const n = this.temp();
    for (let k = 0; k < args.length; k++) {
      const a = this.gen(args[k]!);
      if (k === args.length - 1) {
        this.emit(`${v} = ${a.v}; ${n} = ${a.n};`);
      } else {
        this.emit(`if (!(${a.n})) { ${v} = ${a.v}; ${n} = false; } else {`);
      }
    }
    this.emit('}'.repeat(args.length - 1));
    return { v, n };
  }

  private genCast(arg: BoundExpr, to: SqlType, tryCast: boolean, loc: SqlLocation | undefined): Code {
    const a = this.gen(arg);
    const from = arg.type;
    if (from === to) return a;
    const numeric = (t: SqlType) => t === 'INT' || t === 'BIGINT' || t === 'DOUBLE';
    if (numeric(from) && (to === 'DOUBLE' || (from === 'INT' && to === 'BIGINT'))) return a;
    if (from === 'BOOLEAN' && numeric(to)) return { v: `(${a.v} ? 1 : 0)`, n: a.n };
    if (numeric(from) && to === 'BOOLEAN') return { v: `(${a.v} !== 0)`, n: a.n };
    const t = this.temp();
    if (to === 'VARCHAR') {
      this.emit(`${t} = ${guard(a.n, `R.toText(${a.v}, '${from}')`, "''")};`);
      return { v: t, n: a.n };
    }
    // Fallible: text to anything, DOUBLE to integers, BIGINT to INT.
    this.emit(`${t} = ${guard(a.n, `R.cast(${a.v}, '${from}', '${to}')`, dummy(to))};`);
    if (tryCast) {
      const n = this.temp();
      this.emit(`${n} = ${a.n === 'false' ? '' : `${a.n} || `}${t} === undefined;`);
      this.emit(`if (${n}) ${t} = ${dummy(to)};`);
      return { v: t, n };
    }
    const code: ErrorCode = from === 'VARCHAR' ? 'INVALID_CAST' : 'NUMERIC_OVERFLOW';
    const what = from === 'VARCHAR' ? `cannot convert {0} to ${to}` : `${to} overflow: {0} is out of range`;
    this.emit(`if (${t} === undefined) ${this.fail(code, what, loc, [a.v])};`);
    return { v: t, n: a.n };
  }

  private genInList(arg: BoundExpr, list: readonly BoundExpr[], negated: boolean): Code {
    const a = this.gen(arg);
    const v = this.temp();
    const n = this.temp();
    if (list.every((x) => x.kind === 'literal')) {
      const values = list.map((x) => (x.kind === 'literal' ? x.value : null));
      const hasNull = values.includes(null);
      const set = this.constant(new Set(values.filter((x) => x !== null)));
      this.emit(`${v} = ${guard(a.n, `${set}.has(${a.v})`, 'false')};`);
      this.emit(`${n} = ${a.n === 'false' ? '' : `${a.n} || `}${hasNull ? `!${v}` : 'false'};`);
    } else {
      this.emit(`${v} = false; ${n} = ${a.n};`);
      this.emit(`if (!${n}) {`);
      for (const x of list) {
        this.emit(`if (!${v}) {`);
        const c = this.gen(x);
        this.emit(`if (${c.n}) ${n} = true; else if (${compareCode('=', arg.type, c.v, a.v)}) ${v} = true;`);
        this.emit('}');
      }
      this.emit(`if (${v}) ${n} = false;`);
      this.emit('}');
    }
    return { v: negated ? `!${v}` : v, n };
  }

  private genLike(e: Extract<BoundExpr, { kind: 'like' }>): Code {
    const a = this.gen(e.arg);
    const t = this.temp();
    let test: string;
    let n = a.n;
    if (e.pattern.kind === 'literal') {
      if (e.pattern.value === null) return { v: 'false', n: 'true' };
      const pattern = e.pattern.value as string;
      const fast = e.caseInsensitive ? null : likeFastPath(pattern, e.escape);
      if (fast) {
        const text = JSON.stringify(fast.text);
        test = fast.op === 'equals' ? `${a.v} === ${text}` : `${a.v}.${fast.op}(${text})`;
      } else {
        test = `${this.constant(likeToRegExp(pattern, e.escape, e.caseInsensitive))}.test(${a.v})`;
      }
    } else {
      const p = this.gen(e.pattern);
      n = p.n === 'false' ? a.n : a.n === 'false' ? p.n : `(${a.n} || ${p.n})`;
      test = `R.like(${a.v}, ${p.v}, ${JSON.stringify(e.escape)}, ${e.caseInsensitive})`;
    }
    this.emit(`${t} = ${guard(n, test, 'false')};`);
    return { v: e.negated ? `!${t}` : t, n };
  }
}

function guard(isNull: string, value: string, otherwise: string): string {
  return isNull === 'false' ? value : `(${isNull}) ? ${otherwise} : ${value}`;
}

/** A placeholder of the right JS type for a NULL, so temporaries keep one type. */
export function dummy(type: SqlType | 'NULL'): string {
  return type === 'VARCHAR' ? "''" : type === 'BOOLEAN' ? 'false' : '0';
}

export function jsLiteral(v: number | string | boolean): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  // Negative numbers in parentheses, so `-x` with x = -5 cannot become `--5`.
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${v})` : String(v);
}
