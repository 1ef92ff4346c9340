import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jupyterEnv, lastJson, python, ROOT, type JupyterEnv } from './jupyter-env.js';

interface Output {
  type: string;
  mimes?: string[];
  text?: string;
  name?: string;
  ename?: string;
}
type Summary = Record<string, { source: string; outputs: Output[] }[]>;

const KERNEL_NOTEBOOK = join(ROOT, 'test/kernel/notebooks/live-and-charts.ipynb');
const USER_NOTEBOOK = join(ROOT, 'notebooks/streaming-sql.ipynb');

let jupyter: JupyterEnv;
let summary: Summary;
beforeAll(async () => {
  jupyter = await jupyterEnv();
  mkdirSync(join(jupyter.dir, 'executed'));
  const result = await python(['run_notebooks.py', join(jupyter.dir, 'executed'), KERNEL_NOTEBOOK, USER_NOTEBOOK], jupyter.env);
  summary = lastJson<Summary>(result);
}, 300_000);
afterAll(() => {
  expect(jupyter.strayKernels()).toEqual([]);
  jupyter.cleanup();
});

const outputsOf = (notebook: string) => summary[notebook]!.flatMap((c) => c.outputs);

describe('notebooks executed headless by nbclient', () => {
  it.each(['live-and-charts.ipynb', 'streaming-sql.ipynb'])('%s runs without errors; every chart has an SVG fallback and no HTML', (name) => {
    const outputs = outputsOf(name);
    expect(outputs.filter((o) => o.type === 'error')).toEqual([]);
    const charts = outputs.filter((o) => o.mimes?.includes('application/vnd.vegalite.v5+json'));
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const c of charts) expect(c.mimes).toEqual(['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']);
  });

  it('complete results carry text, HTML and Arrow; live displays end in their final state', () => {
    const cells = summary['live-and-charts.ipynb']!;
    const complete = cells[1]!.outputs[0]!;
    expect(complete.type).toBe('execute_result');
    expect(complete.mimes).toEqual(['application/vnd.apache.arrow.stream', 'text/html', 'text/plain']);
    expect(complete.text).toMatch(/^symbol VARCHAR │ n BIGINT │ avg_price DOUBLE\n/);
    // The live table and chart were stopped by `%stop all`: nbclient applied the final updates.
    const liveTable = cells[5]!.outputs[0]!;
    expect(liveTable.type).toBe('display_data');
    // How many of the 10 symbols it saw depends on the machine's speed; that it stopped does not.
    expect(liveTable.text).toMatch(/\((\d+) rows?\)\nq\d+ · stopped · \1 rows?/);
    const liveChart = cells[6]!.outputs[0]!;
    expect(liveChart.text).toMatch(/^<area chart of volume by symbol: \d+ rows?>\nq\d+ · stopped/);
    expect(cells[8]!.outputs[0]).toMatchObject({ type: 'stream', text: 'stopped 2 live displays\n' });
  });

  it('jupyter nbconvert --execute --to html keeps the SVG charts', async () => {
    const out = join(jupyter.dir, 'html');
    await promisify(execFile)('/usr/bin/jupyter', ['nbconvert', '--execute', '--to', 'html', '--output-dir', out, USER_NOTEBOOK], { env: jupyter.env, timeout: 240_000 });
    const html = readFileSync(join(out, 'streaming-sql.html'), 'utf8');
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(html).toContain('<table class="laminardb-result">');
    expect(html).not.toMatch(/jp-RenderedText[^>]*data-mime-type="application\/vnd.jupyter.stderr"/);
  }, 300_000);
});
