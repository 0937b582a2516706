// Reminder waves on paper: each card's notBefore inside the ten minutes before its nominal time, paced at Lark's limits, never in quiet hours.
import { describe, expect, it } from 'vitest';
import { LARK_LIMITS } from '../../src/lark/rate-limiter.ts';
import { paceOffsetMs, rankWave, WAVE_GUARD_MS, WAVE_WINDOW_MS, waveEnqueueAt, waveNotBefore } from '../../src/scheduler/waves.ts';

const quiet = { from: '21:00', to: '08:00' };
const at = (iso: string) => new Date(iso);
/** The places of a wave of n cards. */
const places = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The largest number of instants inside any window of `spanMs`. */
function busiest(stamps: number[], spanMs: number): number {
  const s = [...stamps].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i]! - s[j]! >= spanMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('reminder waves', () => {
  it('the pace of 10,000 sends at 50/s and 1000/min fits in the window with room to spare', () => {
    const stamps = Array.from({ length: 10_000 }, (_, k) => paceOffsetMs(k));
    expect(stamps.at(-1)!).toBeLessThan(WAVE_WINDOW_MS - WAVE_GUARD_MS);
    expect(busiest(stamps, 1000)).toBeLessThanOrEqual(LARK_LIMITS.appPerSecond);
    expect(busiest(stamps, 60_000)).toBeLessThanOrEqual(LARK_LIMITS.appPerMinute);
  });

  it("10,000 managers' 15:30 cards are all due between 15:20 and 15:29:40, spread over the wave, never more in a minute than Lark sends in one", () => {
    const nominal = at('2026-11-24T15:30:00+08:00');
    const times = places(10_000).map((k) => waveNotBefore(nominal, k, 10_000, quiet).getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(at('2026-11-24T15:20:00+08:00').getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(nominal.getTime() - WAVE_GUARD_MS);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(8 * 60_000); // spread, not a burst
    // a minute over 1,000 would push its overflow a whole minute later (what hashed places did to the wave's tail)
    expect(busiest(times, 60_000 + LARK_LIMITS.marginMs)).toBeLessThanOrEqual(LARK_LIMITS.appPerMinute);
    expect(waveEnqueueAt(nominal)).toEqual(at('2026-11-24T15:15:00+08:00'));
  });

  it('a wave of two rules due at one instant is ranked as one: every card a place of its own, the same in every batch', () => {
    const order = new Map([
      ['a|2026-11-24', ['a|m2|C2|d', 'a|m1|C1|d']],
      ['b|2026-11-24', ['b|m1|C1|d']],
    ]);
    const one = rankWave(order, ['a|2026-11-24', 'b|2026-11-24']);
    const again = rankWave(order, ['b|2026-11-24', 'a|2026-11-24']);
    expect(one.size).toBe(3);
    expect([...one.placeOf.values()].sort()).toEqual([0, 1, 2]);
    expect([...again.placeOf]).toEqual([...one.placeOf]);
  });

  it('a small wave goes out at the start of its window, within seconds', () => {
    const nominal = at('2026-11-24T15:30:00+08:00');
    const times = places(30).map((k) => waveNotBefore(nominal, k, 30, quiet).getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(at('2026-11-24T15:20:00+08:00').getTime());
    expect(Math.max(...times)).toBeLessThan(at('2026-11-24T15:20:01+08:00').getTime());
  });

  it('a wave too big for its window is squeezed into it (the sender then sends as fast as Lark allows; the rest arrive late)', () => {
    const nominal = at('2026-11-24T15:30:00+08:00');
    const times = places(20_000).map((k) => waveNotBefore(nominal, k, 20_000, quiet).getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(nominal.getTime() - WAVE_GUARD_MS);
  });

  it('never in quiet hours: an 08:05 wave starts at 08:00, a 21:05 wave ends before 21:00, an 08:00 step waits for 08:00', () => {
    const morning = places(5000).map((k) => waveNotBefore(at('2026-11-24T08:05:00+08:00'), k, 5000, quiet).getTime());
    expect(Math.min(...morning)).toBeGreaterThanOrEqual(at('2026-11-24T08:00:00+08:00').getTime());
    expect(Math.max(...morning)).toBeLessThan(at('2026-11-24T08:05:00+08:00').getTime());
    const evening = places(5000).map((k) => waveNotBefore(at('2026-11-24T21:05:00+08:00'), k, 5000, quiet).getTime());
    expect(Math.min(...evening)).toBeGreaterThanOrEqual(at('2026-11-24T20:55:00+08:00').getTime());
    expect(Math.max(...evening)).toBeLessThan(at('2026-11-24T21:00:00+08:00').getTime());
    expect(waveNotBefore(at('2026-11-24T08:00:00+08:00'), 0, 1, quiet)).toEqual(at('2026-11-24T08:00:00+08:00'));
  });
});
