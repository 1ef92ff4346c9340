import { LaminarError, valueAt, type Schema, type SqlType } from '../engine/index.js';
import type { Rows } from './rows.js';

export const CHART_MARKS = ['line', 'bar', 'area', 'point'] as const;
export type ChartMark = (typeof CHART_MARKS)[number];

/** Vega-Lite's measurement types: quantitative, ordinal, nominal, temporal. */
export type FieldType = 'quantitative' | 'ordinal' | 'nominal' | 'temporal';

/** A chart as the user asks for it: `%chart line x=ts y=price color=symbol`. */
export interface ChartRequest {
  readonly mark: ChartMark;
  readonly x: string;
  readonly y: string;
  readonly color?: string;
  readonly facet?: string;
  readonly title?: string;
}

export interface ChartField {
  /** The column's index in the result. */
  readonly column: number;
  /** The column's name as the result spells it. */
  readonly name: string;
  readonly type: FieldType;
}

/** A chart request checked against a result's columns. */
export interface ResolvedChart {
  readonly mark: ChartMark;
  readonly x: ChartField;
  readonly y: ChartField;
  readonly color: ChartField | null;
  readonly facet: ChartField | null;
  readonly title: string | null;
}

const SHORTHAND: Readonly<Record<string, FieldType>> = { Q: 'quantitative', O: 'ordinal', N: 'nominal', T: 'temporal' };

/**
 * Finds each field of a chart among the result's columns (names ignore case; a `:Q`, `:O`,
 * `:N` or `:T` suffix picks the measurement type, as in Vega-Lite's shorthand). Without a
 * suffix the type follows the column: TIMESTAMP is temporal, numbers and intervals
 * quantitative, text and booleans nominal. An unknown column is UNKNOWN_COLUMN.
 */
export function resolveChart(schema: Schema, request: ChartRequest): ResolvedChart {
  const field = (spec: string | undefined, role: string): ChartField | null => {
    if (spec === undefined) return null;
    const m = /^(.*?)(?::([QONT]))?$/i.exec(spec)!;
    const name = m[1]!;
    const column = schema.findIndex((f) => f.name === name) >= 0 ? schema.findIndex((f) => f.name === name) : schema.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
    if (column < 0) {
      throw new LaminarError('UNKNOWN_COLUMN', `the chart's ${role} field '${name}' is not a column of the result`, {
        hint: `the columns are ${schema.map((f) => f.name).join(', ')}`,
      });
    }
    const f = schema[column]!;
    return { column, name: f.name, type: m[2] === undefined ? naturalFieldType(f.type) : SHORTHAND[m[2].toUpperCase()]! };
  };
  return {
    mark: request.mark,
    x: field(request.x, 'x')!,
    y: field(request.y, 'y')!,
    color: field(request.color, 'color'),
    facet: field(request.facet, 'facet'),
    title: request.title ?? null,
  };
}

export function naturalFieldType(type: SqlType): FieldType {
  switch (type) {
    case 'TIMESTAMP':
      return 'temporal';
    case 'INT':
    case 'BIGINT':
    case 'DOUBLE':
    case 'INTERVAL':
      return 'quantitative';
    case 'VARCHAR':
    case 'BOOLEAN':
      return 'nominal';
  }
}

const WIDTH = 520;
const HEIGHT = 260;

/**
 * A Vega-Lite v5 spec drawing the rows: the data inline (`data.values`, only the charted
 * columns), TIMESTAMP as milliseconds since the epoch on a UTC time scale (the engine's
 * timestamps have no time zone), INTERVAL as milliseconds, NaN and infinities as null.
 * A facet makes small multiples, three to a row.
 */
export function vegaLiteSpec(rows: Rows, chart: ResolvedChart, subtitle?: string): Record<string, unknown> {
  const fields = [chart.x, chart.y, chart.color, chart.facet].filter((f): f is ChartField => f !== null);
  const unique = [...new Map(fields.map((f) => [f.column, f])).values()];
  const { schema, batch } = rows;
  const values: Record<string, unknown>[] = new Array<Record<string, unknown>>(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const o: Record<string, unknown> = {};
    for (const f of unique) o[f.name] = jsonValue(valueAt(batch.columns[f.column]!, i), schema[f.column]!.type);
    values[i] = o;
  }
  const encode = (f: ChartField, channel: string): Record<string, unknown> => ({
    field: f.name,
    type: f.type,
    title: f.name,
    ...(f.type === 'temporal' ? { scale: { type: 'utc' }, axis: { format: timeFormat(values, f.name) } } : {}),
    // Lines and points show variation: their value axis need not start at zero.
    ...(channel === 'y' && f.type === 'quantitative' && (chart.mark === 'line' || chart.mark === 'point') ? { scale: { zero: false } } : {}),
  });
  const encoding: Record<string, unknown> = { x: encode(chart.x, 'x'), y: encode(chart.y, 'y') };
  if (chart.color) encoding.color = encode(chart.color, 'color');
  encoding.tooltip = unique.map((f) => ({ field: f.name, type: f.type }));
  const mark = { type: chart.mark, ...(chart.mark === 'line' || chart.mark === 'area' ? { interpolate: 'linear' } : {}) };
  // Vega draws no subtitle under an empty title: the status line is then the title.
  const title = chart.title !== null ? { text: chart.title, ...(subtitle !== undefined ? { subtitle } : {}) } : subtitle !== undefined ? { text: subtitle, fontSize: 11, fontWeight: 'normal' } : undefined;
  const top = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', ...(title ? { title } : {}), data: { values } };
  if (chart.facet) {
    return { ...top, facet: { field: chart.facet.name, type: chart.facet.type, title: chart.facet.name }, columns: 3, spec: { width: 200, height: 140, mark, encoding } };
  }
  return { ...top, width: WIDTH, height: HEIGHT, mark, encoding };
}

/** Axis labels detailed enough for the time span of the data (UTC, as the engine's timestamps). */
function timeFormat(values: readonly Record<string, unknown>[], field: string): string {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    const t = v[field];
    if (typeof t !== 'number') continue;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const span = max - min;
  if (!(span >= 0) || span < 60_000) return '%H:%M:%S.%L';
  if (span < 86_400_000) return '%H:%M:%S';
  return '%Y-%m-%d %H:%M';
}

function jsonValue(value: number | string | boolean | null, type: SqlType): unknown {
  if (value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return type === 'TIMESTAMP' || type === 'INTERVAL' ? value / 1000 : value;
  }
  return value;
}
