/**
 * A sliding-window limiter for FRED: at most `perSecond` requests in any 1 s and `perMinute` in any
 * 60 s (FRED allows 120/min; we stay at 1/s and 100/min), plus a pause when the server answers 429.
 * Clock and sleep are injected so tests can run 1,000 requests under fake time.
 */
export interface RateLimiterOptions {
  readonly perSecond: number;
  readonly perMinute: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class RateLimiter {
  private readonly stamps: number[] = [];
  private pausedUntil = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: RateLimiterOptions) {}

  /** Waits until a request may start, then records it. Calls are served in order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const next = this.chain.then(() => this.waitTurn(signal));
    // A cancelled waiter must not block the queue behind it.
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The server said 429: no request before `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.opts.now() + ms);
  }

  private async waitTurn(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.opts.now();
      while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - 60_000) this.stamps.shift();
      let wait = Math.max(0, this.pausedUntil - now);
      const inLastSecond = this.stamps.filter((t) => t > now - 1_000);
      if (inLastSecond.length >= this.opts.perSecond) {
        wait = Math.max(wait, (inLastSecond[inLastSecond.length - this.opts.perSecond] ?? now) + 1_000 - now);
      }
      if (this.stamps.length >= this.opts.perMinute) {
        wait = Math.max(wait, (this.stamps[this.stamps.length - this.opts.perMinute] ?? now) + 60_000 - now);
      }
      if (wait <= 0) {
        this.stamps.push(now);
        return;
      }
      await this.opts.sleep(wait, signal);
    }
  }
}
