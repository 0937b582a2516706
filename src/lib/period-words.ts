// A period as people type it in chat (上月, 本周, 2026-11, 第48周, 2026年第4季度, 11月27日 …) → a period of periods.ts.
import { parsePeriodKey, periodOf, type Period, type PeriodUnit } from './periods.ts';
import { addDays, isIsoDay } from './shanghai.ts';

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const N = '(\\d{1,2}|十一|十二|[一二两三四五六七八九十])';
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : (DIGITS[s] ?? Number.NaN));
const pad = (n: number) => String(n).padStart(2, '0');

/** Words for a period relative to today. */
const RELATIVE: Record<string, (today: string) => Period> = {
  今天: (t) => periodOf('day', t),
  今日: (t) => periodOf('day', t),
  昨天: (t) => periodOf('day', addDays(t, -1)),
  昨日: (t) => periodOf('day', addDays(t, -1)),
  本周: (t) => periodOf('week', t),
  这周: (t) => periodOf('week', t),
  本星期: (t) => periodOf('week', t),
  上周: (t) => periodOf('week', addDays(t, -7)),
  上星期: (t) => periodOf('week', addDays(t, -7)),
  本月: (t) => periodOf('month', t),
  这个月: (t) => periodOf('month', t),
  当月: (t) => periodOf('month', t),
  上月: (t) => periodOf('month', addDays(periodOf('month', t).start, -1)),
  上个月: (t) => periodOf('month', addDays(periodOf('month', t).start, -1)),
  本季度: (t) => periodOf('quarter', t),
  本季: (t) => periodOf('quarter', t),
  上季度: (t) => periodOf('quarter', addDays(periodOf('quarter', t).start, -1)),
  上季: (t) => periodOf('quarter', addDays(periodOf('quarter', t).start, -1)),
  上半年: (t) => periodOf('half', `${t.slice(0, 4)}-01-01`),
  下半年: (t) => periodOf('half', `${t.slice(0, 4)}-07-01`),
  今年: (t) => periodOf('year', t),
  本年: (t) => periodOf('year', t),
  去年: (t) => periodOf('year', `${Number(t.slice(0, 4)) - 1}-01-01`),
};

/** Without a year: this year's, or last year's when this year's has not begun (「12月」 said in January). */
function latest(unit: PeriodUnit, today: string, dayIn: (year: number) => string | null): Period | null {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year - 1]) {
    const day = dayIn(y);
    if (day === null) return null;
    const p = periodOf(unit, day);
    if (p.start <= today) return p;
  }
  return null;
}

/** The Monday of ISO week `w` of `year`, or null when that year has no such week. */
function isoWeekStart(year: number, w: number): string | null {
  const p = parsePeriodKey(`${year}-W${pad(w)}`);
  return p ? p.start : null;
}

function monthDay(y: number, m: number, d?: number): string | null {
  const day = `${y}-${pad(m)}-${pad(d ?? 1)}`;
  return m >= 1 && m <= 12 && isIsoDay(day) ? day : null;
}

/**
 * The period the words name, or null when they name none. Without a year, the latest such period that has begun;
 * a period still to come is returned as it is (the caller says it has not begun).
 */
export function periodFromWords(words: string, today: string): Period | null {
  const s = words
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[/.]/g, '-')
    .replace(/(的|份)$/u, '');
  if (!s) return null;
  const relative = RELATIVE[s];
  if (relative) return relative(today);
  const key = parsePeriodKey(s);
  if (key) return key.unit === 'day' && !isIsoDay(key.key) ? null : key;
  let m: RegExpExecArray | null;
  const year = (y: string | undefined) => (y ? Number(y) : null);
  // 2026年11月27日, 11月27日 (号 too)
  if ((m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]$/u.exec(s))) {
    const [, y, mo, d] = m;
    const at = (yy: number) => monthDay(yy, Number(mo), Number(d));
    const fixed = year(y);
    if (fixed !== null) return at(fixed) ? periodOf('day', at(fixed)!) : null;
    return latest('day', today, at);
  }
  // 2026年11月, 11月, 十一月
  if ((m = new RegExp(`^(?:(\\d{4})年)?${N}月$`, 'u').exec(s))) {
    const [, y, mo] = m;
    const at = (yy: number) => monthDay(yy, num(mo!));
    const fixed = year(y);
    if (fixed !== null) return at(fixed) ? periodOf('month', at(fixed)!) : null;
    return latest('month', today, at);
  }
  // 2026年第48周, 第48周, 48周
  if ((m = /^(?:(\d{4})年)?第?(\d{1,2})周$/u.exec(s))) {
    const [, y, w] = m;
    const fixed = year(y);
    if (fixed !== null) {
      const start = isoWeekStart(fixed, Number(w));
      return start ? periodOf('week', start) : null;
    }
    // the ISO week-year of today first (the last days of December may be week 1 of the next year)
    const weekYear = Number(periodOf('week', today).key.slice(0, 4));
    for (const yy of [weekYear, weekYear - 1]) {
      const start = isoWeekStart(yy, Number(w));
      if (start && start <= today) return periodOf('week', start);
    }
    return null;
  }
  // 2026年第4季度, 第四季度, 4季度, 2026年Q4, Q4
  if ((m = new RegExp(`^(?:(\\d{4})年)?(?:第?${N}季度?|Q([1-4]))$`, 'u').exec(s))) {
    const [, y, cn, q] = m;
    const quarter = q ? Number(q) : num(cn!);
    if (!(quarter >= 1 && quarter <= 4)) return null;
    const at = (yy: number) => `${yy}-${pad(quarter * 3 - 2)}-01`;
    const fixed = year(y);
    return fixed !== null ? periodOf('quarter', at(fixed)) : latest('quarter', today, at);
  }
  // 2026年上半年, 2026年下半年, 2026年H2
  if ((m = /^(\d{4})年(上半年|下半年|H1|H2)$/u.exec(s))) {
    const first = m[2] === '上半年' || m[2] === 'H1';
    return periodOf('half', `${m[1]}-${first ? '01' : '07'}-01`);
  }
  // 2026年
  if ((m = /^(\d{4})年$/u.exec(s))) return periodOf('year', `${m[1]}-01-01`);
  return null;
}
