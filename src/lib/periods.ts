// Periods of the calendar as keys and day ranges: day, ISO week, month, quarter, half-year, year.
import { addDays } from './shanghai.ts';

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  unit: PeriodUnit;
  /** '2026-11-27', '2026-W48', '2026-11', '2026-Q4', '2026-H2', '2026' */
  key: string;
  /** first and last day, inclusive */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** 1 = Monday … 7 = Sunday */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoWeekKey(day: string): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${year}-01-04`;
  const week1Monday = addDays(jan4, 1 - isoWeekday(jan4));
  const week = Math.floor((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${week1Monday}T00:00:00Z`)) / (7 * 86400_000)) + 1;
  return `${year}-W${pad(week)}`;
}

/** The period of a unit that contains a day. */
export function periodOf(unit: PeriodUnit, day: string): Period {
  const [y, m] = parts(day);
  switch (unit) {
    case 'day':
      return { unit, key: day, start: day, end: day };
    case 'week': {
      const start = addDays(day, 1 - isoWeekday(day));
      return { unit, key: isoWeekKey(day), start, end: addDays(start, 6) };
    }
    case 'month':
      return { unit, key: `${y}-${pad(m)}`, start: ymd(y, m, 1), end: ymd(y, m, lastDayOfMonth(y, m)) };
    case 'quarter': {
      const q = Math.ceil(m / 3);
      return { unit, key: `${y}-Q${q}`, start: ymd(y, q * 3 - 2, 1), end: ymd(y, q * 3, lastDayOfMonth(y, q * 3)) };
    }
    case 'half': {
      const h = m <= 6 ? 1 : 2;
      return { unit, key: `${y}-H${h}`, start: ymd(y, h === 1 ? 1 : 7, 1), end: h === 1 ? ymd(y, 6, 30) : ymd(y, 12, 31) };
    }
    case 'year':
      return { unit, key: String(y), start: ymd(y, 1, 1), end: ymd(y, 12, 31) };
  }
}

/** Every period of a unit that overlaps [from, to], in order. */
export function periodsBetween(unit: PeriodUnit, from: string, to: string): Period[] {
  const out: Period[] = [];
  let day = from;
  while (day <= to) {
    const p = periodOf(unit, day);
    out.push(p);
    day = addDays(p.end, 1);
  }
  return out;
}

/** Parses a period key back into its period ('2026-W46', '2026-Q4', …); null when it is not one. */
export function parsePeriodKey(key: string): Period | null {
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return periodOf('day', key);
  if ((m = /^(\d{4})-(\d{2})$/.exec(key)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return periodOf('month', `${key}-01`);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return periodOf('quarter', ymd(Number(m[1]), Number(m[2]) * 3, 1));
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return periodOf('half', ymd(Number(m[1]), m[2] === '1' ? 1 : 7, 1));
  if ((m = /^(\d{4})$/.exec(key))) return periodOf('year', `${key}-01-01`);
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const year = Number(m[1]);
    const jan4 = `${year}-01-04`;
    const monday = addDays(jan4, 1 - isoWeekday(jan4) + (Number(m[2]) - 1) * 7);
    const p = periodOf('week', monday);
    return p.key === key ? p : null;
  }
  return null;
}
