type KeyListener = (text: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => void;

/**
 * Takes the keyboard away from the line editor while something runs. Ctrl-C then stops what
 * runs (instead of editing the prompt, or closing the shell on a second press); every other
 * key is kept and handed to the editor afterwards, so text typed or pasted ahead is not lost.
 */
export class KeyCapture {
  private saved: KeyListener[] | null = null;
  private kept: Parameters<KeyListener>[] = [];
  private readonly listener: KeyListener = (text, key) => {
    if (key?.ctrl === true && key.name === 'c') this.onInterrupt();
    else this.kept.push([text, key]);
  };
  private onInterrupt: () => void = () => {};

  constructor(private readonly input: NodeJS.ReadableStream) {}

  start(onInterrupt: () => void): void {
    if (this.saved !== null) return;
    this.onInterrupt = onInterrupt;
    this.saved = this.input.listeners('keypress') as KeyListener[];
    this.input.removeAllListeners('keypress');
    this.input.on('keypress', this.listener);
  }

  /** Gives the keyboard back; returns a function that replays the keys kept meanwhile. */
  stop(): () => void {
    const saved = this.saved;
    if (saved === null) return () => {};
    this.saved = null;
    this.input.off('keypress', this.listener);
    for (const l of saved) this.input.on('keypress', l);
    const kept = this.kept.splice(0);
    return () => {
      for (const [text, key] of kept) for (const l of saved) l(text, key);
    };
  }
}
