import { makeColumn } from '../../../exec/batch/builder.js';
import type { Column } from '../../../exec/batch/column.js';
import type { CommonOptions } from '../common-options.js';
import { int64Column, writeWords } from '../columns.js';
import { EventRandom, fieldKey } from '../random.js';
import { eventOf, type TableLayout } from './model.js';
import type { NexmarkOptions } from './options.js';
import type { TextPools } from './strings.js';

/** What every Nexmark table writer shares: options, clock, text pools. */
export interface NexmarkContext {
  readonly common: CommonOptions;
  readonly opts: NexmarkOptions;
  readonly pools: TextPools;
}

/** The event indices of rows [k, k + n) of a table. */
export function eventsOf(layout: TableLayout, k: number, n: number): Float64Array {
  const events = new Float64Array(n);
  for (let j = 0; j < n; j++) events[j] = eventOf(layout, k + j);
  return events;
}

/** date_time: the event's time (clock.ts) moved back by its out_of_order amount. */
export function dateTimes(ctx: NexmarkContext, events: Float64Array): Float64Array {
  const { clock, disorder } = ctx.common;
  const out = new Float64Array(events.length);
  for (let j = 0; j < events.length; j++) {
    const e = events[j]!;
    out[j] = clock.timeAt(e) - disorder.amountAt(e);
  }
  return out;
}

/** A BIGINT or TIMESTAMP column from values computed per event. */
export function int64Of(type: 'BIGINT' | 'TIMESTAMP', values: Float64Array): Column {
  const n = values.length;
  const words = new Int32Array(2 * n);
  for (let j = 0; j < n; j++) writeWords(words, j, values[j]!);
  return int64Column(type, n, words);
}

/** A BIGINT column of one value per event, drawn from the field's own stream. */
export function bigintPerEvent(
  ctx: NexmarkContext,
  field: number,
  events: Float64Array,
  value: (e: number, rng: EventRandom) => number,
): Column {
  const key = fieldKey(ctx.common.seed, field);
  const rng = new EventRandom();
  const n = events.length;
  const words = new Int32Array(2 * n);
  for (let j = 0; j < n; j++) {
    const e = events[j]!;
    writeWords(words, j, value(e, rng.reset(key, e)));
  }
  return int64Column('BIGINT', n, words);
}

/** A VARCHAR column with a fixed dictionary, one pick per event from the field's stream. */
export function pickPerEvent(ctx: NexmarkContext, field: number, events: Float64Array, dict: readonly string[]): Column {
  const key = fieldKey(ctx.common.seed, field);
  const rng = new EventRandom();
  const codes = new Int32Array(events.length);
  for (let j = 0; j < events.length; j++) codes[j] = rng.reset(key, events[j]!).below(dict.length);
  return makeColumn('VARCHAR', codes.length, codes, null, dict);
}
