// The small readers the edge relies on: request timestamps in every format Lark is known to send, card ids, depth, bidi controls.
import { describe, expect, it } from 'vitest';
import { cardAgeProblem, parseRequestTimestamp, requestTimeProblem } from '../../src/lark/freshness.ts';
import { INT4_MAX, readCardId } from '../../src/lib/card-id.ts';
import { nestedDeeperThan } from '../../src/lib/json-depth.ts';
import { stripBidi, stripBidiDeep } from '../../src/lib/text-safe.ts';

const AT = Date.parse('2026-11-24T02:00:00Z'); // 10:00 in Shanghai

describe('reading X-Lark-Request-Timestamp', () => {
  it('reads Unix seconds, milliseconds, microseconds, Go time.String() and ISO 8601 as the same instant', () => {
    const forms = [
      '1795485600',
      '1795485600000',
      '1795485600000000',
      '2026-11-24 10:00:00 +0800 CST m=+3612.1',
      '2026-11-24 10:00:00.123456789 +0800 CST',
      '2026-11-24T10:00:00+08:00',
      '2026-11-24T02:00:00Z',
    ];
    for (const f of forms) expect(Math.floor(parseRequestTimestamp(f)! / 1000), f).toBe(AT / 1000);
  });

  it('cannot place words, empty strings, short numbers or impossible dates in time', () => {
    for (const f of [undefined, '', 'yesterday', '12345', '2026-13-45 10:00:00 +0800', '1795485600.5', ' ', '0x6a0a'])
      expect(parseRequestTimestamp(f), String(f)).toBeNull();
  });

  it('accepts ±5 minutes around the clock and refuses what lies outside, naming the skew', () => {
    const now = new Date(AT);
    expect(requestTimeProblem(String(AT / 1000 - 300), now)).toBeNull();
    expect(requestTimeProblem(String(AT / 1000 + 300), now)).toBeNull();
    expect(requestTimeProblem(String(AT / 1000 - 301), now)).toMatch(/-301 s from our clock/);
    expect(requestTimeProblem(String(AT / 1000 + 90 * 86_400), now)).toMatch(/from our clock/);
    expect(requestTimeProblem('soon', now)).toMatch(/cannot be read/);
  });

  it("measures a card callback's create_time against the 14 days a card lives", () => {
    const now = new Date(AT);
    const day = 24 * 3600_000;
    expect(cardAgeProblem(String((AT - 14 * day - 1000) * 1000), now)).toBe('older than a card lives');
    expect(cardAgeProblem(String(AT - 15 * day), now)).toBe('older than a card lives'); // milliseconds too
    expect(cardAgeProblem(String((AT - 13 * day) * 1000), now)).toBeNull();
  });

  it("reads a card callback's create_time in every form the request timestamp is read in, and refuses the rest", () => {
    const now = new Date(AT);
    for (const old of ['2026-09-24 10:00:00.05 +0800 CST m=+3612.1', '2026-09-24T10:00:00+08:00', '2026-09-24T02:00:00Z', '1790200800'])
      expect(cardAgeProblem(old, now), old).toBe('older than a card lives');
    for (const fresh of ['2026-11-23 10:00:00 +0800 CST', '2026-11-23T10:00:00+08:00', '1795399200'])
      expect(cardAgeProblem(fresh, now), fresh).toBeNull();
    for (const none of [undefined, '', ' ']) expect(cardAgeProblem(none, now)).toBe('create_time missing');
    for (const bad of ['yesterday', '2026-09-24', '0x6a', '17952', '24/09/2026 10:00'])
      expect(cardAgeProblem(bad, now), bad).toBe('create_time cannot be read as a time');
  });
});

describe('ids in card values', () => {
  it('takes positive integers that fit int4, as numbers or digit strings; 0, empty and null mean none', () => {
    expect(readCardId(12)).toEqual({ id: 12 });
    expect(readCardId('12')).toEqual({ id: 12 });
    expect(readCardId(INT4_MAX)).toEqual({ id: INT4_MAX });
    for (const none of [undefined, null, '', 0, '0']) expect(readCardId(none)).toEqual({ absent: true });
  });

  it('calls everything else bad: out of range, fractions, exponents, signs, words, arrays', () => {
    for (const bad of [
      INT4_MAX + 1,
      999_999_999_999,
      1e30,
      -1,
      1.5,
      '1e3',
      '12abc',
      '+7',
      '007',
      'NaN',
      Number.NaN,
      Infinity,
      [1],
      { id: 1 },
      true,
    ]) {
      expect(readCardId(bad), String(bad)).toEqual({ bad: true });
    }
  });
});

describe('depth and bidi controls', () => {
  it('measures depth without recursion, even 200,000 levels down', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nestedDeeperThan(deep, 32)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: ['x'] }] }, 4)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: ['x'] }] }, 3)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
  });

  it('drops embedding, override and isolate controls, keeps every other character', () => {
    expect(stripBidi('a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j')).toBe('abcdefghij');
    expect(stripBidi('阿拉伯 \u200f RLM and ZWJ 👨‍👩‍👧 stay')).toBe('阿拉伯 \u200f RLM and ZWJ 👨‍👩‍👧 stay');
    expect(stripBidiDeep({ 'k\u202e': ['v\u202e', 1, null, { x: '\u2066y' }] })).toEqual({ k: ['v', 1, null, { x: 'y' }] });
  });
});
