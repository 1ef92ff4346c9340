import { BrailleCanvas } from './braille-canvas.js';
import { axisLabel } from './chart-numbers.js';
import { padTo, textWidth } from './text-width.js';

export interface Series {
  readonly name: string;
  /** Points in the order to join them (by x); a null y breaks the line. */
  readonly points: readonly (readonly [x: number, y: number | null])[];
}

export interface LineChartOptions {
  /** Columns of the whole chart, labels included. */
  readonly width: number;
  /** Lines of the whole chart: the plot, its x axis, the x labels and the legend. */
  readonly height: number;
  readonly xLabel: (x: number) => string;
  readonly paint: (series: number, text: string) => string;
}

/**
 * A line chart in braille dots, one line per series, with the y range on the left, the first
 * and last x under the axis, and a legend:
 *
 *     1.27k ┤        ⡠⠊⠉⠢⡀
 *           │   ⢀⠤⠊      ⠈⠢⣀
 *     1.18k ┤⠔⠊⠁
 *           └────────────────────
 *            00:00:00    00:00:09
 *            ━ price
 */
export function lineChart(series: readonly Series[], options: LineChartOptions): string[] {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const s of series) {
    for (const [x, y] of s.points) {
      if (y === null || !Number.isFinite(y) || !Number.isFinite(x)) continue;
      [xMin, xMax, yMin, yMax] = [Math.min(xMin, x), Math.max(xMax, x), Math.min(yMin, y), Math.max(yMax, y)];
    }
  }
  if (yMin > yMax) return ['(no values to chart yet)'];
  if (yMin === yMax) [yMin, yMax] = [yMin - 1, yMax + 1];

  const plotRows = Math.max(2, options.height - 3);
  const label = (v: number): string => axisLabel(v, yMin, yMax);
  const labels = [label(yMax), label((yMin + yMax) / 2), label(yMin)];
  const labelWidth = Math.max(...labels.map(textWidth));
  const plotWidth = Math.max(4, options.width - labelWidth - 2);
  const canvas = new BrailleCanvas(plotWidth, plotRows);
  const dotX = (x: number) => (xMax === xMin ? Math.floor(canvas.dotsX / 2) : Math.round(((x - xMin) / (xMax - xMin)) * (canvas.dotsX - 1)));
  const dotY = (y: number) => Math.round(((yMax - y) / (yMax - yMin)) * (canvas.dotsY - 1));

  series.forEach((s, i) => {
    let previous: [number, number] | null = null;
    for (const [x, y] of s.points) {
      if (y === null || !Number.isFinite(y) || !Number.isFinite(x)) {
        previous = null;
        continue;
      }
      const at: [number, number] = [dotX(x), dotY(y)];
      if (previous) canvas.line(previous[0], previous[1], at[0], at[1], i);
      else canvas.set(at[0], at[1], i);
      previous = at;
    }
  });

  const middle = Math.floor((plotRows - 1) / 2);
  const lines: string[] = [];
  for (let r = 0; r < plotRows; r++) {
    const text = r === 0 ? labels[0]! : r === plotRows - 1 ? labels[2]! : r === middle ? labels[1]! : '';
    lines.push(padTo(text, labelWidth, true) + (text === '' ? ' │' : ' ┤') + canvas.rowText(r, options.paint).trimEnd());
  }
  lines.push(' '.repeat(labelWidth) + ' └' + '─'.repeat(plotWidth));
  lines.push(' '.repeat(labelWidth + 2) + xLabels(options.xLabel(xMin), options.xLabel(xMax), xMin === xMax, plotWidth));
  lines.push(' '.repeat(labelWidth + 2) + series.map((s, i) => options.paint(i, '━') + ' ' + s.name).join('  '));
  return lines;
}

function xLabels(first: string, last: string, same: boolean, width: number): string {
  if (same) return first;
  const gap = width - textWidth(first) - textWidth(last);
  return gap >= 2 ? first + ' '.repeat(gap) + last : first;
}
