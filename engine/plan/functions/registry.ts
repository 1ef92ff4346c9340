import { CONDITIONAL_FUNCTIONS } from './conditional-functions.js';
import { MATH_FUNCTIONS } from './math-functions.js';
import type { FunctionEntry } from './resolve.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { TIME_FUNCTIONS } from './time-functions.js';

/** Every scalar function, by lower-case name. Aggregates are in ../aggregates. */
export const SCALAR_FUNCTIONS: ReadonlyMap<string, FunctionEntry> = new Map(
  [...STRING_FUNCTIONS, ...MATH_FUNCTIONS, ...TIME_FUNCTIONS, ...CONDITIONAL_FUNCTIONS].map((f) => [f.name, f]),
);

export type { FunctionEntry, CallSite } from './resolve.js';
