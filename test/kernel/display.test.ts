import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { formatHtmlTable, formatLiveStatus, renderSvg, resolveChart, vegaLiteSpec } from '../../display/index.js';
import { open } from '../../engine/index.js';
import { parseChartArgs, splitWords } from '../../kernel/magics/chart-args.js';
import { changeSetting, DEFAULT_SETTINGS } from '../../kernel/settings.js';

async function table(sql: string) {
  const session = await open();
  const [r] = await session.execute(sql);
  await session.close();
  if (r?.kind !== 'table') throw new Error('expected a table');
  return r.table;
}

describe('HTML tables', () => {
  it('puts types in the header, escapes values, aligns numbers right', async () => {
    const t = await table(`SELECT '<b>&"x"' AS "a<b>", 12 AS n, NULL::VARCHAR AS z`);
    const html = formatHtmlTable(t);
    expect(html).toContain('<th style="text-align:left">a&lt;b&gt;<br><span style="font-weight:normal;opacity:0.6">VARCHAR</span></th>');
    expect(html).toContain('<td style="text-align:left">&lt;b&gt;&amp;&quot;x&quot;</td><td style="text-align:right">12</td><td style="text-align:left">NULL</td>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('(1 row)');
  });

  it('shows at most maxRows rows, then how many more', async () => {
    const t = await table(`SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3`);
    const html = formatHtmlTable(t, { maxRows: 2, caption: 'q1 · running' });
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('… 1 more row (3 rows)');
    expect(html).toContain('q1 · running');
  });
});

describe('live status line', () => {
  it('rows, rate, watermark and late rows; stopped for cancelled', () => {
    expect(formatLiveStatus({ id: 'q3', status: 'running', rows: 1204, eventsPerSecond: 2_100_000, watermark: 1704067205000000, lateRows: 0 })).toBe(
      'q3 · running · 1,204 rows · 2.1M events/s · watermark 2024-01-01 00:00:05 · 0 late rows',
    );
    expect(formatLiveStatus({ id: 'q3', status: 'cancelled', rows: 1, shown: 1, eventsPerSecond: 0, watermark: null, lateRows: null })).toBe('q3 · stopped · 1 row · 0 events/s');
    expect(formatLiveStatus({ id: 'q1', status: 'finished', rows: 50, shown: 20, eventsPerSecond: 1500, watermark: Infinity, lateRows: 2 })).toBe(
      'q1 · finished · 50 rows (latest 20 shown) · 1.5K events/s · watermark end of input · 2 late rows',
    );
  });
});

describe('charts', () => {
  const sql = `SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1' SECOND * (x % 3) AS ts, CAST(x AS DOUBLE) AS price, CASE WHEN x < 3 THEN 'A' ELSE 'B' END AS sym FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS t`;

  it.each(['line', 'bar', 'area', 'point'] as const)('a %s chart compiles with the Vega-Lite v5 compiler and renders to SVG', async (mark) => {
    const t = await table(sql);
    const chart = resolveChart(t.schema, { mark, x: 'ts', y: 'price', color: 'sym' });
    const spec = vegaLiteSpec(t, chart, 'q1 · finished');
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    const vega = compile(spec as never).spec;
    expect(vega.marks?.length).toBeGreaterThan(0);
    const svg = await renderSvg(spec);
    expect(svg).toMatch(/^<svg[^>]*>/);
    expect(svg).toContain('price');
    expect(svg).toContain('q1 · finished');
  });

  it('facets into small multiples', async () => {
    const t = await table(sql);
    const spec = vegaLiteSpec(t, resolveChart(t.schema, { mark: 'point', x: 'ts', y: 'price', facet: 'sym' }));
    expect(spec.facet).toEqual({ field: 'sym', type: 'nominal', title: 'sym' });
    expect(compile(spec as never).spec).toBeDefined();
    expect(await renderSvg(spec)).toContain('<svg');
  });

  it('types fields by column type, or by a :Q :O :N :T suffix; unknown columns are errors', async () => {
    const t = await table(sql);
    const c = resolveChart(t.schema, { mark: 'bar', x: 'SYM', y: 'price:O' });
    expect(c.x).toEqual({ column: 2, name: 'sym', type: 'nominal' });
    expect(c.y.type).toBe('ordinal');
    expect(() => resolveChart(t.schema, { mark: 'bar', x: 'sym', y: 'cost' })).toThrow("the chart's y field 'cost' is not a column of the result");
  });

  it('%chart arguments', () => {
    expect(parseChartArgs(`line x=ts y=price color=sym title="Prices over time"`)).toEqual({ mark: 'line', x: 'ts', y: 'price', color: 'sym', title: 'Prices over time' });
    expect(() => parseChartArgs('pie x=a y=b')).toThrow(/unknown chart type 'pie'/);
    expect(() => parseChartArgs('bar x=a')).toThrow(/x= and y= are required/);
    expect(() => parseChartArgs('bar x=a y=b size=c')).toThrow(/'size=c' is not one of/);
    expect(splitWords(`a 'b c' "d"`)).toEqual(['a', 'b c', 'd']);
  });
});

describe('%config settings', () => {
  it('validates names and ranges', () => {
    expect(changeSetting(DEFAULT_SETTINGS, 'update_rate', '2.5').updateRate).toBe(2.5);
    expect(changeSetting(DEFAULT_SETTINGS, 'MAX_ROWS', '50').maxRows).toBe(50);
    expect(() => changeSetting(DEFAULT_SETTINGS, 'update_rate', '0')).toThrow('update_rate must be a number from 0.1 to 50');
    expect(() => changeSetting(DEFAULT_SETTINGS, 'max_rows', '1.5')).toThrow('a whole number');
    expect(() => changeSetting(DEFAULT_SETTINGS, 'workers', '4')).toThrow("unknown setting 'workers'");
  });
});
