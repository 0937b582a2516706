// The company calendar file: YAML → validated overrides and festivals, every error naming its place ("calendar.yaml:7: years.2027.holidays[3]: …").
//
// Shape (every key optional; see examples/calendar.yaml):
//
//   years:                      # a year the package lacks, or a correction of one
//     2027:                     # a year listed here REPLACES the official data for that whole year:
//       holidays: [2027-01-01, 2027-02-06..2027-02-12]   #   its statutory rest days (single days or inclusive ranges a..b)
//       workdays: [2027-02-14]                            #   its make-up workdays (调休上班); other days: weekdays work, weekends rest
//   days_off: [2026-12-31]      # the company's own extra rest days (公司休息日); days or ranges
//   extra_workdays: []          # the company's own extra workdays; days or ranges
//   festivals:                  # replaces the default festival list; each has exactly one of solar / lunar / solar_term
//     - { id: national_day, name: 国庆节, solar: 10-01 }     # Gregorian MM-DD
//     - { id: spring_festival, name: 春节, lunar: 01-01 }    # lunar MM-DD (day 30 of a 29-day month = its last day)
//     - { id: qingming, name: 清明节, solar_term: 清明 }      # one of the 24 solar terms
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { addDays, isIsoDay } from '../../lib/shanghai.ts';
import { parseYamlFile, YamlFileError, type Path, type Problem } from '../../lib/yaml-file.ts';
import { SOLAR_TERMS } from './festivals.ts';
import type { CalendarOverrides, FestivalSpec } from './types.ts';

export interface CalendarFile {
  overrides: CalendarOverrides;
  /** Absent when the file does not list festivals (the default list applies). */
  festivals?: FestivalSpec[];
}

export type CalendarProblem = Problem;

export class CalendarFileError extends YamlFileError {
  override readonly code = 'CALENDAR_FILE_INVALID';
  constructor(source: string, problems: CalendarProblem[]) {
    super(source, problems);
    this.name = 'CalendarFileError';
  }
}

const MAX_RANGE_DAYS = 366;
const DAY_MESSAGE = 'must be a real date written as YYYY-MM-DD';
const requiredOr = (message: string) => (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : message);

interface DayRange {
  from: string;
  to: string;
}

const dayOrRange = z
  .union([z.string(), z.date()], { error: requiredOr(`${DAY_MESSAGE}, or a range YYYY-MM-DD..YYYY-MM-DD`) })
  .transform((v, ctx): DayRange => {
    if (v instanceof Date) {
      const day = v.toISOString().slice(0, 10);
      return { from: day, to: day };
    }
    const parts = v.split('..').map((s) => s.trim());
    if (parts.length === 1) {
      if (!isIsoDay(parts[0]!)) ctx.addIssue(DAY_MESSAGE);
      return { from: parts[0]!, to: parts[0]! };
    }
    const [from = '', to = ''] = parts;
    if (parts.length !== 2 || !isIsoDay(from) || !isIsoDay(to)) {
      ctx.addIssue('a range must be two real dates written as YYYY-MM-DD..YYYY-MM-DD');
    } else if (to < from) {
      ctx.addIssue(`the range ends (${to}) before it starts (${from})`);
    } else if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
      ctx.addIssue(`a range may span at most ${MAX_RANGE_DAYS} days`);
    }
    return { from, to };
  });

const dayList = z.array(dayOrRange, { error: 'must be a list of dates, e.g. [2027-01-01, 2027-02-06..2027-02-12]' });

const YearSchema = z.strictObject(
  { holidays: dayList.default([]), workdays: dayList.default([]) },
  { error: 'must list holidays: and workdays:' },
);

const yearKey = z.string().refine((k) => /^\d{4}$/.test(k) && Number(k) >= 1901 && Number(k) <= 2099, 'must be a year such as 2027');

const SOLAR_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthDay(kind: 'solar' | 'lunar') {
  const message =
    kind === 'solar'
      ? 'must be a month and day written as MM-DD, e.g. 10-01'
      : 'must be a lunar month and day written as MM-DD (month 01–12, day 01–30), e.g. 08-15';
  return z.string({ error: message }).transform((v, ctx) => {
    const m = /^\s*(\d{1,2})-(\d{1,2})\s*$/.exec(v);
    const month = Number(m?.[1]);
    const day = Number(m?.[2]);
    const max = kind === 'lunar' ? 30 : (SOLAR_DAYS[month - 1] ?? 0);
    if (!m || month < 1 || month > 12 || day < 1 || day > max) {
      ctx.addIssue(kind === 'solar' && month === 2 && day === 29 ? '02-29 is not in every year; pick another day' : message);
    }
    return { month, day };
  });
}

const FestivalSchema = z
  .strictObject({
    id: z
      .string({ error: requiredOr('must be a text id such as spring_festival') })
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be letters, digits, "_" or "-" (at most 40)'),
    name: z
      .string({ error: requiredOr('must be a name such as 春节') })
      .trim()
      .min(1, 'must not be empty')
      .max(20, 'must be at most 20 characters'),
    solar: monthDay('solar').optional(),
    lunar: monthDay('lunar').optional(),
    solar_term: z
      .string()
      .trim()
      .refine((t) => (SOLAR_TERMS as readonly string[]).includes(t), {
        error: (iss) => `unknown solar term ${JSON.stringify(iss.input)}; use one of ${SOLAR_TERMS.join(', ')}`,
      })
      .optional(),
  })
  .refine((f) => [f.solar, f.lunar, f.solar_term].filter((x) => x !== undefined).length === 1, {
    message: 'needs exactly one of solar: MM-DD, lunar: MM-DD or solar_term: 清明',
  });

const CalendarFileSchema = z.strictObject({
  years: z
    .record(yearKey, YearSchema, { error: 'must map years to their holidays and workdays, e.g. 2027: { holidays: [...] }' })
    .default({}),
  days_off: dayList.default([]),
  extra_workdays: dayList.default([]),
  festivals: z.array(FestivalSchema, { error: 'must be a list of festivals' }).optional(),
});

type RawCalendarFile = z.infer<typeof CalendarFileSchema>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function expand(ranges: DayRange[]): string[] {
  const days: string[] = [];
  for (const { from, to } of ranges) for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Checks the schema cannot express: days inside their year, a day listed both ways, unique festival ids. */
function checkConsistency(raw: RawCalendarFile): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const clash = (listA: DayRange[], nameA: string, listB: DayRange[], pathB: Path) => {
    const inA = new Set(expand(listA));
    listB.forEach((range, i) => {
      const day = expand([range]).find((d) => inA.has(d));
      if (day) problems.push({ path: [...pathB, i], message: `${day} is also listed under ${nameA}` });
    });
  };
  for (const [key, year] of Object.entries(raw.years)) {
    for (const list of ['holidays', 'workdays'] as const) {
      year[list].forEach((range, i) => {
        if (!range.from.startsWith(`${key}-`) || !range.to.startsWith(`${key}-`)) {
          problems.push({
            path: ['years', key, list, i],
            message: `${range.from === range.to ? range.from : `${range.from}..${range.to}`} is not in ${key}`,
          });
        }
      });
    }
    clash(year.holidays, 'holidays', year.workdays, ['years', key, 'workdays']);
  }
  clash(raw.days_off, 'days_off', raw.extra_workdays, ['extra_workdays']);
  const ids = new Map<string, number>();
  raw.festivals?.forEach((f, i) => {
    const first = ids.get(f.id);
    if (first !== undefined) problems.push({ path: ['festivals', i, 'id'], message: `duplicate id "${f.id}" (also festivals[${first}])` });
    else ids.set(f.id, i);
  });
  return problems;
}

function toCalendarFile(raw: RawCalendarFile): CalendarFile {
  const years: NonNullable<CalendarOverrides['years']> = {};
  for (const [key, year] of Object.entries(raw.years))
    years[Number(key)] = { holidays: expand(year.holidays), workdays: expand(year.workdays) };
  const overrides: CalendarOverrides = { years, daysOff: expand(raw.days_off), extraWorkdays: expand(raw.extra_workdays) };
  const festivals = raw.festivals?.map((f): FestivalSpec => {
    if (f.solar) return { id: f.id, name: f.name, kind: 'solar', ...f.solar };
    if (f.lunar) return { id: f.id, name: f.name, kind: 'lunar', ...f.lunar };
    return { id: f.id, name: f.name, kind: 'solar_term', term: f.solar_term! };
  });
  return festivals ? { overrides, festivals } : { overrides };
}

/** Parses and validates a calendar file's text; throws CalendarFileError listing every problem with its line. */
export function parseCalendarFile(text: string, source = 'calendar file'): CalendarFile {
  return toCalendarFile(parseYamlFile(CalendarFileSchema, text, source, { check: checkConsistency, error: CalendarFileError }));
}

/** Reads and validates a calendar file from disk. */
export async function loadCalendarFile(file: string): Promise<CalendarFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CalendarFileError(file, [{ path: [], message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return parseCalendarFile(text, file);
}
