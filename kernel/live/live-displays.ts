import type { LiveDisplay } from './live-display.js';

/** The live displays of a kernel, by query id. */
export class LiveDisplays {
  private readonly displays = new Map<string, LiveDisplay>();

  add(display: LiveDisplay): void {
    this.displays.set(display.id, display);
  }

  remove(display: LiveDisplay): void {
    if (this.displays.get(display.id) === display) this.displays.delete(display.id);
  }

  get(id: string): LiveDisplay | undefined {
    return this.displays.get(id) ?? [...this.displays.values()].find((d) => d.id.toLowerCase() === id.toLowerCase());
  }

  list(): LiveDisplay[] {
    return [...this.displays.values()];
  }

  /** Stops every live display; resolves after their final updates. */
  async stopAll(): Promise<void> {
    const all = this.list();
    for (const d of all) d.stop();
    await Promise.all(all.map((d) => d.finished));
  }

  /** After `%config update_rate`. */
  retimeAll(): void {
    for (const d of this.displays.values()) d.retime();
  }
}
