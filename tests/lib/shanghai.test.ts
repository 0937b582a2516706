import { describe, expect, it } from 'vitest';
import { addDays, isIsoDay, shanghaiDay, shanghaiInstant, shanghaiTime } from '../../src/lib/shanghai.ts';

describe('Asia/Shanghai time', () => {
  it('16:30 UTC+8 on 2026-11-27 is 08:30 UTC, whatever the machine TZ', () => {
    expect(shanghaiInstant('2026-11-27', '16:30').toISOString()).toBe('2026-11-27T08:30:00.000Z');
  });

  it('an instant just after midnight in Shanghai belongs to the Shanghai day, not the UTC day', () => {
    const at = new Date('2026-02-14T16:30:00Z'); // 00:30 on 2026-02-15 in Shanghai
    expect(shanghaiDay(at)).toBe('2026-02-15');
    expect(shanghaiTime(at)).toBe('00:30');
  });

  it('knows real days from impossible ones', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-2-1')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
