import type { EmitGranularity } from '../aggregate/hash-aggregate.js';

/**
 * When a windowed aggregate emits (docs/semantics.md):
 * - changes: every change as it happens (coalesced per `granularity`, like GROUP BY).
 * - close: one row per window and key once the watermark passes the window's end; rows that
 *   arrive later but within the allowed lateness update it (-U/+U).
 * - final: one row per window and key once the watermark passes end + allowed lateness.
 * - every: the changed rows of open windows each time event time crosses a multiple of
 *   `interval`, and a window's last change when it closes.
 */
export type WindowEmit =
  | { readonly mode: 'changes'; readonly granularity: EmitGranularity }
  | { readonly mode: 'close'; readonly granularity: EmitGranularity }
  | { readonly mode: 'final' }
  | { readonly mode: 'every'; readonly interval: number };
