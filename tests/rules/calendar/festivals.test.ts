// Festival dates per year: lunar ones converted with lunar-typescript, Qingming from the solar-term table, any year.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/rules/calendar/create-calendar.ts';
import { DEFAULT_FESTIVALS, festivalDate } from '../../../src/rules/calendar/festivals.ts';

const dates = (year: number) =>
  Object.fromEntries(
    createCalendar()
      .festivals(year)
      .map((f) => [f.id, f.date]),
  );

describe('the default festivals', () => {
  it('2026: 春节 02-17, 元宵 03-03, 清明 04-05, 端午 06-19, 中秋 09-25, plus the fixed ones', () => {
    expect(dates(2026)).toEqual({
      new_year: '2026-01-01',
      spring_festival: '2026-02-17',
      lantern: '2026-03-03',
      qingming: '2026-04-05',
      labour_day: '2026-05-01',
      dragon_boat: '2026-06-19',
      mid_autumn: '2026-09-25',
      national_day: '2026-10-01',
    });
  });

  it('2027 has no holiday data, yet its festivals are known: 春节 02-06, 中秋 09-15', () => {
    const calendar = createCalendar();
    expect(calendar.hasData(2027)).toBe(false);
    expect(dates(2027)).toMatchObject({
      spring_festival: '2027-02-06',
      lantern: '2027-02-20',
      dragon_boat: '2027-06-09',
      mid_autumn: '2027-09-15',
      qingming: '2027-04-05',
    });
  });

  it('come in date order with their Chinese names', () => {
    const list = createCalendar().festivals(2026);
    expect(list.map((f) => f.name)).toEqual(['元旦', '春节', '元宵节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect([...list.map((f) => f.date)].sort()).toEqual(list.map((f) => f.date));
  });

  it('the default list is the eight of the workflow', () => {
    expect(DEFAULT_FESTIVALS.map((f) => f.id)).toEqual([
      'new_year',
      'spring_festival',
      'lantern',
      'qingming',
      'labour_day',
      'dragon_boat',
      'mid_autumn',
      'national_day',
    ]);
  });

  it('Qingming follows the solar term, which is not always 04-05', () => {
    expect(dates(2024).qingming).toBe('2024-04-04');
    expect(dates(2025).qingming).toBe('2025-04-04');
  });
});

describe('a company festival list', () => {
  it('replaces the default list', () => {
    const calendar = createCalendar({ festivals: [{ id: 'founding', name: '公司周年', kind: 'solar', month: 6, day: 18 }] });
    expect(calendar.festivals(2026)).toEqual([{ id: 'founding', name: '公司周年', date: '2026-06-18' }]);
  });

  it("lunar 12-30 is New Year's Eve even in a year whose twelfth month has 29 days", () => {
    const eve = { id: 'eve', name: '除夕', kind: 'lunar', month: 12, day: 30 } as const;
    expect(festivalDate(eve, 2026)).toBe('2026-02-16'); // the day before 春节 2026-02-17
    expect(festivalDate(eve, 2027)).toBe('2027-02-05'); // the day before 春节 2027-02-06
  });

  it('a lunar date in the eleventh month is found in the Gregorian year it lands in', () => {
    // 冬月初一 of lunar 2025 is 2025-11-20; of lunar 2026 it is 2026-12-09
    const spec = { id: 'x', name: 'X', kind: 'lunar', month: 11, day: 1 } as const;
    expect(festivalDate(spec, 2026)).toBe('2026-12-09');
  });

  it('another solar term works as well as Qingming (冬至 2026-12-22)', () => {
    expect(festivalDate({ id: 'dz', name: '冬至', kind: 'solar_term', term: '冬至' }, 2026)).toBe('2026-12-22');
  });

  it('an unknown solar term or impossible date is refused when the calendar is built', () => {
    expect(() => createCalendar({ festivals: [{ id: 'x', name: 'X', kind: 'solar_term', term: '清明节' }] })).toThrow(/unknown solar term/);
    expect(() => createCalendar({ festivals: [{ id: 'x', name: 'X', kind: 'solar', month: 2, day: 30 }] })).toThrow(/day 30/);
  });
});
