// steward plan on real dates: the year in front of due dates outside the window's year, the warning for a year without
// holiday data, and a manager appointed on 2026-09-28 (a first week owed in full though it has three workdays).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanPerson } from '../../src/cli/plan.ts';
import { tempDir, useCliDatabase } from '../helpers/cli.ts';
import { EXAMPLE_ORG_PATH } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

/** examples/org.yaml with its manager m1 newly appointed (and starting) on Monday 2026-09-28. */
function appointedOrgFile(): string {
  const text = readFileSync(EXAMPLE_ORG_PATH, 'utf8').replace('    since: 2026-11-01', '    since: 2026-09-28\n    appointed: 2026-09-28');
  expect(text).toContain('appointed: 2026-09-28');
  const file = path.join(tempDir('steward-plan-'), 'org.yaml');
  writeFileSync(file, text);
  return file;
}

describe.each(DRIVERS)('steward plan on real dates on %s', (driver) => {
  const cli = useCliDatabase(driver);
  const plan = async (...args: string[]) => {
    const res = await cli.run('plan', ...args, '--json');
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(res.stdout) as { warnings: string[]; people: PlanPerson[] };
  };
  const rule = (people: PlanPerson[], personId: string, ruleId: string) =>
    people.find((p) => p.id === personId)!.rules.find((r) => r.id === ruleId)!;

  beforeAll(async () => {
    expect((await cli.run('org', 'import', appointedOrgFile(), '--day', '2026-09-28')).code).toBe(0);
  });

  it('a window reaching into 2027 prints the 2027 due dates with their year, and the 2026 ones without', async () => {
    const out = await plan('--from', '2026-12-01', '--to', '2027-01-31');
    expect(rule(out.people, 'm1', 'admin.monthly_self_review').due).toEqual(['12月2日 周三 23:59', '2027年1月4日 周一 23:59']);
    expect(rule(out.people, 'm1', 'admin.monthly_plan').due).toEqual(['12月28日 周一 18:00', '2027年1月28日 周四 18:00']);
  });

  it('a window in 2027 alone prints its dates without the year; one in 2026 due in 2027 with it', async () => {
    expect(rule((await plan('--from', '2027-01-01', '--to', '2027-01-10')).people, 'm1', 'admin.monthly_self_review').due).toEqual([
      '1月4日 周一 23:59',
    ]);
    const late = await plan('--from', '2026-12-31', '--to', '2027-01-05');
    expect(rule(late.people, 'm1', 'admin.monthly_self_review').due).toEqual(['2027年1月4日 周一 23:59']);
  });

  it('warns when the window reaches a year without holiday data, in JSON and in text; not for 2026', async () => {
    expect((await plan('--from', '2026-11-01', '--to', '2026-11-30')).warnings).toEqual([]);
    const out = await plan('--from', '2026-12-01', '--to', '2027-01-31');
    expect(out.warnings).toEqual([
      'warning: 2027 has no holiday data: only its statutory holidays rest (元旦, 除夕–初三, 清明节, 劳动节 5/1–5/2, 端午节, 中秋节, 国庆节 10/1–10/3), and its make-up workdays (调休) cannot be known; add 2027 to the calendar file (CALENDAR_FILE) once the State Council publishes it',
    ]);
    const text = (await cli.run('plan', '--from', '2027-02-05', '--to', '2027-02-12')).stdout;
    expect(text.split('\n')[0]).toMatch(/^warning: 2027 has no holiday data/);
    // Spring Festival 2027 (除夕 02-05 to 初三 02-08, then the weekdays off for 初一 and 初二): two daily reports
    expect(text).toMatch(/admin\.daily_report\s+日报\s+2 {2}due 2月11日 周四 16:30, 2月12日 周五 16:30/);
  });

  it("2027's weekdays off for statutory days on a weekend (02-09–02-10, 05-03–05-04, 10-04–10-05) are marked as inferred, those of the window only", async () => {
    const out = await plan('--from', '2027-05-01', '--to', '2027-05-09');
    expect(out.warnings).toEqual([
      'warning: 2027 has no holiday data: only its statutory holidays rest (元旦, 除夕–初三, 清明节, 劳动节 5/1–5/2, 端午节, 中秋节, 国庆节 10/1–10/3), and inferred weekdays off for those on a Saturday or Sunday: 2027-05-03 劳动节补假, 2027-05-04 劳动节补假, and its make-up workdays (调休) cannot be known; add 2027 to the calendar file (CALENDAR_FILE) once the State Council publishes it',
    ]);
    // 05-01 to 05-04 rest: the week of 05-03 has three workdays (05-05 to 05-07), so three daily reports
    expect(rule(out.people, 'm1', 'admin.daily_report').due).toEqual(['5月5日 周三 16:30', '5月6日 周四 16:30', '5月7日 周五 16:30']);
    const year = await plan('--from', '2027-01-01', '--to', '2027-12-31');
    expect(year.warnings[0]).toContain(
      'inferred weekdays off for those on a Saturday or Sunday: 2027-02-09 春节补假, 2027-02-10 春节补假, 2027-05-03 劳动节补假, 2027-05-04 劳动节补假, 2027-10-04 国庆节补假, 2027-10-05 国庆节补假,',
    );
  });

  it('the manager appointed on 2026-09-28 owes the whole first week though it has 3 workdays, and every owner known by 2026-10-27', async () => {
    const out = await plan('--from', '2026-09-28', '--to', '2026-10-31');
    expect(rule(out.people, 'm1', 'customer.onboarding_week')).toMatchObject({ count: 1, targets: [14], due: ['10月4日 周日 23:59'] });
    expect(rule(out.people, 'm1', 'customer.onboarding_week_known')).toMatchObject({ count: 1, targets: [5] });
    expect(rule(out.people, 'm1', 'customer.onboarding_week_info')).toMatchObject({ count: 1, targets: [820] });
    expect(rule(out.people, 'm1', 'customer.know_all_owners')).toMatchObject({ count: 1, targets: [820], due: ['10月27日 周二 23:59'] });
    // 2 visits and 15 households' information on each of the first month's 18 workdays: 09-28 to 09-30, none during
    // National Day (10-01 to 10-07), 10-08 to 10-10 (a make-up Saturday), then three weeks to 10-27 (5 + 5 + 2)
    expect(rule(out.people, 'm1', 'customer.onboarding_daily')).toMatchObject({ count: 3 + 3 + 5 + 5 + 2 });
    expect(new Set(rule(out.people, 'm1', 'customer.onboarding_daily_info').targets)).toEqual(new Set([15]));
  });
});
