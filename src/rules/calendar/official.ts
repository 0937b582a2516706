// The official Chinese calendar (statutory holidays, 调休 make-up workdays) from chinese-days' published JSON, read by string key only.
import { createRequire } from 'node:module';

// Why the JSON and not the functions: chinese-days parses 'YYYY-MM-DD' as UTC midnight and then reads
// local-time fields, so west of UTC (e.g. TZ=America/New_York) every answer is a day off. The JSON
// (documented in its README, one map per kind keyed by 'YYYY-MM-DD') has no time in it at all.
interface OfficialData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as OfficialData;
if (typeof data?.holidays !== 'object' || typeof data?.workdays !== 'object') {
  throw new Error('chinese-days/dist/chinese-days.json does not have the expected { holidays, workdays } shape');
}

const yearsWithData = new Set(Object.keys(data.holidays).map((day) => Number(day.slice(0, 4))));

// chinese-days names Qingming, Dragon Boat and Mid-Autumn without the trailing 节; use the names people use.
const FULL_NAME: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** "Spring Festival,春节,4" → "春节". */
function chineseName(raw: string): string {
  const name = raw.split(',')[1]?.trim() || raw;
  return FULL_NAME[name] ?? name;
}

/** True when chinese-days has statutory holidays for that year (2004–2026 in version 1.5.7). */
export function hasOfficialData(year: number): boolean {
  return yearsWithData.has(year);
}

/** The official answer for a day that is a holiday or a make-up workday; undefined for ordinary days. */
export function officialSpecialDay(day: string): { work: boolean; name: string } | undefined {
  const workday = data.workdays[day];
  if (workday !== undefined) return { work: true, name: '调休上班' };
  const holiday = data.holidays[day];
  if (holiday !== undefined) return { work: false, name: chineseName(holiday) };
  return undefined;
}
