import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/lark/rate-limiter.ts';

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
    const limiter = new RateLimiter({ appPerSecond: 20, appPerMinute: 1000, perTargetPerSecond: 100, marginMs: 0 });
    const stamps: number[] = [];
    for (let i = 0; i < 11; i++) {
      await limiter.acquire();
      stamps.push(performance.now());
    }
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(49);
    expect(stamps.at(-1)! - stamps[0]!).toBeLessThan(700);
  });

  it('never lets more than the per-second limit into any sliding second, even across window edges', async () => {
    const limiter = new RateLimiter({ appPerSecond: 10, appPerMinute: 1000, perTargetPerSecond: 100, marginMs: 0 });
    const stamps: number[] = [];
    await Promise.all(
      Array.from({ length: 35 }, async () => {
        await limiter.acquire();
        stamps.push(performance.now());
      }),
    );
    stamps.sort((a, b) => a - b);
    expect(busiest(stamps, 1000)).toBeLessThanOrEqual(10);
  });

  it('counts a request from its answer: one answered late still fills the second after it reached Lark', async () => {
    const limiter = new RateLimiter({ appPerSecond: 2, appPerMinute: 1000, perTargetPerSecond: 100, marginMs: 0 });
    const start = performance.now();
    const settleFirst = await limiter.acquire(); // let through at 0 ms, answered only at 800 ms (Lark may have counted it then)
    (await limiter.acquire())(); // the second, at 500 ms (paced), answered at once
    await new Promise((r) => setTimeout(r, 800 - (performance.now() - start)));
    settleFirst();
    await limiter.acquire(); // not at 1000 ms (a second after the first was let through) but at 1500 ms, when the second leaves the window
    expect(performance.now() - start).toBeGreaterThanOrEqual(1490);
  });

  it('holds each target to its own limit without holding back other targets', async () => {
    const limiter = new RateLimiter({ appPerSecond: 1000, appPerMinute: 10000, perTargetPerSecond: 2, marginMs: 0 });
    const start = performance.now();
    await limiter.acquire('ou_a');
    await limiter.acquire('ou_a');
    for (const t of ['ou_b', 'ou_c', 'ou_d']) await limiter.acquire(t);
    expect(performance.now() - start).toBeLessThan(100);
    await limiter.acquire('ou_a');
    expect(performance.now() - start).toBeGreaterThanOrEqual(990);
  });
});
