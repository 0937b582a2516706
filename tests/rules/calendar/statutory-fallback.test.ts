// A year without holiday data (2027 on): the statutory holidays fixed by law rest, make-up days stay unknown, the company file wins.
import { Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { createCalendar, statutoryHolidays } from '../../../src/rules/calendar/index.ts';

const calendar = createCalendar();

/** Every day of [from, to] with its answer: "2027-02-05 rest 春节". */
function days(cal: ReturnType<typeof createCalendar>, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(`${day} ${cal.isWorkday(day) ? 'work' : 'rest'}${cal.dayName(day) ? ` ${cal.dayName(day)}` : ''}`);
  }
  return out;
}

describe('the statutory fallback for a year without data', () => {
  it('除夕 2027 is 2027-02-05 by the lunar calendar: the 29th of a short twelfth month, the day before 正月初一', () => {
    const eve = Solar.fromYmd(2027, 2, 5).getLunar();
    const first = Solar.fromYmd(2027, 2, 6).getLunar();
    expect([eve.getMonth(), eve.getDay()]).toEqual([12, 29]);
    expect([first.getMonth(), first.getDay()]).toEqual([1, 1]);
  });

  it('2027-01-01 (a Friday) is 元旦, a rest day; Monday 2027-01-04 is the first workday of 2027', () => {
    expect(calendar.hasData(2027)).toBe(false);
    expect(days(calendar, '2027-01-01', '2027-01-04')).toEqual([
      '2027-01-01 rest 元旦',
      '2027-01-02 rest',
      '2027-01-03 rest',
      '2027-01-04 work',
    ]);
    expect(calendar.shift('2027-01-01', 'next-workday')).toBe('2027-01-04');
  });

  it('Spring Festival 2027 rests from 除夕 to 初三 (02-05 to 02-08); 02-09 to 02-11 are workdays; no make-up day is assumed', () => {
    expect(days(calendar, '2027-02-05', '2027-02-11')).toEqual([
      '2027-02-05 rest 春节',
      '2027-02-06 rest 春节',
      '2027-02-07 rest 春节',
      '2027-02-08 rest 春节',
      '2027-02-09 work',
      '2027-02-10 work',
      '2027-02-11 work',
    ]);
    // make-up workdays cannot be known: the Saturdays around it stay rest days
    expect(calendar.isWorkday('2027-01-30')).toBe(false);
    expect(calendar.isWorkday('2027-02-20')).toBe(false);
    expect(calendar.workdaysIn('2027-02-01', '2027-02-14')).toEqual([
      '2027-02-01',
      '2027-02-02',
      '2027-02-03',
      '2027-02-04',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
    ]);
  });

  it('the other statutory days of 2027: 清明 04-05, 劳动节 05-01–05-02, 端午 06-09, 中秋 09-15, 国庆 10-01–10-03', () => {
    const rest = [...statutoryHolidays(2027)].map(([day, name]) => `${day} ${name}`);
    expect(rest).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    for (const day of ['2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) expect(calendar.isWorkday(day), day).toBe(false);
    expect(calendar.isWorkday('2027-10-04')).toBe(true); // a Monday: the law gives three days, the rest of the week is unknown
  });

  it('when two holidays meet (中秋 2028-10-03 inside 国庆) the day carries both names', () => {
    expect(calendar.dayName('2028-10-03')).toBe('中秋节、国庆节'); // in the law's order
    expect(calendar.dayName('2028-01-25')).toBe('春节'); // 除夕 2028
  });

  it('a year of official data is untouched: 2026 keeps its make-up Saturday 02-14 and its nine days of Spring Festival', () => {
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
    expect(calendar.workdaysIn('2026-02-15', '2026-02-23')).toEqual([]);
  });

  it('the company calendar file still wins: its 2027 replaces the fallback, and its days off apply on top of it', () => {
    const company = createCalendar({
      overrides: { years: { 2027: { holidays: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'], workdays: ['2027-02-20'] } } },
    });
    expect(company.hasData(2027)).toBe(true);
    expect(company.isWorkday('2027-01-01')).toBe(true); // the file does not list it
    expect(company.isWorkday('2027-02-09')).toBe(false);
    expect(company.isWorkday('2027-02-20')).toBe(true);
    const dayOff = createCalendar({ overrides: { daysOff: ['2027-02-09'], extraWorkdays: ['2027-02-06'] } });
    expect(dayOff.hasData(2027)).toBe(false);
    expect(dayOff.dayName('2027-02-09')).toBe('公司休息日');
    expect(dayOff.isWorkday('2027-02-06')).toBe(true);
    expect(dayOff.dayName('2027-02-05')).toBe('春节');
  });
});
