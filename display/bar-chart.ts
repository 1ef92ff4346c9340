import { axisNumber } from './chart-numbers.js';
import { padTo, textWidth } from './text-width.js';

export interface Bar {
  readonly label: string;
  /** One value per series (null: no bar). */
  readonly values: readonly (number | null)[];
}

export interface BarChartOptions {
  readonly width: number;
  /** Lines of the whole chart, the legend and an elision line included. */
  readonly height: number;
  readonly seriesNames: readonly string[];
  readonly paint: (series: number, text: string) => string;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const MAX_LABEL = 24;

/**
 * Horizontal bars, one per label and series, each series scaled to its largest absolute
 * value, drawn in eighths of a cell; negative values are drawn in a lighter shade. The value
 * follows each bar.
 *
 *     AAPL │████████████▍ 1234
 *     MSFT │██████ 600
 */
export function barChart(bars: readonly Bar[], options: BarChartOptions): string[] {
  const k = Math.max(1, options.seriesNames.length);
  const legend = k > 1 ? 1 : 0;
  const room = Math.max(1, options.height - legend);
  let shown = Math.min(bars.length, Math.floor(room / k));
  if (shown < bars.length) shown = Math.max(0, Math.floor((room - 1) / k));
  const visible = bars.slice(0, shown);
  const labels = visible.map((b) => clip(b.label, MAX_LABEL));
  const labelWidth = Math.max(0, ...labels.map(textWidth));
  // Each series has its own scale: columns of a result are often in different units.
  const max = new Array<number>(k).fill(0);
  for (const b of visible) b.values.forEach((v, s) => {
    if (v !== null && Number.isFinite(v)) max[s] = Math.max(max[s]!, Math.abs(v));
  });
  const valueWidth = Math.max(1, ...visible.flatMap((b) => b.values.map((v) => (v === null ? 4 : axisNumber(v).length))));
  const barWidth = Math.max(1, options.width - labelWidth - 2 - valueWidth - 1);

  const lines: string[] = [];
  visible.forEach((b, r) => {
    b.values.forEach((v, s) => {
      const label = s === 0 ? labels[r]! : '';
      const prefix = padTo(label, labelWidth, false) + ' │';
      if (v === null) return lines.push(prefix + 'NULL');
      const scale = max[s] ?? 0;
      const length = scale === 0 || !Number.isFinite(v) ? 0 : (Math.abs(v) / scale) * barWidth;
      const bar = v < 0 ? '░'.repeat(Math.round(length)) : bar8(length);
      lines.push(prefix + options.paint(s, bar) + (bar === '' ? '' : ' ') + axisNumber(v));
    });
  });
  if (shown < bars.length) lines.push(`… ${bars.length - shown} more`);
  if (legend) lines.push(options.seriesNames.map((n, s) => options.paint(s, '█') + ' ' + n).join('  '));
  return lines;
}

function bar8(length: number): string {
  const eighths = Math.round(length * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

function clip(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}
