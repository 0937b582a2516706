// The statutory holidays fixed by law (全国年节及纪念日放假办法, as in force since 2025): the rest days of a year without data.
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

const cache = new Map<number, Map<string, string>>();

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
