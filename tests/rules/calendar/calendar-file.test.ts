// The company calendar file: the example parses and drives the calendar; every bad file names file:line and path.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarFileError, loadCalendarFile, parseCalendarFile } from '../../../src/rules/calendar/calendar-file.ts';
import { createCalendar } from '../../../src/rules/calendar/create-calendar.ts';
import { YamlFileError } from '../../../src/lib/yaml-file.ts';
import { refusedLines } from '../../helpers/file-problems.ts';

const examplePath = new URL('../../../examples/calendar.yaml', import.meta.url).pathname;
const example = readFileSync(examplePath, 'utf8');

const problemsOf = (text: string): string[] => refusedLines(() => parseCalendarFile(text, 'calendar.yaml'), CalendarFileError);

describe('the example calendar file', () => {
  it('parses: 2027 as a company year, one day off, its own festival list', () => {
    const file = parseCalendarFile(example, 'calendar.yaml');
    expect(Object.keys(file.overrides.years ?? {})).toEqual(['2027']);
    expect(file.overrides.years?.[2027]?.holidays).toContain('2027-02-09'); // inside 2027-02-06..2027-02-12
    expect(file.overrides.years?.[2027]?.workdays).toEqual(['2027-02-14', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);
    expect(file.overrides.daysOff).toEqual(['2026-12-31']);
    expect(file.festivals?.map((f) => f.id)).toContain('new_years_eve');
  });

  it('makes 2027 a year with data whose holidays and make-up workdays are honoured', async () => {
    const calendar = createCalendar(await loadCalendarFile(examplePath));
    expect(calendar.hasData(2027)).toBe(true);
    expect(calendar.isWorkday('2027-01-01')).toBe(false);
    expect(calendar.isWorkday('2027-02-10')).toBe(false);
    expect(calendar.dayName('2027-02-10')).toBe('春节');
    expect(calendar.isWorkday('2027-02-14')).toBe(true);
    expect(calendar.isWorkday('2026-12-31')).toBe(false);
    expect(calendar.dayName('2026-12-31')).toBe('公司休息日');
    expect(calendar.festivals(2027).slice(0, 2)).toEqual([
      { id: 'new_year', name: '元旦', date: '2027-01-01' },
      { id: 'new_years_eve', name: '除夕', date: '2027-02-05' },
    ]);
  });

  it('an empty file changes nothing and keeps the default festivals', () => {
    const file = parseCalendarFile('# nothing yet\n', 'calendar.yaml');
    expect(file.festivals).toBeUndefined();
    expect(createCalendar(file).hasData(2027)).toBe(false);
  });
});

describe('a bad calendar file is refused with file:line and path', () => {
  it('an impossible date in a year list', () => {
    const text = [
      'years:',
      '  2027:',
      '    holidays:',
      '      - 2027-01-01',
      '      - 2027-02-06..2027-02-12',
      '      - 2027-04-05',
      '      - 2027-02-30',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual(['calendar.yaml:7: years.2027.holidays[3]: must be a real date written as YYYY-MM-DD']);
  });

  it('a range that ends before it starts, or is not two dates', () => {
    expect(problemsOf('days_off: [2026-12-24..2026-12-20]\n')).toEqual([
      'calendar.yaml:1: days_off[0]: the range ends (2026-12-20) before it starts (2026-12-24)',
    ]);
    expect(problemsOf('days_off:\n  - 2026-12-24..soon\n')).toEqual([
      'calendar.yaml:2: days_off[0]: a range must be two real dates written as YYYY-MM-DD..YYYY-MM-DD',
    ]);
  });

  it('a day listed under a year it does not belong to', () => {
    expect(problemsOf('years:\n  2027:\n    holidays: [2027-01-01, 2026-12-31]\n')).toEqual([
      'calendar.yaml:3: years.2027.holidays[1]: 2026-12-31 is not in 2027',
    ]);
  });

  it('a day that is both a holiday and a make-up workday', () => {
    expect(problemsOf('years:\n  2027:\n    holidays: [2027-02-06..2027-02-12]\n    workdays:\n      - 2027-02-08\n')).toEqual([
      'calendar.yaml:5: years.2027.workdays[0]: 2027-02-08 is also listed under holidays',
    ]);
  });

  it('a day that is both a company day off and an extra workday', () => {
    expect(problemsOf('days_off: [2026-12-24..2026-12-26]\nextra_workdays: [2026-12-25]\n')).toEqual([
      'calendar.yaml:2: extra_workdays[0]: 2026-12-25 is also listed under days_off',
    ]);
  });

  it('a year key that is not a year', () => {
    expect(problemsOf('years:\n  2027: {}\n  next: {}\n')).toEqual(['calendar.yaml:3: years.next: must be a year such as 2027']);
  });

  it('a misspelt key is named on its own line', () => {
    expect(problemsOf('years:\n  2027:\n    holidays: []\n    workday: [2027-02-14]\n')).toEqual([
      'calendar.yaml:4: years.2027: unknown key "workday"',
    ]);
    expect(problemsOf('days_of: [2026-12-24]\n')).toEqual(['calendar.yaml:1: unknown key "days_of"']);
  });

  it('a list written as a single date', () => {
    expect(problemsOf('days_off: 2026-12-24\n')).toEqual([
      'calendar.yaml:1: days_off: must be a list of dates, e.g. [2027-01-01, 2027-02-06..2027-02-12]',
    ]);
  });

  it('festivals with a bad date, an unknown solar term, no rule or two rules, a duplicate id', () => {
    const text = [
      'festivals:',
      '  - { id: a, name: 甲, solar: 02-29 }',
      '  - { id: b, name: 乙, lunar: 13-01 }',
      '  - { id: c, name: 丙, solar_term: 清明节 }',
      '  - { id: d, name: 丁 }',
      '  - { id: e, name: 戊, solar: 01-01, lunar: 01-01 }',
      '',
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('calendar.yaml:2: festivals[0].solar: 02-29 is not in every year; pick another day');
    expect(problems[1]).toMatch(/^calendar\.yaml:3: festivals\[1\]\.lunar: must be a lunar month and day written as MM-DD/);
    expect(problems[2]).toMatch(/^calendar\.yaml:4: festivals\[2\]\.solar_term: unknown solar term "清明节"; use one of 小寒, 大寒/);
    expect(problems[3]).toBe('calendar.yaml:5: festivals[3]: needs exactly one of solar: MM-DD, lunar: MM-DD or solar_term: 清明');
    expect(problems[4]).toBe('calendar.yaml:6: festivals[4]: needs exactly one of solar: MM-DD, lunar: MM-DD or solar_term: 清明');
    expect(problemsOf('festivals:\n  - { id: a, name: 甲, solar: 01-01 }\n  - { id: a, name: 乙, solar: 02-01 }\n')).toEqual([
      'calendar.yaml:3: festivals[1].id: duplicate id "a" (also festivals[0])',
    ]);
  });

  it('broken YAML is reported with its line', () => {
    expect(problemsOf('years:\n  2027:\n    holidays: [2027-01-01\n')[0]).toMatch(/^calendar\.yaml:\d+: YAML: /);
  });

  it('a missing file is a CalendarFileError naming the file, which the CLI reports as a YamlFileError', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'steward-cal-')), 'nope.yaml');
    await expect(loadCalendarFile(missing)).rejects.toThrow(`${missing}: cannot read the file (ENOENT)`);
    await expect(loadCalendarFile(missing)).rejects.toBeInstanceOf(YamlFileError);
  });

  it('a file on disk gives its own path in the message', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'steward-cal-')), 'calendar.yaml');
    writeFileSync(file, 'extra_workdays: [2026-13-01]\n');
    await expect(loadCalendarFile(file)).rejects.toThrow(`${file}:1: extra_workdays[0]: must be a real date written as YYYY-MM-DD`);
  });
});
