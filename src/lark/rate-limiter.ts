// Lark's send limits on our side: sliding windows (50/s and 1000/min per app, 5/s per user or group), waiting, never refusing.
//
// Sliding-window logs rather than a token bucket or fixed windows (what rate-limiter libraries offer): a bucket or a
// fixed window lets ~2× the limit through across a window boundary, and Lark counts any 1-second span. Requests are
// also paced evenly (one per (1 s + margin) / limit), because a burst of 50 sent at once arrives spread out and
// would overlap the next second's burst at the receiving end. A request counts from when it is let through until it is
// answered (`settle`), and then for a whole window from its answer: Lark counts it when it arrives, which may be later
// than we let it go (a token fetch first, a busy event loop), and never later than its answer.

export interface RateLimits {
  appPerSecond: number;
  appPerMinute: number;
  perTargetPerSecond: number;
  /** Extra milliseconds added to each window, for network jitter between our clock and Lark's. */
  marginMs: number;
}

export const LARK_LIMITS: RateLimits = { appPerSecond: 50, appPerMinute: 1000, perTargetPerSecond: 5, marginMs: 40 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request in a window: stamped when let through, stamped again when answered. */
interface Stamp {
  at: number;
}

class Window {
  private stamps: Stamp[] = [];
  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}
  /** Milliseconds to wait before one more is allowed (0 = now). */
  waitAt(now: number): number {
    if (this.stamps.some((s) => s.at <= now - this.spanMs)) this.stamps = this.stamps.filter((s) => s.at > now - this.spanMs);
    if (this.stamps.length < this.limit) return 0;
    const sorted = this.stamps.map((s) => s.at).sort((a, b) => a - b);
    return sorted[this.stamps.length - this.limit]! + this.spanMs - now;
  }
  record(stamp: Stamp): void {
    this.stamps.push(stamp);
  }
  get idle(): boolean {
    return this.stamps.length === 0;
  }
}

export class RateLimiter {
  private readonly appSecond: Window;
  private readonly appMinute: Window;
  private readonly targets = new Map<string, Window>();
  private readonly spacingMs: number;
  private last = -Infinity;

  constructor(
    private readonly limits: RateLimits = LARK_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.appSecond = new Window(limits.appPerSecond, 1000 + limits.marginMs);
    this.appMinute = new Window(limits.appPerMinute, 60_000 + limits.marginMs);
    this.spacingMs = (1000 + limits.marginMs) / limits.appPerSecond;
  }

  /**
   * Waits until one more request (to `target`, if given) fits every window, then counts it. Call the returned
   * `settle` when the request is answered (or failed): from then on it counts a whole window from its answer.
   */
  async acquire(target?: string): Promise<() => void> {
    for (;;) {
      const t = this.now();
      const perTarget = target ? this.windowFor(target) : undefined;
      const wait = Math.max(this.last + this.spacingMs - t, this.appSecond.waitAt(t), this.appMinute.waitAt(t), perTarget?.waitAt(t) ?? 0);
      if (wait <= 0) {
        this.last = t;
        const stamp: Stamp = { at: t };
        this.appSecond.record(stamp);
        this.appMinute.record(stamp);
        perTarget?.record(stamp);
        return () => {
          stamp.at = Math.max(stamp.at, this.now());
        };
      }
      await sleep(Math.ceil(wait));
    }
  }

  private windowFor(target: string): Window {
    let w = this.targets.get(target);
    if (!w) {
      if (this.targets.size > 10_000) {
        const t = this.now();
        for (const [k, v] of this.targets) if (v.waitAt(t) === 0 && v.idle) this.targets.delete(k);
      }
      w = new Window(this.limits.perTargetPerSecond, 1000 + this.limits.marginMs);
      this.targets.set(target, w);
    }
    return w;
  }
}
