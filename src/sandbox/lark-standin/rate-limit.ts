// Sliding-window counters over real time (performance.now): "at most N in any W ms".

export class SlidingWindow {
  private hits: number[] = [];
  constructor(private readonly longestWindowMs: number) {}

  /** How many hits fell in the last `windowMs` before `at`. */
  count(at: number, windowMs: number): number {
    this.prune(at);
    let n = 0;
    for (let i = this.hits.length - 1; i >= 0 && this.hits[i] > at - windowMs; i--) n++;
    return n;
  }

  /** ms until the oldest hit inside the window leaves it (0 if the window is empty). */
  msUntilFree(at: number, windowMs: number): number {
    const inWindow = this.hits.filter((t) => t > at - windowMs);
    return inWindow.length ? Math.max(0, inWindow[0] + windowMs - at) : 0;
  }

  hit(at: number): void {
    this.hits.push(at);
  }

  private prune(at: number): void {
    const cut = at - this.longestWindowMs;
    let i = 0;
    while (i < this.hits.length && this.hits[i] <= cut) i++;
    if (i) this.hits.splice(0, i);
  }
}

/** One window per key (per receive target, per message). */
export class KeyedWindows {
  private windows = new Map<string, SlidingWindow>();
  constructor(private readonly windowMs: number) {}

  /** Records a hit and returns true if fewer than `limit` hits were in the window; false (no hit) otherwise. */
  tryHit(key: string, limit: number, at: number): boolean {
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = new SlidingWindow(this.windowMs)));
    if (w.count(at, this.windowMs) >= limit) return false;
    w.hit(at);
    return true;
  }
}
