// The work calendar's contract: workdays and rest days (official + company overrides), deadline shifts, festivals.
// Days are always 'YYYY-MM-DD' strings of the Asia/Shanghai calendar.

export type ShiftPolicy = 'keep' | 'next-workday' | 'previous-workday';

export interface Festival {
  /** stable id: new_year | spring_festival | lantern | qingming | labour_day | dragon_boat | mid_autumn | national_day | custom ids */
  id: string;
  /** Chinese name shown to users: 元旦, 春节, 元宵节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 */
  name: string;
  /** the Gregorian date in that year */
  date: string;
}

export interface WorkCalendar {
  /** Official calendar (weekends, statutory holidays, make-up workdays 调休) with the company's overrides applied. */
  isWorkday(day: string): boolean;
  /**
   * True when the official data or the company file covers that year; otherwise only its statutory holidays (元旦,
   * 除夕–初三, 清明, 5/1–5/2, 端午, 中秋, 10/1–10/3) rest, with a weekday off inferred after the holiday for each of them
   * on a Saturday or Sunday ("春节补假"), and its make-up workdays (调休) are unknown.
   */
  hasData(year: number): boolean;
  /** A short Chinese description of the day when it is special: "春节", "调休上班", "公司休息日"; undefined for ordinary days. */
  dayName(day: string): string | undefined;
  /** keep → day; next-workday → the day if a workday, else the next workday; previous-workday → likewise backwards. */
  shift(day: string, policy: ShiftPolicy): string;
  /** Every workday in [from, to], inclusive, in order. */
  workdaysIn(from: string, to: string): string[];
  /** The company's festivals that fall in a year, in date order. */
  festivals(year: number): Festival[];
}

/** How a festival's date is found each year. */
type FestivalRule =
  | { kind: 'solar'; month: number; day: number }
  /** Lunar month 1–12 (never the leap month) and day 1–30; day 30 in a 29-day month means the month's last day (12-30 is always 除夕). */
  | { kind: 'lunar'; month: number; day: number }
  /** One of the 24 solar terms (节气) by its Chinese name, e.g. 清明. */
  | { kind: 'solar_term'; term: string };

/** A festival the company decorates for; resolved to a Gregorian date per year. */
export type FestivalSpec = { id: string; name: string } & FestivalRule;

/** The company's own calendar decisions on top of the official data (days are YYYY-MM-DD, already expanded from ranges). */
export interface CalendarOverrides {
  /** Years the company defines itself (one the package lacks, or a correction): a year here replaces the official data for that whole year. */
  years?: Record<number, { holidays?: string[]; workdays?: string[] }>;
  /** The company's own extra rest days (公司休息日). */
  daysOff?: string[];
  /** The company's own extra workdays. */
  extraWorkdays?: string[];
}

export interface CalendarOptions {
  overrides?: CalendarOverrides;
  /** Replaces the default festival list when given. */
  festivals?: FestivalSpec[];
}
