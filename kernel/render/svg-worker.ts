/**
 * A worker thread that draws Vega-Lite specs as SVG (see SvgRenderer): vega's rendering is
 * synchronous work of up to hundreds of milliseconds, which would otherwise hold up the
 * engine, the sockets and the timers of live displays.
 */
import { parentPort } from 'node:worker_threads';
import { renderSvg } from '../../display/index.js';

parentPort?.on('message', (request: { id: number; spec: Record<string, unknown> }) => {
  renderSvg(request.spec).then(
    (svg) => parentPort!.postMessage({ id: request.id, svg }),
    (e: unknown) => parentPort!.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
