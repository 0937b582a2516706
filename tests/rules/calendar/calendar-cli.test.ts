// steward calendar check: which years have holiday data and from where, the festivals, and refusal of a bad file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarCommand, type CalendarReport } from '../../../src/cli/calendar.ts';
import { FixedClock } from '../../../src/lib/clock.ts';
import { CalendarFileError } from '../../../src/rules/calendar/calendar-file.ts';

const examplePath = new URL('../../../examples/calendar.yaml', import.meta.url).pathname;

/** Runs `steward calendar ...` in-process with "now" = 2026-11-27 10:00 in Shanghai. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}, now = '2026-11-27T02:00:00Z') {
  let stdout = '';
  let stderr = '';
  const code = await calendarCommand(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), env, clock: new FixedClock(now) });
  return { code, stdout, stderr };
}

describe('steward calendar check', () => {
  it('without a file, on 2026-11-27: 2025 and 2026 official, 2027 and 2028 flagged as having no data (statutory holidays only)', async () => {
    const { code, stdout } = await run(['check']);
    expect(code).toBe(0);
    expect(stdout).toContain('no calendar file');
    expect(stdout).toContain('2025: official (chinese-days)');
    expect(stdout).toContain('2026: official (chinese-days)');
    expect(stdout).toContain(
      '2027: NO DATA — only the statutory holidays rest (元旦, 除夕–初三, 清明节, 劳动节 5/1–5/2, 端午节, 中秋节, 国庆节 10/1–10/3), and inferred weekdays off for those on a Saturday or Sunday: 2027-02-09 春节补假, 2027-02-10 春节补假, 2027-05-03 劳动节补假, 2027-05-04 劳动节补假, 2027-10-04 国庆节补假, 2027-10-05 国庆节补假; its make-up workdays (调休) cannot be known: add the year to the calendar file',
    );
    // 2028: 元旦 on a Saturday, 端午 (05-28) on a Sunday, 国庆 10-01 on a Sunday
    expect(stdout).toContain('2028: NO DATA');
    expect(stdout).toContain(
      'inferred weekdays off for those on a Saturday or Sunday: 2028-01-03 元旦补假, 2028-05-29 端午节补假, 2028-10-04 国庆节补假;',
    );
    expect(stdout).toMatch(/festivals 2026:\n {2}2026-01-01 {2}元旦\n {2}2026-02-17 {2}春节/);
    expect(stdout).toContain('2027-09-15  中秋节');
  });

  it('with the example file (via CALENDAR_FILE), 2027 comes from the company file', async () => {
    const { code, stdout } = await run(['check'], { CALENDAR_FILE: examplePath });
    expect(code).toBe(0);
    expect(stdout).toContain(`${examplePath}: valid (company days off 1, extra workdays 0, its own festival list)`);
    expect(stdout).toContain('2027: company file');
    expect(stdout).not.toContain('2027: NO DATA');
    expect(stdout).not.toContain('2027-02-09 春节补假');
    expect(stdout).toContain('2027-02-05  除夕');
  });

  it('"this year" is the Shanghai year: 2026-12-31T16:30Z is already 2027 in Shanghai', async () => {
    const { stdout } = await run(['check', '--json'], {}, '2026-12-31T16:30:00Z');
    const report = JSON.parse(stdout) as CalendarReport;
    expect(report.today).toBe('2027-01-01');
    expect(report.years.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029]);
  });

  it('--json prints only JSON, --file beating CALENDAR_FILE', async () => {
    const { code, stdout } = await run(['check', '--json', '--file', examplePath], { CALENDAR_FILE: '/nowhere.yaml' });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CalendarReport;
    expect(report.file).toBe(examplePath);
    expect(report.years).toEqual([
      { year: 2025, source: 'official', hasData: true, replacesOfficial: false, inferredDaysOff: [] },
      { year: 2026, source: 'official', hasData: true, replacesOfficial: false, inferredDaysOff: [] },
      { year: 2027, source: 'company', hasData: true, replacesOfficial: false, inferredDaysOff: [] },
      {
        year: 2028,
        source: 'statutory',
        hasData: false,
        replacesOfficial: false,
        inferredDaysOff: ['2028-01-03 元旦补假', '2028-05-29 端午节补假', '2028-10-04 国庆节补假'],
      },
    ]);
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^warning: 2028 has no holiday data: only its statutory holidays rest .*make-up workdays \(调休\) cannot be known/,
      ),
    ]);
    expect(report.festivals['2026']?.find((f) => f.id === 'spring_festival')?.date).toBe('2026-02-17');
    expect(Object.keys(report.festivals)).toEqual(['2026', '2027']);
  });

  it('a company year that the package also covers is shown as replacing it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'steward-cal-')), 'calendar.yaml');
    writeFileSync(file, 'years:\n  2026:\n    holidays: [2026-10-01..2026-10-07]\n');
    const { stdout } = await run(['check', '--file', file]);
    expect(stdout).toContain('2026: company file (replaces chinese-days for this year)');
  });

  it('a bad file is refused with its line (a CalendarFileError, which the CLI prints and exits 1 on)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'steward-cal-')), 'calendar.yaml');
    writeFileSync(file, 'years:\n  2027:\n    holidays: [2027-02-30]\n');
    const failure = run(['check', '--file', file]);
    await expect(failure).rejects.toBeInstanceOf(CalendarFileError);
    await expect(failure).rejects.toThrow(`${file}:3: years.2027.holidays[0]: must be a real date written as YYYY-MM-DD`);
  });

  it('an unknown subcommand prints the usage', async () => {
    await expect(run(['show'])).rejects.toThrow(/usage: steward calendar check/);
  });
});
