/** Events per second over the last few seconds, from counts recorded as they happen. */
export class RateMeter {
  private readonly samples: { t: number; total: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 3000) {}

  record(events: number): void {
    this.total += events;
    const t = performance.now();
    const last = this.samples[this.samples.length - 1];
    if (last && t - last.t < 100) {
      last.total = this.total;
      return;
    }
    this.samples.push({ t, total: this.total });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
  }

  /** The recent rate; 0 once nothing has arrived for a whole window. */
  perSecond(): number {
    const a = this.samples[0];
    const b = this.samples[this.samples.length - 1];
    if (!a || !b || b.t === a.t || performance.now() - b.t > this.windowMs) return 0;
    return ((b.total - a.total) * 1000) / (b.t - a.t);
  }
}
