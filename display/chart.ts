import { formatTimestamp, valueAt, type Scalar } from '../engine/index.js';
import { barChart, type Bar } from './bar-chart.js';
import { cellText } from './cell-text.js';
import { chartLayout } from './chart-layout.js';
import { axisNumber } from './chart-numbers.js';
import { lineChart, type Series } from './line-chart.js';
import type { Rows } from './rows.js';

export interface ChartOptions {
  /** Columns and lines the chart may take. */
  readonly width: number;
  readonly height: number;
  /** Colours the text of series i (default: none). */
  readonly paint?: (series: number, text: string) => string;
}

/** Lines drawn per text value at most, when a line chart is split by a text column. */
const MAX_SPLIT_SERIES = 8;

/**
 * A terminal chart of a result (unicode, one string per line): a line chart over a time or
 * numeric column, or a bar chart over a text column, as `chartLayout` chooses from the column
 * types. A result with no numeric column gives one line saying so.
 */
export function formatChart(rows: Rows, options: ChartOptions): string[] {
  const paint = options.paint ?? ((_: number, text: string) => text);
  const layout = chartLayout(rows.schema);
  const { schema, batch } = rows;
  const n = batch.length;
  const num = (c: number, i: number): number | null => toNumber(valueAt(batch.columns[c]!, i));
  switch (layout.kind) {
    case 'none':
      return [layout.reason];
    case 'bar': {
      const keyType = schema[layout.key]!.type;
      const bars: Bar[] = [];
      for (let i = 0; i < n; i++) bars.push({ label: cellText(valueAt(batch.columns[layout.key]!, i), keyType), values: layout.ys.map((c) => num(c, i)) });
      return barChart(bars, { width: options.width, height: options.height, seriesNames: layout.ys.map((c) => schema[c]!.name), paint });
    }
    case 'line': {
      const x = layout.x;
      const xAt = (i: number): number => (x === null ? i : (num(x, i) ?? NaN));
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xAt(a) - xAt(b));
      let series: Series[];
      let note: string | null = null;
      if (layout.splitBy !== null) {
        const y = layout.ys[0]!;
        const byKey = new Map<string, [number, number | null][]>();
        for (const i of order) {
          const key = cellText(valueAt(batch.columns[layout.splitBy]!, i), schema[layout.splitBy]!.type);
          let points = byKey.get(key);
          if (!points) {
            if (byKey.size >= MAX_SPLIT_SERIES) continue;
            byKey.set(key, (points = []));
          }
          points.push([xAt(i), num(y, i)]);
        }
        const distinct = new Set(Array.from({ length: n }, (_, i) => valueAt(batch.columns[layout.splitBy!]!, i))).size;
        if (distinct > byKey.size) note = `(${schema[y]!.name} of the first ${byKey.size} of ${distinct} ${schema[layout.splitBy]!.name} values)`;
        series = [...byKey].map(([name, points]) => ({ name, points }));
      } else {
        series = layout.ys.map((c) => ({ name: schema[c]!.name, points: order.map((i): [number, number | null] => [xAt(i), num(c, i)]) }));
      }
      const xType = x === null ? null : schema[x]!.type;
      const xLabel = (v: number): string => (xType === 'TIMESTAMP' ? formatTimestamp(v) : axisNumber(v));
      const lines = lineChart(series, { width: options.width, height: options.height - (note ? 1 : 0), xLabel, paint });
      return note ? [...lines, note] : lines;
    }
  }
}

function toNumber(v: Scalar): number | null {
  return typeof v === 'number' ? v : null;
}
