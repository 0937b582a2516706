// The WorkCalendar: official data (or the statutory holidays for a year without it), then the company's years, then its own days off and workdays; memoised.
import { addDays, isIsoDay } from '../../lib/shanghai.ts';
import { assertFestivalSpec, DEFAULT_FESTIVALS, festivalsOf, STATUTORY_FESTIVALS } from './festivals.ts';
import { hasOfficialData, officialSpecialDay } from './official.ts';
import { isWeekend, statutoryDaysInLieu, statutoryHolidays } from './statutory.ts';
import type { CalendarOptions, CalendarOverrides, Festival, FestivalSpec, ShiftPolicy, WorkCalendar } from './types.ts';

interface DayInfo {
  work: boolean;
  name: string | undefined;
}

/**
 * Where a year's holidays come from: the company file wins over chinese-days; 'statutory' means neither has the year,
 * so only the holidays fixed by law rest (元旦, 除夕–初三, …) with the weekdays off inferred for those on a weekend, and
 * its make-up workdays (调休) cannot be known.
 */
export type YearSource = 'company' | 'official' | 'statutory';

export function yearSource(year: number, overrides?: CalendarOverrides): YearSource {
  if (overrides?.years?.[year]) return 'company';
  return hasOfficialData(year) ? 'official' : 'statutory';
}

function assertDays(days: string[] | undefined, what: string): void {
  for (const day of days ?? []) if (!isIsoDay(day)) throw new RangeError(`${what}: not a YYYY-MM-DD day: ${day}`);
}

/** Names each run of consecutive company-listed holidays after the statutory festivals inside it ("春节"), else "节假日". */
function nameHolidayBlocks(holidays: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const sorted = [...new Set(holidays)].sort();
  let block: string[] = [];
  const flush = () => {
    if (!block.length) return;
    const inBlock = new Set(block);
    const years = [...new Set(block.map((d) => Number(d.slice(0, 4))))];
    const festivals = years.flatMap((y) => festivalsOf(STATUTORY_FESTIVALS, y)).filter((f) => inBlock.has(f.date));
    const name = [...new Set(festivals.map((f) => f.name))].join('、') || '节假日';
    for (const day of block) names.set(day, name);
    block = [];
  };
  for (const day of sorted) {
    if (block.length && addDays(block[block.length - 1]!, 1) !== day) flush();
    block.push(day);
  }
  flush();
  return names;
}

export function createCalendar(opts: CalendarOptions = {}): WorkCalendar {
  const overrides = opts.overrides ?? {};
  const festivalSpecs: readonly FestivalSpec[] = opts.festivals ?? DEFAULT_FESTIVALS;
  festivalSpecs.forEach(assertFestivalSpec);
  assertDays(overrides.daysOff, 'daysOff');
  assertDays(overrides.extraWorkdays, 'extraWorkdays');

  const daysOff = new Set(overrides.daysOff ?? []);
  const extraWorkdays = new Set(overrides.extraWorkdays ?? []);
  const companyYears = new Map<number, { holidays: Map<string, string>; workdays: Set<string> }>();
  for (const [key, year] of Object.entries(overrides.years ?? {})) {
    assertDays(year.holidays, `years.${key}.holidays`);
    assertDays(year.workdays, `years.${key}.workdays`);
    companyYears.set(Number(key), { holidays: nameHolidayBlocks(year.holidays ?? []), workdays: new Set(year.workdays ?? []) });
  }

  /** The day before the company's own days off and workdays: its year's holidays (company, official or statutory) or a plain day. */
  function baseDay(day: string): DayInfo {
    const year = Number(day.slice(0, 4));
    const company = companyYears.get(year);
    if (company) {
      const holiday = company.holidays.get(day);
      if (holiday) return { work: false, name: holiday };
      if (company.workdays.has(day)) return { work: true, name: '调休上班' };
      return { work: !isWeekend(day), name: undefined };
    }
    if (hasOfficialData(year)) return officialSpecialDay(day) ?? { work: !isWeekend(day), name: undefined };
    // no data for the year: the holidays fixed by law rest, and a weekday after one for each of its days on a weekend;
    // its make-up workdays cannot be known, so weekends stay rest days
    const statutory = statutoryHolidays(year).get(day) ?? statutoryDaysInLieu(year).get(day);
    return statutory ? { work: false, name: statutory } : { work: !isWeekend(day), name: undefined };
  }

  function computeDay(day: string): DayInfo {
    const base = baseDay(day);
    if (daysOff.has(day)) return base.work ? { work: false, name: '公司休息日' } : base;
    if (extraWorkdays.has(day)) return base.work ? base : { work: true, name: '公司安排上班' };
    return base;
  }

  const days = new Map<string, DayInfo>();
  function info(day: string): DayInfo {
    let found = days.get(day);
    if (!found) {
      if (!isIsoDay(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
      found = computeDay(day);
      days.set(day, found);
    }
    return found;
  }

  const festivalsByYear = new Map<number, Festival[]>();
  // Far enough for any real gap (the longest official run of rest days is 9), short enough to stop on a calendar with no workdays.
  const MAX_SHIFT_DAYS = 400;

  return {
    isWorkday: (day) => info(day).work,
    hasData: (year) => companyYears.has(year) || hasOfficialData(year),
    dayName: (day) => info(day).name,
    shift(day: string, policy: ShiftPolicy): string {
      if (policy === 'keep') {
        info(day);
        return day;
      }
      const step = policy === 'next-workday' ? 1 : -1;
      let current = day;
      for (let i = 0; i <= MAX_SHIFT_DAYS; i++, current = addDays(current, step)) {
        if (info(current).work) return current;
      }
      throw new RangeError(`no workday within ${MAX_SHIFT_DAYS} days ${step > 0 ? 'after' : 'before'} ${day}`);
    },
    workdaysIn(from: string, to: string): string[] {
      info(from);
      info(to);
      const result: string[] = [];
      for (let day = from; day <= to; day = addDays(day, 1)) if (info(day).work) result.push(day);
      return result;
    },
    festivals(year: number): Festival[] {
      let found = festivalsByYear.get(year);
      if (!found) {
        found = festivalsOf(festivalSpecs, year);
        festivalsByYear.set(year, found);
      }
      return found.map((f) => ({ ...f }));
    },
  };
}
