import { describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/lib/shanghai.ts';
import { periodsToAnnounce } from '../../src/scheduler/announce.ts';
import { testRules } from '../helpers/rules.ts';

const rules = testRules();
const at = (iso: string) => {
  const now = new Date(iso);
  return periodsToAnnounce({ now, today: shanghaiDay(now), rules });
};

describe('when the scores are announced', () => {
  it('the past month on the 1st from 09:00, the past ISO week on Mondays from 09:00, and not before', () => {
    expect(at('2026-12-01T08:59:00+08:00')).toEqual([]);
    expect(at('2026-12-01T09:00:00+08:00')).toEqual(['2026-11']);
    expect(at('2026-11-30T09:00:00+08:00')).toEqual(['2026-W48']);
    expect(at('2026-06-01T10:00:00+08:00')).toEqual(['2026-05', '2026-W22']);
    expect(at('2027-01-01T09:30:00+08:00')).toEqual(['2026-12']);
  });
});
