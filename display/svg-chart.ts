/**
 * Renders a Vega-Lite spec to SVG in Node, with `vega` (no browser, no canvas): the fallback
 * for frontends without a Vega-Lite renderer (nbconvert's HTML, the classic Notebook, GitHub).
 * vega and vega-lite are large, so they load on the first chart, not at startup.
 */
export async function renderSvg(vegaLiteSpec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // A copy: vega marks the data objects it ingests, and the spec is also sent as it is.
  const copy = JSON.parse(JSON.stringify(vegaLiteSpec)) as Parameters<typeof vegaLite.compile>[0];
  const compiled = vegaLite.compile(copy).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
