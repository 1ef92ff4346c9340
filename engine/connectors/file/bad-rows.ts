import { open, type FileHandle } from 'node:fs/promises';
import { LaminarError } from '../../errors/laminar-error.js';
import type { SourceMetrics } from '../source.js';
import type { OnError } from './config.js';

/** A row that cannot be read: where it is, why, and its text (or values) for the dead letter. */
export interface BadRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly row: unknown;
}

/**
 * Applies the on_error policy. Nothing is ever dropped silently: 'skip' counts the row in
 * metrics.badRows (and keeps the reason in metrics.lastError), 'dead_letter' counts it and
 * appends it to the dead-letter file as one JSON line, 'fail' turns it into an error.
 *
 * `report` never throws: for 'fail' it returns the error, so that the reader can first emit
 * the rows before the bad one (then the rows a reader emitted before failing do not depend on
 * the batch size) and then throw.
 */
export class BadRowPolicy {
  private pending: string[] = [];
  private handle: FileHandle | null = null;

  private constructor(
    private readonly onError: OnError,
    private readonly deadLetterPath: string | null,
    private readonly metrics: SourceMetrics,
  ) {}

  /** Opens the dead-letter file (append mode, created if missing) so a bad path fails early. */
  static async open(
    onError: OnError,
    deadLetterPath: string | null,
    metrics: SourceMetrics,
  ): Promise<BadRowPolicy> {
    const policy = new BadRowPolicy(onError, deadLetterPath, metrics);
    if (onError === 'dead_letter' && deadLetterPath !== null) {
      try {
        policy.handle = await open(deadLetterPath, 'a');
      } catch (e) {
        throw new LaminarError(
          'IO_ERROR',
          `cannot open the dead-letter file '${deadLetterPath}': ${(e as Error).message}`,
          { cause: e },
        );
      }
    }
    return policy;
  }

  /** True when bad rows are written out, so readers must keep each row's text. */
  get keepsRows(): boolean {
    return this.onError === 'dead_letter';
  }

  /** Records a bad row; returns the error to throw under on_error = 'fail', else null. */
  report(bad: BadRow): LaminarError | null {
    if (this.onError === 'fail') {
      return new LaminarError('BAD_INPUT_ROW', bad.reason, {
        location: { kind: 'file', path: bad.file, line: bad.line },
        hint: "set on_error = 'skip' or 'dead_letter' in CREATE SOURCE to read past bad rows",
      });
    }
    this.metrics.badRows++;
    this.metrics.lastError = `${bad.file}, line ${bad.line}: ${bad.reason}`;
    if (this.onError === 'dead_letter') {
      this.pending.push(
        JSON.stringify({ file: bad.file, line: bad.line, reason: bad.reason, row: bad.row }) + '\n',
      );
    }
    return null;
  }

  /** Writes the dead letters reported so far. Readers call it before emitting each chunk. */
  async flush(): Promise<void> {
    if (this.pending.length === 0 || this.handle === null) return;
    const text = this.pending.join('');
    this.pending = [];
    try {
      await this.handle.write(text);
    } catch (e) {
      throw new LaminarError(
        'IO_ERROR',
        `cannot write the dead-letter file '${this.deadLetterPath}': ${(e as Error).message}`,
        { cause: e },
      );
    }
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      const h = this.handle;
      this.handle = null;
      await h?.close();
    }
  }
}
