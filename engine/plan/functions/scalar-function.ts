import type { ErrorCode } from '../../errors/codes.js';
import type { SqlLocation } from '../../errors/location.js';

/**
 * A scalar function as the expression compiler sees it: a template that writes a JavaScript
 * expression computing the result from the arguments' values. Strict functions (the default)
 * see only non-null arguments: the compiler returns NULL when any argument is NULL.
 */
export interface ScalarFunction {
  /** Name shown in EXPLAIN and used for expression identity: 'lower', '+', … */
  readonly name: string;
  /** How EXPLAIN prints a call. */
  readonly display: 'call' | 'infix' | 'prefix';
  /** A JS expression of the result, given JS expressions of the (non-null) argument values. */
  readonly generate: (args: readonly string[], g: CodegenContext, loc: SqlLocation | undefined) => string;
  /** The generated expression may evaluate to `null` for non-null arguments (x / 0). */
  readonly mayReturnNull?: boolean;
  /**
   * A non-strict function: gets each argument's value and null-flag expressions and returns
   * both for the result (CONCAT skips NULLs instead of returning NULL).
   */
  readonly generateNonStrict?: (
    args: readonly { v: string; n: string }[],
    g: CodegenContext,
  ) => { v: string; n: string };
}

/** What a function template may ask of the compiler. */
export interface CodegenContext {
  /** A fresh local variable name, declared for the template's use. */
  temp(): string;
  /** Emits a statement that runs before the expression the template returns. */
  emit(statement: string): void;
  /** A name under which `value` (a RegExp, a Set, a table) is available to generated code. */
  constant(value: unknown): string;
  /**
   * A JS expression that throws a LaminarError with this code and message at `loc`; the
   * message may use the runtime values passed in `values` as {0}, {1}, …
   */
  fail(code: ErrorCode, message: string, loc: SqlLocation | undefined, values?: readonly string[]): string;
}

/** Runtime helpers, referenced from generated code as `R.<name>` (see exec/compile/runtime.ts). */
export function helper(name: string, ...args: string[]): string {
  return `R.${name}(${args.join(', ')})`;
}
