import type { Rows } from '../display/index.js';
import { changeOpConflict } from '../display/index.js';
import { LaminarError, type StatementResult, type Subscription } from '../engine/index.js';
import { FORMAT_SPECS, type FormatSpec } from './formats.js';
import type { Output } from './output.js';
import type { Format } from './run-args.js';
import type { Stop } from './stop.js';

/**
 * Prints statement results as `laminar run` does: acknowledgements on stderr, results
 * (queries, SHOW, DESCRIBE, EXPLAIN) on stdout in the chosen format, a blank line between
 * two results.
 */
export class ResultPrinter {
  private readonly spec: FormatSpec;
  private results = 0;

  constructor(
    private readonly format: Format,
    private readonly stdout: Output,
    private readonly stderr: Output,
    private readonly stop: Pick<Stop, 'signal' | 'requested'>,
  ) {
    this.spec = FORMAT_SPECS[format];
  }

  async print(result: StatementResult): Promise<void> {
    switch (result.kind) {
      case 'ok':
        return this.stderr.writeLines([result.message]);
      case 'table':
        await this.startResult();
        return this.printComplete(result.table);
      case 'subscription':
        return this.spec.live.kind === 'stream'
          ? this.streamChanges(result.subscription, this.spec.live)
          : this.printWhenStopped(result.subscription);
    }
  }

  private async startResult(): Promise<void> {
    if (this.results++ > 0) await this.stdout.write('\n');
  }

  private async printComplete(rows: Rows): Promise<void> {
    for (const lines of this.spec.complete(rows)) {
      if (this.stdout.closed) return;
      await this.stdout.writeLines(lines);
    }
  }

  /** Every change as it happens, until the query ends or the run is stopped. */
  private async streamChanges(sub: Subscription, live: Extract<FormatSpec['live'], { kind: 'stream' }>): Promise<void> {
    // The iterator is taken before anything else is awaited: it then sees every change from
    // the query's start (one taken later would begin with the rows current at that time).
    const changes = sub[Symbol.asyncIterator]();
    const cancel = (): void => sub.cancel();
    this.stop.signal.addEventListener('abort', cancel, { once: true });
    try {
      if (this.stop.signal.aborted) sub.cancel();
      if (this.format === 'json') refuseOpColumn(sub);
      await this.startResult();
      await this.stdout.writeLines(live.header(sub.schema));
      for (;;) {
        const next = await changes.next();
        if (next.done === true) break;
        await this.stdout.writeLines(live.changes(next.value));
      }
    } finally {
      this.stop.signal.removeEventListener('abort', cancel);
      sub.cancel();
      await changes.return?.();
    }
  }

  /** The rows current when the query ends by itself or the run is stopped (Ctrl-C). */
  private async printWhenStopped(sub: Subscription): Promise<void> {
    await this.stderr.writeLines(['live query: its rows are printed when it ends, or now if you press Ctrl-C']);
    await Promise.race([sub.done, this.stop.requested]);
    sub.cancel();
    await sub.done;
    if (sub.status === 'failed') throw sub.error ?? new LaminarError('QUERY_FAILED', 'the query failed');
    if (this.stdout.closed) return;
    await this.startResult();
    await this.printComplete(sub.snapshot());
  }
}

/** `{"op":…}` lines would be ambiguous if the result had its own `op` column. */
function refuseOpColumn(sub: Subscription): void {
  const name = changeOpConflict(sub.schema);
  if (name === null) return;
  throw new LaminarError('DUPLICATE_COLUMN', `the result has a column named '${name}', which --format json needs for the changes of a live query`, {
    hint: 'rename that column in the query, or use --format changelog',
  });
}
