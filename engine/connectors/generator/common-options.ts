import { LaminarError } from '../../errors/laminar-error.js';
import type { SqlLocation } from '../../errors/location.js';
import { formatInterval, parseTimestamp } from '../../types/time.js';
import type { ConnectorOptions } from '../options.js';
import { Disorder, clockForRate, type EventClock } from './clock.js';
import { FIELD } from './fields.js';
import { fieldKey } from './random.js';

/** The options every generator kind shares. */
export interface CommonOptions {
  readonly seed: number;
  readonly rate: number;
  readonly clock: EventClock;
  /** Total events (for nexmark: across the three tables), or null when unbounded. */
  readonly events: number | null;
  readonly disorder: Disorder;
  /** Rows per batch when the option overrides ScanRequest.batchSize. */
  readonly batchSize: number | null;
}

export const DEFAULT_START = parseTimestamp('2024-01-01 00:00:00')!;
export const DEFAULT_RATE = 1000;
/** Largest batch a generator builds at once; larger requests are capped (memory, latency). */
export const MAX_BATCH_SIZE = 1 << 20;

export function readCommonOptions(options: ConnectorOptions, location: SqlLocation | undefined): CommonOptions {
  const seed = options.number('seed', { fallback: 0, integer: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  const rate = options.number('rate', { fallback: DEFAULT_RATE, min: 0.000001, max: 1_000_000_000 });
  const events = options.optionalNumber('events', { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }) ?? null;
  const outOfOrder = options.duration('out_of_order', 0);
  if (outOfOrder < 0 || !Number.isSafeInteger(outOfOrder)) {
    throw new LaminarError('INVALID_OPTION', `option 'out_of_order' must be a duration of zero or more, not ${formatInterval(outOfOrder)}`, {
      ...(location ? { location } : {}),
    });
  }
  const start = options.timestamp('start', DEFAULT_START);
  const batchSize = options.optionalNumber('batch_size', { integer: true, min: 1, max: MAX_BATCH_SIZE }) ?? null;
  return {
    seed,
    rate,
    clock: clockForRate(start, rate, location),
    events,
    disorder: new Disorder(fieldKey(seed, FIELD.disorder), outOfOrder),
    batchSize,
  };
}

/** "seed 42, …, 1000 events/s, 1000000 events[, out of order ≤ 00:00:05]" for describe(). */
export function describeCommon(common: CommonOptions, middle: readonly string[]): string {
  const parts = [`seed ${common.seed}`, ...middle, `${common.rate} events/s`];
  parts.push(common.events === null ? 'unbounded' : `${common.events} events`);
  if (common.disorder.bound > 0) parts.push(`out of order ≤ ${formatInterval(common.disorder.bound)}`);
  return parts.join(', ');
}
