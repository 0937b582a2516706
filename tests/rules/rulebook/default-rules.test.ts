// The default rulebook against the work rules (shared/mission/workflow.md): the same ids, the kinds it names, and its terms.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultRulebook } from '../../../src/rules/rulebook/load-rulebook.ts';
import type { Rule, RuleKind } from '../../../src/rules/rulebook/schema.ts';

// the work rules as the product's steering keeps them (../shared beside the repository), else the copy in docs/
const SHARED_PATH = fileURLToPath(new URL('../../../../shared/mission/workflow.md', import.meta.url));
const DOCS_PATH = fileURLToPath(new URL('../../../docs/workflow.md', import.meta.url));

function readWorkflow(): string {
  const file = [SHARED_PATH, DOCS_PATH].find((p) => existsSync(p));
  if (!file)
    throw new Error(
      `workflow.md not found at ${SHARED_PATH} nor ${DOCS_PATH}: these tests compare the default rulebook with the work rules`,
    );
  return readFileSync(file, 'utf8');
}

const ID = /^[a-z]+\.[a-z0-9_]+$/;
const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** Every rule id in the first column of workflow.md's tables, with the wording of its kind column (deduction tables have none). */
function workflowRules(markdown: string): Map<string, string> {
  const rules = new Map<string, string>();
  const lines = markdown.split('\n');
  let kindColumn = -1;
  lines.forEach((line, i) => {
    if (!line.trim().startsWith('|')) return;
    if (/^\|\s*-/.test(lines[i + 1]?.trim() ?? '')) {
      kindColumn = cellsOf(line).indexOf('kind');
      return;
    }
    const cells = cellsOf(line);
    if (!ID.test(cells[0] ?? '')) return;
    const wording = kindColumn >= 0 ? (cells[kindColumn] ?? '').replace(/\*\(reading\)\*/g, '').trim() : 'deduction';
    rules.set(cells[0]!, wording);
  });
  return rules;
}

const WORKFLOW_RULES = workflowRules(readWorkflow());

/**
 * Items that workflow.md lists inside another rule's row and the rulebook keeps as rules of their own (each with its
 * own record), named after that row: the onboarding rows name several things a new manager owes.
 */
const ITEMS_OF_ROWS: Record<string, string> = {
  'customer.onboarding_daily_info': 'customer.onboarding_daily', // 15 households' information a day
  'customer.onboarding_week_info': 'customer.onboarding_week', // all owners' records within the first week
  'customer.onboarding_week_known': 'customer.onboarding_week', // at least 5 households known within the first week
};
const BOOK = defaultRulebook();
const byId = new Map(BOOK.rules.map((r) => [r.id, r]));

/** The rule, checked to be of the given kind, narrowed to it. */
function rule<K extends RuleKind>(id: string, kind: K): Extract<Rule, { kind: K }> {
  const r = byId.get(id);
  if (!r) throw new Error(`the default rulebook has no rule ${id}`);
  expect(r.kind, id).toBe(kind);
  return r as Extract<Rule, { kind: K }>;
}

/** workflow.md's kind column, where it names one kind. */
const PLAIN_KINDS: Record<string, RuleKind> = {
  deadline: 'deadline',
  quota: 'quota',
  'follow-up': 'follow_up',
  'anchored deadline': 'anchored',
  measure: 'measure',
  deduction: 'deduction',
};

/**
 * Where workflow.md's wording names no single kind, the kind default-rules.ts chose (accepted, and pinned here so a
 * change is noticed):
 * - quality.joint_inspection: a deadline whose cadence is `scheduled` (dates set by the quality center);
 * - customer.visit_prep: a follow-up with `guard: true` (the plan must exist before the visit counts);
 * - customer.owner_forum: a deadline (by the 10th); the forum's record is its form;
 * - finance.collection_rate: a measure; the follow-up (an analysis and plan at once) is only a note;
 * - hr.points_quarterly: a quarterly quota, neither deadline nor measure; the 5-day publication is only a note.
 */
const CHOSEN_KINDS: Record<string, { wording: string; kind: RuleKind }> = {
  'quality.joint_inspection': { wording: 'deadline (scheduled by the quality center)', kind: 'deadline' },
  'customer.visit_prep': { wording: 'guard on the visit form', kind: 'follow_up' },
  'customer.owner_forum': { wording: 'deadline + record', kind: 'deadline' },
  'finance.collection_rate': { wording: 'measure + follow-up', kind: 'measure' },
  'hr.points_quarterly': { wording: 'deadline + measure', kind: 'quota' },
};

describe('the default rulebook carries exactly the rules of workflow.md', () => {
  it('finds the rule tables of workflow.md (at least one rule per section, the deduction table included)', () => {
    const ids = [...WORKFLOW_RULES.keys()];
    for (const area of ['admin.', 'meeting.', 'quality.', 'deduct.', 'redline.', 'customer.', 'finance.', 'brand.', 'hr.']) {
      expect(
        ids.some((id) => id.startsWith(area)),
        `no ${area}* id found in workflow.md`,
      ).toBe(true);
    }
    expect(ids).toContain('hr.99plus1');
  });

  it('has every id workflow.md lists, and none that it does not besides the items of its rows', () => {
    const inBook = BOOK.rules.map((r) => r.id);
    expect(new Set(inBook).size, 'duplicate ids in the default rulebook').toBe(inBook.length);
    expect([...inBook].sort()).toEqual([...new Set([...WORKFLOW_RULES.keys(), ...Object.keys(ITEMS_OF_ROWS)])].sort());
  });

  it("names each item of a row after its row, in the row's section and with the row's kind", () => {
    for (const [id, row] of Object.entries(ITEMS_OF_ROWS)) {
      expect(WORKFLOW_RULES.has(row), `${row} is not a row of workflow.md`).toBe(true);
      expect(id.startsWith(`${row}_`), id).toBe(true);
      expect(byId.get(id)?.kind, id).toBe(byId.get(row)?.kind);
    }
  });

  it('gives each rule the kind workflow.md names', () => {
    const mismatches: string[] = [];
    for (const [id, wording] of WORKFLOW_RULES) {
      const expected = PLAIN_KINDS[wording] ?? CHOSEN_KINDS[id]?.kind;
      if (!expected) mismatches.push(`${id}: workflow.md says "${wording}", which names no kind; decide one and list it in CHOSEN_KINDS`);
      else if (byId.get(id)?.kind !== expected)
        mismatches.push(`${id}: workflow.md says "${wording}", the default is ${byId.get(id)?.kind}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('lists a chosen kind only where workflow.md still says those words', () => {
    for (const [id, { wording }] of Object.entries(CHOSEN_KINDS)) expect(WORKFLOW_RULES.get(id), id).toBe(wording);
  });

  it('makes the joint inspection a scheduled deadline and the visit preparation a guard', () => {
    expect(rule('quality.joint_inspection', 'deadline').cadence).toEqual({ every: 'scheduled' });
    expect(rule('customer.visit_prep', 'follow_up').guard).toBe(true);
  });

  it('makes the bottom-line problem a red line with no points', () => {
    const redline = rule('redline.dismissal', 'deduction');
    expect(redline.redline).toBe(true);
    expect(redline.points).toBe(0);
  });

  it('has every rule switched on, with a Chinese title', () => {
    for (const r of BOOK.rules) {
      expect(r.enabled, r.id).toBe(true);
      expect(r.title, r.id).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('the default rulebook keeps the terms of workflow.md', () => {
  it('daily report: every workday by 16:30, to the admin department, reminded before the deadline', () => {
    const r = rule('admin.daily_report', 'deadline');
    expect(r.cadence).toEqual({ every: 'workday' });
    expect(r.time).toBe('16:30');
    expect(r.recipients).toEqual(['admin']);
    expect(r.reminders.length).toBeGreaterThan(0);
    for (const step of r.reminders) expect(step.at < r.time, step.at).toBe(true);
  });

  it('weekly plan progress: Thursday by 12:00, to the leader in charge, 2 yuan late or missing', () => {
    const r = rule('admin.weekly_plan_progress', 'deadline');
    expect(r.cadence).toEqual({ every: 'week', weekday: 4 });
    expect(r.time).toBe('12:00');
    expect(r.recipients).toEqual(['leader']);
    expect(r.penalty.late?.yuan).toBe(2);
    expect(r.penalty.missing?.yuan).toBe(2);
  });

  it('company plan progress: Thursday by 16:30, 2 yuan late or missing', () => {
    const r = rule('admin.weekly_company_progress', 'deadline');
    expect(r.cadence).toEqual({ every: 'week', weekday: 4 });
    expect(r.time).toBe('16:30');
    expect(r.penalty.late?.yuan).toBe(2);
    expect(r.penalty.missing?.yuan).toBe(2);
  });

  it("next month's plan: by the 28th, to admin and the leader, 2 yuan, moved to the previous workday", () => {
    const r = rule('admin.monthly_plan', 'deadline');
    expect(r.cadence).toMatchObject({ every: 'month', day: 28, for: 'this' });
    expect(r.recipients).toEqual(expect.arrayContaining(['admin', 'leader']));
    expect(r.penalty.late?.yuan).toBe(2);
    expect(r.penalty.missing?.yuan).toBe(2);
    expect(r.shift).toBe('previous-workday');
  });

  it('self-review: on the 2nd, about the previous month, by end of day, moved to the next workday, 2 yuan', () => {
    const r = rule('admin.monthly_self_review', 'deadline');
    expect(r.cadence).toEqual({ every: 'month', day: 2, for: 'previous' });
    expect(r.time).toBe('23:59');
    expect(r.shift).toBe('next-workday');
    expect(r.penalty.late?.yuan).toBe(2);
  });

  it('ad-hoc task filing: within 24 h of the task, to admin, 1 yuan', () => {
    const r = rule('admin.adhoc_task_filing', 'follow_up');
    expect(r.starts).toEqual([
      { by: 'form', form: 'adhoc_task', at: ['at'], subject: ['task'] },
      { by: 'click', action: 'task.hand', who: 'by' },
    ]);
    expect(r.stops).toEqual({ by: 'form', form: 'adhoc_task' });
    expect(r.within_hours).toBe(24);
    expect(r.recipients).toEqual(['admin']);
    expect(r.penalty.late?.yuan).toBe(1);
    expect(r.penalty.missing?.yuan).toBe(1);
  });

  it('night checks: at least 2 a month by the manager, and 2 a month owed by each supervisor', () => {
    const manager = rule('quality.night_check', 'quota');
    expect(manager).toMatchObject({ period: 'month', target: 2, owner: 'manager' });
    const supervisors = rule('quality.supervisor_night_check', 'quota');
    expect(supervisors).toMatchObject({ period: 'month', target: 2, owner: 'supervisor' });
    expect(supervisors.recipients).toContain('manager');
  });

  it('festival plan 15 days before each festival, decoration finished 1 day before', () => {
    expect(rule('brand.festival_plan', 'anchored')).toMatchObject({ anchor: 'festival', offset_days: -15 });
    expect(rule('brand.festival_decoration', 'anchored')).toMatchObject({ anchor: 'festival', offset_days: -1 });
  });

  it('joint inspection: an absence costs 3 points, booked once, by the deduction for it', () => {
    expect(rule('quality.joint_inspection', 'deadline').penalty).toEqual({});
    expect(rule('deduct.missed_joint_inspection', 'deduction').points).toBe(3);
  });

  it('deductions: a repeated issue 2 points, a guard asleep 3 points', () => {
    expect(rule('deduct.repeat_issue', 'deduction').points).toBe(2);
    expect(rule('deduct.sleeping_on_duty', 'deduction').points).toBe(3);
  });

  it("leader roll-up: 3 points for every 5 of the managers' points", () => {
    expect(rule('deduct.leader_rollup', 'deduction').rollup).toEqual({ per: 5, points: 3 });
  });

  it("a new manager: 2 visits and 15 households' information a workday; 14 visits, all owners' records and 5 owners known in the first week", () => {
    expect(rule('customer.onboarding_daily', 'quota')).toMatchObject({ onboarding: true, period: 'onboarding_days', target: 2 });
    expect(rule('customer.onboarding_daily_info', 'quota')).toMatchObject({ onboarding: true, period: 'onboarding_days', target: 15 });
    expect(rule('customer.onboarding_week', 'quota')).toMatchObject({ onboarding: true, period: 'onboarding_week', target: 14 });
    expect(rule('customer.onboarding_week_info', 'quota')).toMatchObject({
      onboarding: true,
      period: 'onboarding_week',
      target: 'households',
    });
    expect(rule('customer.onboarding_week_known', 'quota')).toMatchObject({ onboarding: true, period: 'onboarding_week', target: 5 });
  });

  it('every owner known (认识, not visited): all households within the first month, within the year over 1,000 households', () => {
    const r = rule('customer.know_all_owners', 'quota');
    expect(r).toMatchObject({
      onboarding: true,
      period: 'onboarding_month',
      target: 'households',
      large_estate: { households_over: 1000, period: 'onboarding_year' },
    });
    expect(r.title).toBe('认识全部业主');
  });

  it('complaints: closure rate at least 70 % and satisfaction at least 80 % a month', () => {
    const r = rule('customer.complaint_kpis', 'measure');
    expect(r.period).toBe('month');
    expect(r.thresholds).toEqual([
      { metric: 'closure_rate', min: 0.7 },
      { metric: 'satisfaction', min: 0.8 },
    ]);
  });
});
