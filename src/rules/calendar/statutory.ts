// The statutory holidays fixed by law (全国年节及纪念日放假办法, as in force since 2025) and the weekdays off it gives for
// those on a weekend (第六条, 补假): the rest days of a year without data.
import { addDays } from '../../lib/shanghai.ts';
import { festivalDate } from './festivals.ts';
import type { FestivalSpec } from './types.ts';

/** Each statutory holiday: the day it starts (a festival's date) and how many days off the law gives from it. */
const STATUTORY: readonly { spec: FestivalSpec; days: number }[] = [
  { spec: { id: 'new_year', name: '元旦', kind: 'solar', month: 1, day: 1 }, days: 1 },
  // 除夕 to 初三: four days from the last day of the twelfth lunar month (12-30 resolves to 12-29 in a short month)
  { spec: { id: 'spring_festival', name: '春节', kind: 'lunar', month: 12, day: 30 }, days: 4 },
  { spec: { id: 'qingming', name: '清明节', kind: 'solar_term', term: '清明' }, days: 1 },
  { spec: { id: 'labour_day', name: '劳动节', kind: 'solar', month: 5, day: 1 }, days: 2 },
  { spec: { id: 'dragon_boat', name: '端午节', kind: 'lunar', month: 5, day: 5 }, days: 1 },
  { spec: { id: 'mid_autumn', name: '中秋节', kind: 'lunar', month: 8, day: 15 }, days: 1 },
  { spec: { id: 'national_day', name: '国庆节', kind: 'solar', month: 10, day: 1 }, days: 3 },
];

/** How the fallback reads in a warning: the days it rests, and what it cannot know. */
export const STATUTORY_SUMMARY = '元旦, 除夕–初三, 清明节, 劳动节 5/1–5/2, 端午节, 中秋节, 国庆节 10/1–10/3';

/** Saturday or Sunday, from the date's digits alone (no local time zone involved). */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const cache = new Map<number, Map<string, string>>();
const makeUpCache = new Map<number, Map<string, string>>();

/** The statutory rest days of a Gregorian year, day → name ("春节"); days where two holidays meet carry both names. */
export function statutoryHolidays(year: number): Map<string, string> {
  let days = cache.get(year);
  if (!days) {
    days = new Map();
    for (const { spec, days: length } of STATUTORY) {
      const start = festivalDate(spec, year);
      if (!start) continue;
      for (let i = 0; i < length; i++) {
        const day = addDays(start, i);
        const before = days.get(day);
        days.set(day, before && before !== spec.name ? `${before}、${spec.name}` : spec.name);
      }
    }
    cache.set(year, days);
  }
  return days;
}

/**
 * The weekdays off inferred for a year without data (第六条: 「全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假」):
 * for each run of statutory days, one for each of its days on a Saturday or Sunday, on the first weekdays after the run
 * that are not statutory days themselves; day → "春节补假". 2027: 02-09 and 02-10, 05-03 and 05-04, 10-04 and 10-05.
 */
export function statutoryDaysInLieu(year: number): Map<string, string> {
  let found = makeUpCache.get(year);
  if (found) return found;
  const result = new Map<string, string>();
  found = result;
  const holidays = statutoryHolidays(year);
  const sorted = [...holidays.keys()].sort();
  let i = 0;
  while (i < sorted.length) {
    // one run of consecutive statutory days (two holidays that meet are one run)
    let end = i;
    while (end + 1 < sorted.length && addDays(sorted[end]!, 1) === sorted[end + 1]) end++;
    const run = sorted.slice(i, end + 1);
    const onWeekend = run.filter(isWeekend);
    const name = [...new Set(onWeekend.map((d) => holidays.get(d)!))].join('、');
    let day = addDays(run[run.length - 1]!, 1);
    for (let owed = onWeekend.length; owed > 0; day = addDays(day, 1)) {
      if (isWeekend(day) || holidays.has(day) || result.has(day)) continue;
      result.set(day, `${name}补假`);
      owed--;
    }
    i = end + 1;
  }
  makeUpCache.set(year, result);
  return result;
}
