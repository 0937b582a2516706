// Prints the calendar's answers as JSON, so a test can run it under another TZ and compare (spawned with tsx).
import { createCalendar } from '../../../src/rules/calendar/create-calendar.ts';

export const PROBE_DAYS = [
  '2026-01-01',
  '2026-01-04',
  '2026-02-14',
  '2026-02-16',
  '2026-02-28',
  '2026-03-01',
  '2026-10-01',
  '2026-11-27',
  '2026-11-28',
  '2027-01-01',
  '2027-01-02',
];

export function probe() {
  const calendar = createCalendar();
  return {
    days: PROBE_DAYS.map((day) => [day, calendar.isWorkday(day), calendar.dayName(day) ?? null]),
    shifts: [
      calendar.shift('2026-10-01', 'previous-workday'),
      calendar.shift('2026-01-02', 'next-workday'),
      calendar.shift('2026-11-28', 'previous-workday'),
    ],
    november: calendar.workdaysIn('2026-11-01', '2026-11-30').length,
    festivals: [2026, 2027].map((year) => calendar.festivals(year)),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  process.stdout.write(JSON.stringify(probe()));
}
