/**
 * A text output (stdout or stderr) that respects backpressure and survives its reader going
 * away. `write` resolves when the stream can take more, so a fast query printing to a slow
 * pipe slows down instead of buffering without bound. When the reader closes the pipe
 * (`laminar run … | head`), writing fails with EPIPE: the output then turns into a sink that
 * drops text and reports `closed`, and the run stops quietly.
 */
export class Output {
  private closedError: Error | null = null;
  private readonly closeListeners: (() => void)[] = [];

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (e: Error) => this.fail(e));
  }

  /** True once writing failed (the reader went away). */
  get closed(): boolean {
    return this.closedError !== null;
  }

  /** The write error, if it was something other than the reader closing the pipe. */
  get failure(): Error | null {
    const e = this.closedError;
    return e !== null && (e as NodeJS.ErrnoException).code !== 'EPIPE' ? e : null;
  }

  /** Calls `listener` once, when the output closes. */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Writes text; resolves when the stream has room for more. */
  write(text: string): Promise<void> {
    if (this.closed || text === '') return Promise.resolve();
    if (this.stream.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.onClose(done);
    });
  }

  /** Writes lines, each followed by '\n', in one piece. */
  writeLines(lines: readonly string[]): Promise<void> {
    return lines.length === 0 ? Promise.resolve() : this.write(lines.join('\n') + '\n');
  }

  /** Resolves once everything written so far has been handed to the operating system. */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.onClose(resolve);
      this.stream.write('', () => resolve());
    });
  }

  private fail(e: Error): void {
    if (this.closedError !== null) return;
    this.closedError = e;
    for (const l of this.closeListeners.splice(0)) l();
  }
}
