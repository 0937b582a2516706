// Festivals: the default list, and each festival's Gregorian date in a year (lunar dates and solar terms via lunar-typescript).
import { Lunar, LunarMonth } from 'lunar-typescript';
import type { Festival, FestivalSpec } from './types.ts';

/** The default list from the workflow (section 5): what a company decorates for unless its calendar file says otherwise. */
export const DEFAULT_FESTIVALS: readonly FestivalSpec[] = [
  { id: 'new_year', name: '元旦', kind: 'solar', month: 1, day: 1 },
  { id: 'spring_festival', name: '春节', kind: 'lunar', month: 1, day: 1 },
  { id: 'lantern', name: '元宵节', kind: 'lunar', month: 1, day: 15 },
  { id: 'qingming', name: '清明节', kind: 'solar_term', term: '清明' },
  { id: 'labour_day', name: '劳动节', kind: 'solar', month: 5, day: 1 },
  { id: 'dragon_boat', name: '端午节', kind: 'lunar', month: 5, day: 5 },
  { id: 'mid_autumn', name: '中秋节', kind: 'lunar', month: 8, day: 15 },
  { id: 'national_day', name: '国庆节', kind: 'solar', month: 10, day: 1 },
];

/** The statutory holidays among the defaults: used to name a company-defined holiday block ("春节"). */
export const STATUTORY_FESTIVALS = DEFAULT_FESTIVALS.filter((f) => f.id !== 'lantern');

export const SOLAR_TERMS = [
  '小寒',
  '大寒',
  '立春',
  '雨水',
  '惊蛰',
  '春分',
  '清明',
  '谷雨',
  '立夏',
  '小满',
  '芒种',
  '夏至',
  '小暑',
  '大暑',
  '立秋',
  '处暑',
  '白露',
  '秋分',
  '寒露',
  '霜降',
  '立冬',
  '小雪',
  '大雪',
  '冬至',
] as const;

// lunar-typescript's jieqi table for a lunar year runs from the previous December to the next March; the
// terms that repeat carry pinyin keys for their second occurrence.
const PINYIN_TERMS: Record<string, string> = {
  DONG_ZHI: '冬至',
  XIAO_HAN: '小寒',
  DA_HAN: '大寒',
  LI_CHUN: '立春',
  YU_SHUI: '雨水',
  JING_ZHE: '惊蛰',
  DA_XUE: '大雪',
};

const pad = (n: number) => String(n).padStart(2, '0');

const termCache = new Map<number, Map<string, string>>();

/** The 24 solar terms that fall in a Gregorian year: Chinese name → YYYY-MM-DD. */
function solarTermsOf(year: number): Map<string, string> {
  let terms = termCache.get(year);
  if (!terms) {
    terms = new Map();
    for (const [key, solar] of Object.entries(Lunar.fromYmd(year, 1, 1).getJieQiTable())) {
      const date = solar.toYmd();
      if (date.startsWith(`${year}-`)) terms.set(PINYIN_TERMS[key] ?? key, date);
    }
    termCache.set(year, terms);
  }
  return terms;
}

/** The Gregorian date of a lunar month and day in a lunar year; day 30 in a 29-day month becomes day 29. */
function lunarToSolar(lunarYear: number, month: number, day: number): string {
  const days = LunarMonth.fromYm(lunarYear, month)?.getDayCount() ?? 30;
  return Lunar.fromYmd(lunarYear, month, Math.min(day, days)).getSolar().toYmd();
}

/** The date of one festival in a Gregorian year, or undefined when it does not fall in that year (02-29, say). */
export function festivalDate(spec: FestivalSpec, year: number): string | undefined {
  switch (spec.kind) {
    case 'solar': {
      const date = `${year}-${pad(spec.month)}-${pad(spec.day)}`;
      const check = new Date(`${date}T00:00:00Z`);
      return check.getUTCMonth() + 1 === spec.month ? date : undefined;
    }
    case 'lunar':
      // A lunar date of lunar year Y lands in Gregorian Y or Y+1 (the 11th and 12th months), so look at both lunar years.
      return [lunarToSolar(year - 1, spec.month, spec.day), lunarToSolar(year, spec.month, spec.day)].find((d) => d.startsWith(`${year}-`));
    case 'solar_term':
      return solarTermsOf(year).get(spec.term);
  }
}

/** Every festival of the list that falls in a Gregorian year, in date order (list order on the same day). */
export function festivalsOf(specs: readonly FestivalSpec[], year: number): Festival[] {
  const found: Festival[] = [];
  for (const spec of specs) {
    const date = festivalDate(spec, year);
    if (date) found.push({ id: spec.id, name: spec.name, date });
  }
  return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Throws a RangeError for a festival spec that cannot be resolved (unknown solar term, impossible month or day). */
export function assertFestivalSpec(spec: FestivalSpec): void {
  const bad = (why: string) => new RangeError(`festival ${spec.id}: ${why}`);
  if (spec.kind === 'solar_term') {
    if (!(SOLAR_TERMS as readonly string[]).includes(spec.term)) throw bad(`unknown solar term "${spec.term}"`);
    return;
  }
  const maxDay = spec.kind === 'lunar' ? 30 : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][spec.month - 1];
  if (!Number.isInteger(spec.month) || spec.month < 1 || spec.month > 12) throw bad(`month ${spec.month} is not 1–12`);
  if (!Number.isInteger(spec.day) || spec.day < 1 || spec.day > (maxDay ?? 0))
    throw bad(`day ${spec.day} does not exist in month ${spec.month}`);
}
