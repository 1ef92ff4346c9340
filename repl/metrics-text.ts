import { formatTimestamp, type QueryMetrics } from '../engine/index.js';

/**
 * Event-time metrics that the engine is adding to QueryMetrics (`watermark`: microseconds or
 * null before the first one; `lateRows`: rows dropped as late). Read defensively: an engine
 * without them gives undefined, and the displays leave them out.
 */
export interface EventTimeMetrics {
  /** undefined: not reported; null: no watermark yet; ±Infinity: input ended / not started. */
  readonly watermark: number | null | undefined;
  readonly lateRows: number | undefined;
}

export function eventTimeMetrics(m: QueryMetrics): EventTimeMetrics {
  const fields = m as unknown as Readonly<Record<string, unknown>>;
  const wm = fields['watermark'];
  const late = fields['lateRows'];
  return {
    watermark: typeof wm === 'number' ? wm : typeof wm === 'bigint' ? Number(wm) : wm === null ? null : undefined,
    lateRows: typeof late === 'number' ? late : typeof late === 'bigint' ? Number(late) : undefined,
  };
}

export function watermarkText(watermark: number | null): string {
  if (watermark === null) return 'none yet';
  if (watermark === Infinity) return 'end of input';
  if (watermark === -Infinity) return 'none yet';
  return formatTimestamp(watermark);
}

/** 1234567 → '1,234,567'. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Events per second, compact: '950', '12.3k', '1.2M'. */
export function rate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/** Seconds as '0.042 s', '3.2 s', '1 min 05 s'. */
export function duration(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(3)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The metrics line of a query: rows in, events/s, and watermark and late rows when reported. */
export function metricsParts(m: QueryMetrics): string[] {
  const parts = [`${count(m.rowsIn)} rows in`, `${rate(m.eventsPerSecond)} events/s`];
  const { watermark, lateRows } = eventTimeMetrics(m);
  if (watermark !== undefined) parts.push(`watermark ${watermarkText(watermark)}`);
  if (lateRows !== undefined) parts.push(`${count(lateRows)} late rows`);
  return parts;
}
