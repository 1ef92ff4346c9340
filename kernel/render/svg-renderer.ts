import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderSvg } from '../../display/index.js';

/**
 * Draws chart SVGs in one worker thread, started on the first chart and stopped by `close()`
 * (kernel shutdown). When the compiled worker is not there (tests running the TypeScript
 * sources), it draws on the calling thread instead.
 */
export class SvgRenderer {
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (svg: string) => void; reject: (e: Error) => void }>();
  private readonly script = fileURLToPath(new URL('./svg-worker.js', import.meta.url));

  render(spec: Record<string, unknown>): Promise<string> {
    const worker = this.start();
    if (worker === null) return renderSvg(spec);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, spec });
    });
  }

  /** Stops the worker thread; drawings in progress fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('the SVG renderer was closed'));
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    if (!existsSync(this.script)) return null;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (m: { id: number; svg?: string; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.svg !== undefined) p?.resolve(m.svg);
      else p?.reject(new Error(m.error ?? 'the SVG could not be drawn'));
    });
    worker.on('error', (e) => this.failAll(e));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('the SVG renderer stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
