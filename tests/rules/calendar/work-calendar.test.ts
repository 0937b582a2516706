// The work calendar against the real 2026 State Council arrangement: workdays, rest days, shifts, names, company days.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../../src/rules/calendar/create-calendar.ts';

const calendar = createCalendar();

describe('official workdays and rest days (2026)', () => {
  it('make-up Saturdays around the Spring Festival are workdays', () => {
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
    expect(calendar.isWorkday('2026-02-28')).toBe(true);
  });

  it('Sunday 2026-01-04 is a make-up workday after New Year', () => {
    expect(calendar.isWorkday('2026-01-04')).toBe(true);
  });

  it('the Spring Festival holiday and National Day are rest days even on weekdays', () => {
    expect(calendar.isWorkday('2026-02-16')).toBe(false); // Monday
    expect(calendar.isWorkday('2026-10-01')).toBe(false); // Thursday
  });

  it('ordinary weekends rest and ordinary weekdays work', () => {
    expect(calendar.isWorkday('2026-11-28')).toBe(false);
    expect(calendar.isWorkday('2026-11-27')).toBe(true);
  });
});

describe('shifting a deadline that falls on a rest day', () => {
  it('previous-workday from National Day is the last day of September', () => {
    expect(calendar.shift('2026-10-01', 'previous-workday')).toBe('2026-09-30');
  });

  it('next-workday from 2 January jumps the holiday to the make-up Sunday', () => {
    expect(calendar.shift('2026-01-02', 'next-workday')).toBe('2026-01-04');
  });

  it('previous-workday from Saturday 2026-11-28 is Friday 2026-11-27', () => {
    expect(calendar.shift('2026-11-28', 'previous-workday')).toBe('2026-11-27');
  });

  it('a workday stays put, and keep never moves', () => {
    expect(calendar.shift('2026-11-27', 'next-workday')).toBe('2026-11-27');
    expect(calendar.shift('2026-10-01', 'keep')).toBe('2026-10-01');
  });

  it('next-workday from the start of the Spring Festival holiday lands after it', () => {
    expect(calendar.shift('2026-02-15', 'next-workday')).toBe('2026-02-24');
  });
});

describe('workdays in a range', () => {
  it('November 2026 has 21 workdays', () => {
    const days = calendar.workdaysIn('2026-11-01', '2026-11-30');
    expect(days).toHaveLength(21);
    expect(days[0]).toBe('2026-11-02');
    expect(days.at(-1)).toBe('2026-11-30');
  });

  it('the National Day week counts the make-up Saturday and skips the holiday', () => {
    expect(calendar.workdaysIn('2026-09-28', '2026-10-11')).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
  });

  it('an empty range when from is after to', () => {
    expect(calendar.workdaysIn('2026-11-30', '2026-11-01')).toEqual([]);
  });
});

describe('day names', () => {
  it('holidays carry their Chinese name, make-up workdays say 调休上班', () => {
    expect(calendar.dayName('2026-02-17')).toBe('春节');
    expect(calendar.dayName('2026-02-14')).toBe('调休上班');
    expect(calendar.dayName('2026-01-01')).toBe('元旦');
  });

  it('chinese-days short names get their full form (清明 → 清明节, 中秋 → 中秋节)', () => {
    expect(calendar.dayName('2026-04-05')).toBe('清明节');
    expect(calendar.dayName('2026-09-25')).toBe('中秋节');
    expect(calendar.dayName('2026-06-19')).toBe('端午节');
  });

  it('plain weekdays and weekends have no name', () => {
    expect(calendar.dayName('2026-11-27')).toBeUndefined();
    expect(calendar.dayName('2026-11-28')).toBeUndefined();
  });
});

describe('years with and without data', () => {
  it('2026 has data, 2027 does not (the package stops at 2026)', () => {
    expect(calendar.hasData(2026)).toBe(true);
    expect(calendar.hasData(2027)).toBe(false);
  });

  it('a year without data rests on its statutory holidays: 2027-01-01 (a Friday, 元旦) is a rest day, Monday 2027-01-04 a workday', () => {
    expect(calendar.isWorkday('2027-01-01')).toBe(false);
    expect(calendar.dayName('2027-01-01')).toBe('元旦');
    expect(calendar.isWorkday('2027-01-02')).toBe(false);
    expect(calendar.isWorkday('2027-01-04')).toBe(true);
    expect(calendar.dayName('2027-01-04')).toBeUndefined();
  });
});

describe('company overrides', () => {
  const company = createCalendar({
    overrides: {
      years: { 2027: { holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08'], workdays: ['2027-02-14'] } },
      daysOff: ['2026-12-31', '2026-10-01'],
      extraWorkdays: ['2026-11-28'],
    },
  });

  it('a company-listed year has data and its holidays and make-up workdays are honoured', () => {
    expect(company.hasData(2027)).toBe(true);
    expect(company.isWorkday('2027-01-01')).toBe(false);
    expect(company.isWorkday('2027-02-08')).toBe(false);
    expect(company.isWorkday('2027-02-14')).toBe(true); // a Sunday
    expect(company.isWorkday('2027-02-09')).toBe(true); // not listed: a plain Tuesday
  });

  it('company holidays are named after the statutory festival inside their run of days', () => {
    expect(company.dayName('2027-01-01')).toBe('元旦');
    expect(company.dayName('2027-02-07')).toBe('春节');
    expect(company.dayName('2027-02-14')).toBe('调休上班');
  });

  it('a company day off is a rest day named 公司休息日', () => {
    expect(company.isWorkday('2026-12-31')).toBe(false);
    expect(company.dayName('2026-12-31')).toBe('公司休息日');
    expect(company.shift('2026-12-31', 'previous-workday')).toBe('2026-12-30');
  });

  it('a company day off on a statutory holiday keeps the holiday name', () => {
    expect(company.dayName('2026-10-01')).toBe('国庆节');
  });

  it('a company extra workday turns a Saturday into a workday', () => {
    expect(company.isWorkday('2026-11-28')).toBe(true);
    expect(company.dayName('2026-11-28')).toBe('公司安排上班');
    expect(company.shift('2026-11-28', 'previous-workday')).toBe('2026-11-28');
  });

  it('a company year replaces the official data for that whole year', () => {
    const corrected = createCalendar({ overrides: { years: { 2026: { holidays: ['2026-10-01'] } } } });
    expect(corrected.isWorkday('2026-02-16')).toBe(true); // no longer a holiday: the file lists only 10-01
    expect(corrected.isWorkday('2026-02-14')).toBe(false); // nor a make-up Saturday
    expect(corrected.isWorkday('2026-10-01')).toBe(false);
  });
});

describe('bad input', () => {
  it('a day that is not YYYY-MM-DD is refused', () => {
    expect(() => calendar.isWorkday('2026-2-1')).toThrow(RangeError);
    expect(() => calendar.shift('2026-02-30', 'next-workday')).toThrow(RangeError);
  });

  it('a malformed override day is refused when the calendar is built', () => {
    expect(() => createCalendar({ overrides: { daysOff: ['2026/12/31'] } })).toThrow(/daysOff/);
  });

  it('shifting through a year-long company day-off block finds the first workday after it', () => {
    const year = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const closed = createCalendar({ overrides: { daysOff: year } });
    expect(closed.shift('2026-06-01', 'next-workday')).toBe('2027-01-04'); // 2027-01-01 is 元旦, then a weekend
    expect(closed.shift('2026-06-01', 'previous-workday')).toBe('2025-12-31');
  });

  it('a calendar with no workday for over a year stops shifting with an error instead of looping', () => {
    const days = Array.from({ length: 800 }, (_, i) => new Date(Date.UTC(2025, 6, 1 + i)).toISOString().slice(0, 10));
    const never = createCalendar({ overrides: { daysOff: days } });
    expect(() => never.shift('2026-06-01', 'next-workday')).toThrow(/no workday within/);
  });
});

describe('many centers', () => {
  // how fast is measured in bench/ (duties), never here
  it('a month of duties for 10,000 centers asks isWorkday 300,000 times and counts 21 workdays for each', () => {
    const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const fresh = createCalendar();
    let workdays = 0;
    for (let center = 0; center < 10_000; center++) for (const day of days) if (fresh.isWorkday(day)) workdays++;
    expect(workdays).toBe(21 * 10_000);
  });
});
