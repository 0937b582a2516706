// The work calendar module's public face: build a WorkCalendar, optionally from a company calendar file.
import { loadCalendarFile } from './calendar-file.ts';
import { createCalendar } from './create-calendar.ts';
import type { WorkCalendar } from './types.ts';

export type * from './types.ts';
export { createCalendar } from './create-calendar.ts';
export { statutoryHolidays } from './statutory.ts';

/** The calendar the service runs on: the company file when one is given (e.g. CALENDAR_FILE), else official data and default festivals. */
export async function loadWorkCalendar(file?: string): Promise<WorkCalendar> {
  return file ? createCalendar(await loadCalendarFile(file)) : createCalendar();
}
