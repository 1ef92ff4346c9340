import { formatLiveStatus } from '../../display/index.js';
import type { QueryMetrics, Subscription } from '../../engine/index.js';

/**
 * The status line of a live display: `q3 · running · 1,204 rows · 2.1M events/s · watermark …
 * · 0 late rows · %stop q3`; a failed query's error follows on the next lines.
 */
export function liveStatusLine(id: string, sub: Subscription, rows: { total: number; shown: number }): string {
  const metrics = sub.metrics();
  let status = formatLiveStatus({
    id,
    status: sub.status,
    rows: rows.total,
    shown: rows.shown,
    eventsPerSecond: metrics?.eventsPerSecond ?? 0,
    watermark: watermarkOf(metrics),
    lateRows: lateRowsOf(metrics),
  });
  if (sub.status === 'running') status += ` · %stop ${id}`;
  if (sub.status === 'failed' && sub.error) status += `\n${sub.error.format()}`;
  return status;
}

/** The watermark, once the engine reports it (QueryMetrics.watermark, µs); null before. */
export function watermarkOf(m: QueryMetrics | null): number | null {
  const w = (m as { watermark?: unknown } | null)?.watermark;
  return typeof w === 'number' && !Number.isNaN(w) ? w : null;
}

/** Late rows, once the engine reports them (QueryMetrics.lateRows); null before. */
function lateRowsOf(m: QueryMetrics | null): number | null {
  const n = (m as { lateRows?: unknown } | null)?.lateRows;
  return typeof n === 'number' ? n : null;
}
