import { formatTimestamp } from '../engine/index.js';

/** What a live result's status line shows (the kernel's live displays, the REPL's live tables). */
export interface LiveStatus {
  /** The query's id, e.g. 'q3' (what `%stop` takes). */
  readonly id: string;
  /** 'running', 'finished', 'cancelled' (shown as 'stopped') or 'failed'. */
  readonly status: string;
  /** Rows in the result now. */
  readonly rows: number;
  /** Rows shown when fewer than `rows` (a display keeps the latest ones). */
  readonly shown?: number;
  readonly eventsPerSecond: number;
  /** The query's watermark in microseconds; null before the first one, or without event time. */
  readonly watermark: number | null;
  /** Rows that arrived behind the watermark and were dropped; null when not reported. */
  readonly lateRows: number | null;
}

/**
 * One line: `q3 · running · 1,204 rows · 2.1M events/s · watermark 2024-01-01 00:00:05 ·
 * 0 late rows`. Ended queries say `finished`, `stopped` or `failed`.
 */
export function formatLiveStatus(s: LiveStatus): string {
  const parts = [s.id, s.status === 'cancelled' ? 'stopped' : s.status];
  const rows = `${count(s.rows)} row${s.rows === 1 ? '' : 's'}`;
  parts.push(s.shown !== undefined && s.shown < s.rows ? `${rows} (latest ${count(s.shown)} shown)` : rows);
  parts.push(`${rate(s.eventsPerSecond)} events/s`);
  if (s.watermark !== null) parts.push(`watermark ${watermarkText(s.watermark)}`);
  if (s.lateRows !== null) parts.push(`${count(s.lateRows)} late row${s.lateRows === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function rate(eps: number): string {
  if (!Number.isFinite(eps) || eps <= 0) return '0';
  if (eps >= 1e6) return `${(eps / 1e6).toFixed(1)}M`;
  if (eps >= 1e4) return `${(eps / 1e3).toFixed(0)}K`;
  if (eps >= 1e3) return `${(eps / 1e3).toFixed(1)}K`;
  return eps >= 10 ? eps.toFixed(0) : eps.toFixed(1);
}

function watermarkText(micros: number): string {
  if (micros === Infinity) return 'end of input';
  if (micros === -Infinity) return 'none';
  return formatTimestamp(micros);
}
