import { LaminarError } from '../errors/laminar-error.js';
import type { SqlLocation } from '../errors/location.js';
import { parseInterval, parseTimestamp } from '../types/time.js';

/** One `key = value` of a connector's option list, after the binder has read the literal. */
export interface OptionValue {
  readonly name: string;
  readonly kind: 'string' | 'number' | 'boolean' | 'interval' | 'timestamp';
  /** Intervals and timestamps are microseconds. */
  readonly value: string | number | boolean;
  readonly location?: SqlLocation;
}

/**
 * Typed, validated access to a connector's options. Every getter records the option as known,
 * and `done()` rejects any option nobody asked for, so a typo ('evnts = 10') is an error with a
 * caret instead of a silently ignored setting.
 */
export class ConnectorOptions {
  private readonly values = new Map<string, OptionValue>();
  private readonly known = new Set<string>();

  constructor(
    values: readonly OptionValue[],
    /** What the options configure, for messages: "generator 'trades'", "file source". */
    private readonly subject: string,
    private readonly location?: SqlLocation,
  ) {
    for (const v of values) {
      const key = v.name.toLowerCase();
      if (this.values.has(key)) throw this.error(v, `option '${v.name}' is given twice`);
      this.values.set(key, v);
    }
  }

  has(name: string): boolean {
    this.known.add(name);
    return this.values.has(name);
  }

  string(name: string, fallback?: string): string {
    const v = this.get(name);
    if (v === undefined) return this.fallback(name, fallback);
    if (v.kind !== 'string') throw this.error(v, `option '${name}' must be a string, e.g. ${name} = 'text'`);
    return v.value as string;
  }

  optionalString(name: string): string | undefined {
    return this.has(name) ? this.string(name) : undefined;
  }

  number(name: string, opts: { fallback?: number; integer?: boolean; min?: number; max?: number } = {}): number {
    const v = this.get(name);
    if (v === undefined) return this.fallback(name, opts.fallback);
    let n: number;
    if (v.kind === 'number') n = v.value as number;
    else if (v.kind === 'string' && /^\s*[+-]?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v.value as string)) n = Number(v.value);
    else throw this.error(v, `option '${name}' must be a number`);
    if (opts.integer && !Number.isInteger(n)) throw this.error(v, `option '${name}' must be a whole number, not ${n}`);
    if (opts.min !== undefined && n < opts.min) throw this.error(v, `option '${name}' must be at least ${opts.min}, not ${n}`);
    if (opts.max !== undefined && n > opts.max) throw this.error(v, `option '${name}' must be at most ${opts.max}, not ${n}`);
    return n;
  }

  optionalNumber(name: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
    return this.has(name) ? this.number(name, opts) : undefined;
  }

  boolean(name: string, fallback?: boolean): boolean {
    const v = this.get(name);
    if (v === undefined) return this.fallback(name, fallback);
    if (v.kind === 'boolean') return v.value as boolean;
    if (v.kind === 'string' && /^(true|false)$/i.test(v.value as string)) return (v.value as string).toLowerCase() === 'true';
    throw this.error(v, `option '${name}' must be true or false`);
  }

  /** A duration in microseconds: INTERVAL '5' SECOND, '5 seconds', or '00:00:05'. */
  duration(name: string, fallback?: number): number {
    const v = this.get(name);
    if (v === undefined) return this.fallback(name, fallback);
    if (v.kind === 'interval') return v.value as number;
    if (v.kind === 'string') {
      const p = parseInterval(v.value as string);
      if (p.ok) return p.micros;
      throw this.error(v, `option '${name}': ${p.reason}`);
    }
    throw this.error(v, `option '${name}' must be an interval, e.g. ${name} = '5 seconds'`);
  }

  /** A timestamp in microseconds: TIMESTAMP '2024-01-01 00:00:00' or the same text as a string. */
  timestamp(name: string, fallback?: number): number {
    const v = this.get(name);
    if (v === undefined) return this.fallback(name, fallback);
    if (v.kind === 'timestamp') return v.value as number;
    if (v.kind === 'string') {
      const t = parseTimestamp(v.value as string);
      if (t !== null) return t;
    }
    throw this.error(v, `option '${name}' must be a timestamp, e.g. ${name} = '2024-01-01 00:00:00'`);
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback?: T): T {
    const v = this.get(name);
    if (v === undefined) return this.fallback(name, fallback);
    const s = v.kind === 'string' ? (v.value as string).toLowerCase() : undefined;
    const hit = choices.find((c) => c === s);
    if (hit === undefined) {
      throw this.error(v, `option '${name}' must be one of ${choices.map((c) => `'${c}'`).join(', ')}`);
    }
    return hit;
  }

  /** Rejects options no getter asked for. Call after reading every option. */
  done(): void {
    for (const [key, v] of this.values) {
      if (!this.known.has(key)) {
        const valid = [...this.known].sort();
        throw this.error(v, `unknown option '${v.name}' for ${this.subject}`, `valid options: ${valid.join(', ')}`);
      }
    }
  }

  private get(name: string): OptionValue | undefined {
    this.known.add(name);
    return this.values.get(name);
  }

  private fallback<T>(name: string, fallback: T | undefined): T {
    if (fallback === undefined) {
      throw new LaminarError('INVALID_OPTION', `${this.subject} needs option '${name}'`, this.location ? { location: this.location } : {});
    }
    return fallback;
  }

  private error(v: OptionValue, message: string, hint?: string): LaminarError {
    const location = v.location ?? this.location;
    return new LaminarError('INVALID_OPTION', message, { ...(location ? { location } : {}), ...(hint ? { hint } : {}) });
  }
}
