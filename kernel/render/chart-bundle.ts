import { vegaLiteSpec, type ResolvedChart, type Rows } from '../../display/index.js';
import { MIME, type MimeBundle } from '../protocol/mime.js';

/**
 * A chart: the Vega-Lite v5 spec (JupyterLab, VS Code), an SVG rendered here by vega for
 * frontends without Vega-Lite (nbconvert, the classic Notebook), and a line of text. Never
 * text/html: frontends prefer HTML to Vega-Lite and would show that instead. `svg` draws the
 * SVG, or is one drawn earlier (live charts redraw it less often than the spec changes).
 */
export async function chartBundle(rows: Rows, chart: ResolvedChart, svg: string | ((spec: Record<string, unknown>) => Promise<string>), status?: string): Promise<MimeBundle> {
  const spec = vegaLiteSpec(rows, chart, status);
  if (typeof svg !== 'string') svg = await svg(spec);
  const what = `${chart.mark} chart of ${chart.y.name} by ${chart.x.name}${chart.color ? `, color ${chart.color.name}` : ''}${chart.facet ? `, facet ${chart.facet.name}` : ''}`;
  return {
    [MIME.vegaLite]: spec,
    [MIME.svg]: svg,
    [MIME.text]: `<${what}: ${rows.batch.length} row${rows.batch.length === 1 ? '' : 's'}>${status !== undefined ? `\n${status}` : ''}`,
  };
}
