// steward calendar check [--file FILE] [--json]: validate the company calendar file; show which years have holiday data and the festivals.
import { parseArgs } from 'node:util';
import { shanghaiDay } from '../lib/shanghai.ts';
import { loadCalendarFile, type CalendarFile } from '../rules/calendar/calendar-file.ts';
import { createCalendar, yearSource, type YearSource } from '../rules/calendar/create-calendar.ts';
import { STATUTORY_SUMMARY, statutoryDaysInLieu } from '../rules/calendar/statutory.ts';
import type { Festival, WorkCalendar } from '../rules/calendar/types.ts';
import { CliError, type CliIO, type Command } from './io.ts';

const USAGE = 'usage: steward calendar check [--file FILE] [--json]   (FILE defaults to CALENDAR_FILE)';

/** How a year's source reads; a year without data with the weekdays off inferred for it. */
function sourceText(source: YearSource, inferred: string[]): string {
  if (source === 'official') return 'official (chinese-days)';
  if (source === 'company') return 'company file';
  return `NO DATA — only the statutory holidays rest (${STATUTORY_SUMMARY})${inferredText(inferred)}; its make-up workdays (调休) cannot be known: add the year to the calendar file`;
}

/** ", and inferred weekdays off for those on a weekend: 2027-02-09 春节补假, …", or nothing without any. */
function inferredText(inferred: string[]): string {
  return inferred.length ? `, and inferred weekdays off for those on a Saturday or Sunday: ${inferred.join(', ')}` : '';
}

/**
 * The weekdays off inferred (补假, not published) for a statutory day on a weekend in a year without data, inside
 * [from, to] and still rest days in this calendar: "2027-02-09 春节补假".
 */
function inferredDaysOff(calendar: WorkCalendar, year: number, from: string, to: string): string[] {
  if (calendar.hasData(year)) return [];
  return [...statutoryDaysInLieu(year)]
    .filter(([day]) => day >= from && day <= to && !calendar.isWorkday(day))
    .map(([day, name]) => `${day} ${name}`);
}

/** One warning per year of [from, to] the calendar has no data for (official or company): what is assumed, and what to do. */
export function missingYearWarnings(calendar: WorkCalendar, from: string, to: string): string[] {
  const warnings: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    if (calendar.hasData(year)) continue;
    const inferred = inferredDaysOff(calendar, year, from, to);
    warnings.push(
      `warning: ${year} has no holiday data: only its statutory holidays rest (${STATUTORY_SUMMARY})${inferredText(inferred)}, and its make-up workdays (调休) cannot be known; add ${year} to the calendar file (CALENDAR_FILE) once the State Council publishes it`,
    );
  }
  return warnings;
}

export interface CalendarReport {
  file: string | null;
  today: string;
  years: { year: number; source: YearSource; hasData: boolean; replacesOfficial: boolean; inferredDaysOff: string[] }[];
  /** the years shown that have no data, each with what is assumed for it (the text output says it on the year's line) */
  warnings: string[];
  festivals: Record<string, Festival[]>;
  daysOff: number;
  extraWorkdays: number;
  ownFestivalList: boolean;
}

export const calendarCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'check') return calendarCheck(rest, io);
  throw new CliError(USAGE);
};

async function calendarCheck(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const file = values.file || io.env.CALENDAR_FILE || null;
  // A broken file throws CalendarFileError (a YamlFileError): one line per problem, each with file:line, exit 1.
  const loaded: CalendarFile | undefined = file ? await loadCalendarFile(file) : undefined;
  const report = buildReport(file, loaded, shanghaiDay(io.clock.now()));
  io.out(values.json ? `${JSON.stringify(report)}\n` : renderReport(report));
  return 0;
}

function buildReport(file: string | null, loaded: CalendarFile | undefined, today: string): CalendarReport {
  const calendar = createCalendar(loaded ?? {});
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((year) => {
    const source = yearSource(year, loaded?.overrides);
    return {
      year,
      source,
      hasData: calendar.hasData(year),
      replacesOfficial: source === 'company' && yearSource(year) === 'official',
      inferredDaysOff: inferredDaysOff(calendar, year, `${year}-01-01`, `${year}-12-31`),
    };
  });
  return {
    file,
    today,
    years,
    warnings: missingYearWarnings(calendar, `${years[0]!.year}-01-01`, `${years[years.length - 1]!.year}-12-31`),
    festivals: { [thisYear]: calendar.festivals(thisYear), [thisYear + 1]: calendar.festivals(thisYear + 1) },
    daysOff: loaded?.overrides.daysOff?.length ?? 0,
    extraWorkdays: loaded?.overrides.extraWorkdays?.length ?? 0,
    ownFestivalList: Boolean(loaded?.festivals),
  };
}

function renderReport(r: CalendarReport): string {
  const lines = [
    r.file
      ? `${r.file}: valid (company days off ${r.daysOff}, extra workdays ${r.extraWorkdays}, ${r.ownFestivalList ? 'its own festival list' : 'the default festivals'})`
      : 'no calendar file (set --file or CALENDAR_FILE): official data and the default festivals',
    '',
    'holiday data:',
    ...r.years.map(
      (y) => `  ${y.year}: ${sourceText(y.source, y.inferredDaysOff)}${y.replacesOfficial ? ' (replaces chinese-days for this year)' : ''}`,
    ),
  ];
  for (const [year, festivals] of Object.entries(r.festivals)) {
    lines.push('', `festivals ${year}:`, ...festivals.map((f) => `  ${f.date}  ${f.name}`));
  }
  return `${lines.join('\n')}\n`;
}
