// steward plan for the example org over November 2026: every rule that applies to each role, with the right counts.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { duties } from '../../src/db/schema/index.ts';
import { AHEAD_DAYS } from '../../src/scheduler/materialize.ts';
import { defaultRulebook } from '../../src/rules/rulebook/load-rulebook.ts';
import { useCliDatabase } from '../helpers/cli.ts';
import { EXAMPLE_ORG_PATH } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import type { PlanPerson } from '../../src/cli/plan.ts';

const book = defaultRulebook();

describe.each(DRIVERS)('steward plan on %s', (driver) => {
  const cli = useCliDatabase(driver);
  const run = (...argv: string[]) => cli.run(...argv);
  let plan: PlanPerson[];
  const byId = (id: string) => plan.find((p) => p.id === id)!;
  const rule = (personId: string, ruleId: string) => byId(personId).rules.find((r) => r.id === ruleId);

  beforeAll(async () => {
    // everyone in place from the 1st, as if the file had been imported then
    expect((await run('org', 'import', EXAMPLE_ORG_PATH, '--day', '2026-11-01')).code).toBe(0);
    const res = await run('plan', '--from', '2026-11-01', '--to', '2026-11-30', '--json');
    expect(res.code).toBe(0);
    plan = JSON.parse(res.stdout).people;
  });

  it('a manager who started on 2026-11-01 owes 21 daily reports (the workdays of November)', () => {
    expect(rule('m1', 'admin.daily_report')).toMatchObject({ kind: 'deadline', count: 21 });
  });

  it('four Thursday plan-progress reports and four company-progress reports', () => {
    expect(rule('m1', 'admin.weekly_plan_progress')!.count).toBe(4);
    expect(rule('m1', 'admin.weekly_company_progress')!.count).toBe(4);
    expect(rule('m1', 'admin.weekly_plan_progress')!.due[0]).toBe('11月5日 周四 12:00');
  });

  it('at least two night checks for the manager, and for each supervisor', () => {
    expect(rule('m1', 'quality.night_check')).toMatchObject({ count: 1, targets: [2] });
    expect(rule('v1', 'quality.supervisor_night_check')).toMatchObject({ count: 1, targets: [2] });
  });

  it('the plan due on Saturday 2026-11-28 is due on Friday 2026-11-27', () => {
    expect(rule('m1', 'admin.monthly_plan')!.due).toEqual(['11月27日 周五 18:00']);
  });

  it('the manager is shown every rule of the rulebook that applies to a manager; the supervisor and the leader theirs', () => {
    const forManagers = book.rules
      .filter((r) => !r.onboarding && r.owner === 'manager' && !(r.kind === 'deduction' && r.rollup))
      .map((r) => r.id);
    expect(
      byId('m1')
        .rules.map((r) => r.id)
        .sort(),
    ).toEqual(forManagers.sort());
    expect(byId('v1').rules.map((r) => r.id)).toEqual(['quality.supervisor_night_check']);
    expect(byId('l1').rules.map((r) => r.id)).toEqual(['deduct.leader_rollup']);
    // people without a post of their own (quality center, admin) owe nothing here
    expect(plan.map((p) => p.id).sort()).toEqual(['l1', 'm1', 'v1']);
  });

  it('daily quotas count a period per workday: two patrols a day on each of 21 days', () => {
    expect(rule('m1', 'quality.day_patrol')).toMatchObject({ count: 21 });
    expect(new Set(rule('m1', 'quality.day_patrol')!.targets)).toEqual(new Set([2]));
  });

  it('rules started by an event are listed with how they start, not counted', () => {
    expect(rule('m1', 'admin.adhoc_task_filing')!.how).toBe('on form adhoc_task or click task.hand, within 24 h, until form adhoc_task');
    expect(rule('m1', 'customer.complaint_kpis')!.how).toMatch(/closure_rate ≥ 70 %, satisfaction ≥ 80 %/);
  });

  it('--person narrows the plan; an unknown person is a clear error', async () => {
    const one = JSON.parse((await run('plan', '--from', '2026-11-01', '--to', '2026-11-30', '--person', 'v1', '--json')).stdout).people;
    expect(one.map((p: PlanPerson) => p.id)).toEqual(['v1']);
    const bad = await run('plan', '--from', '2026-11-01', '--to', '2026-11-30', '--person', 'p099');
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('unknown person "p099"');
    const badDay = await run('plan', '--from', '2026-11-31', '--to', '2026-12-01');
    expect(badDay.stderr).toContain('--from must be a date written as YYYY-MM-DD');
  });

  it('the text output names each person and rule', async () => {
    const text = (await run('plan', '--from', '2026-11-01', '--to', '2026-11-30')).stdout;
    expect(text).toMatch(/m1 张伟 \(manager; 阳光花园物业服务中心\)/);
    expect(text).toMatch(/admin\.daily_report\s+日报\s+21/);
  });

  it('a window far beyond the stored horizon is computed and nothing is written', async () => {
    const res = await run('plan', '--from', '2027-01-01', '--to', '2027-06-30', '--json');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.storedAheadDays).toBe(AHEAD_DAYS);
    const quarterly = out.people.find((p: PlanPerson) => p.id === 'm1').rules.find((r: { id: string }) => r.id === 'hr.points_quarterly');
    expect(quarterly.count).toBe(2);
    expect((await run('plan', '--from', '2027-01-01', '--to', '2027-01-31')).stdout).toContain(
      `the scheduler stores duties ${AHEAD_DAYS} days ahead`,
    );
    const database = await openDatabase(cli.databaseUrl ? { url: cli.databaseUrl } : { dataDir: path.join(cli.dir, 'data') });
    try {
      expect(await database.db.$count(duties)).toBe(0);
    } finally {
      await database.close();
    }
  });
});
