import type { JsonObject } from './message.js';
import { ProtocolError } from './protocol-error.js';

/** Readers of one field of a JSON object, with the spec's default when it is absent. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(o: JsonObject, key: string, fallback?: string): string {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') throw new ProtocolError(`'${key}' must be a string`);
  return v;
}

export function bool(o: JsonObject, key: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new ProtocolError(`'${key}' must be true or false`);
  return v;
}

export function int(o: JsonObject, key: string, fallback?: number): number {
  const v = o[key];
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ProtocolError(`'${key}' must be a whole number`);
  return v;
}

export function optionalInt(o: JsonObject, key: string): number | null {
  const v = o[key];
  return v === undefined || v === null ? null : int(o, key);
}
