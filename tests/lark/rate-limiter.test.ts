// The rate limiter on fake time: its waits are timers and its clock performance.now(), both faked, so pacing is exact
// and a busy machine cannot move a stamp.
import { describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../src/lark/rate-limiter.ts';

/** Runs `scenario` with faked timers and performance.now(), firing every timer until it ends. */
async function onFakeTime<T>(scenario: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  try {
    const done = scenario();
    await vi.runAllTimersAsync();
    return await done;
  } finally {
    vi.useRealTimers();
  }
}

/** The largest number of stamps inside any window of `spanMs`. */
function busiest(stamps: number[], spanMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < stamps.length; i++) {
    while (stamps[i]! - stamps[j]! >= spanMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('the rate limiter', () => {
  it('paces requests evenly: 20 per second go out one every 50 ms, not in a burst', async () => {
    const stamps = await onFakeTime(async () => {
      const limiter = new RateLimiter({ appPerSecond: 20, appPerMinute: 1000, perTargetPerSecond: 100, marginMs: 0 });
      const at: number[] = [];
      for (let i = 0; i < 11; i++) {
        await limiter.acquire();
        at.push(performance.now());
      }
      return at;
    });
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
    expect(stamps.at(-1)! - stamps[0]!).toBe(500);
  });

  it('never lets more than the per-second limit into any sliding second, even across window edges', async () => {
    const stamps = await onFakeTime(async () => {
      const limiter = new RateLimiter({ appPerSecond: 10, appPerMinute: 1000, perTargetPerSecond: 100, marginMs: 0 });
      const at: number[] = [];
      await Promise.all(
        Array.from({ length: 35 }, async () => {
          await limiter.acquire();
          at.push(performance.now());
        }),
      );
      return at;
    });
    stamps.sort((a, b) => a - b);
    expect(stamps).toHaveLength(35);
    expect(busiest(stamps, 1000)).toBeLessThanOrEqual(10);
  });

  it('counts a request from its answer: one answered late still fills the second after it reached Lark', async () => {
    const third = await onFakeTime(async () => {
      const limiter = new RateLimiter({ appPerSecond: 2, appPerMinute: 1000, perTargetPerSecond: 100, marginMs: 0 });
      const start = performance.now();
      const settleFirst = await limiter.acquire(); // let through at 0 ms, answered only at 800 ms (Lark may have counted it then)
      (await limiter.acquire())(); // the second, at 500 ms (paced), answered at once
      await new Promise((r) => setTimeout(r, 800 - (performance.now() - start)));
      settleFirst();
      await limiter.acquire();
      return performance.now() - start;
    });
    // not at 1000 ms (a second after the first was let through) but at 1500 ms, when the second leaves the window
    expect(third).toBe(1500);
  });

  it('holds each target to its own limit without holding back other targets', async () => {
    const [others, thirdToA] = await onFakeTime(async () => {
      const limiter = new RateLimiter({ appPerSecond: 1000, appPerMinute: 10000, perTargetPerSecond: 2, marginMs: 0 });
      const start = performance.now();
      await limiter.acquire('ou_a');
      await limiter.acquire('ou_a');
      for (const t of ['ou_b', 'ou_c', 'ou_d']) await limiter.acquire(t);
      const othersAt = performance.now() - start;
      await limiter.acquire('ou_a');
      return [othersAt, performance.now() - start];
    });
    expect(others).toBeLessThan(10); // only the app's 1 ms pacing between requests
    expect(thirdToA).toBeGreaterThanOrEqual(1000);
  });
});
