// A company rulebook file: its differences merge into the defaults, the example is valid, and a bad file is refused with file:line and path.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { YamlFileError } from '../../../src/lib/yaml-file.ts';
import { activeRules, defaultRulebook, loadRulebook, parseRulebookFile } from '../../../src/rules/rulebook/load-rulebook.ts';
import type { Rule, Rulebook } from '../../../src/rules/rulebook/schema.ts';
import { refusedLines } from '../../helpers/file-problems.ts';
import { complaintRule, complaintTimings } from '../../../src/features/complaints/complaint-rule.ts';

const examplePath = new URL('../../../examples/rulebook.yaml', import.meta.url).pathname;

const ruleOf = (book: Rulebook, id: string): Rule => {
  const r = book.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

const problemsOf = (text: string): string[] => refusedLines(() => parseRulebookFile(text, 'rulebook.yaml'), YamlFileError);

describe('a company file merges its differences into the defaults', () => {
  const text = [
    'settings:',
    '  quiet_hours: { from: "22:00" }',
    'rules:',
    '  admin.daily_report:',
    '    time: "17:00"',
    '    reminders: [{ at: "16:00" }, { at: "16:45", type: last_call }]',
    '  admin.monthly_plan:',
    '    penalty: { late: { yuan: 5 } }',
    '  brand.read_news:',
    '    enabled: false',
    '  admin.weekly_plan_progress:',
    '    recipients: [leader, admin]',
    '',
  ].join('\n');
  const book = parseRulebookFile(text, 'rulebook.yaml');
  const defaults = defaultRulebook();
  const changed = ['admin.daily_report', 'admin.monthly_plan', 'brand.read_news', 'admin.weekly_plan_progress'];

  it('changes a time and replaces the reminder list, keeping the rest of the rule', () => {
    const r = ruleOf(book, 'admin.daily_report');
    expect(r).toMatchObject({ kind: 'deadline', time: '17:00', cadence: { every: 'workday' }, recipients: ['admin'], title: '日报' });
    if (r.kind !== 'deadline') throw new Error('not a deadline');
    expect(r.reminders).toEqual([
      { workdays_before: 0, at: '16:00', type: 'card' },
      { workdays_before: 0, at: '16:45', type: 'last_call' },
    ]);
  });

  it('changes one fine and keeps the other (maps merge key by key)', () => {
    expect(ruleOf(book, 'admin.monthly_plan').penalty).toEqual({ late: { yuan: 5, points: 0 }, missing: { yuan: 2, points: 0 } });
  });

  it("changes a follow-up's clock: what starts and stops it, its hours, who is told, its bounds", () => {
    const book = parseRulebookFile(
      [
        'rules:',
        '  customer.forum_followup:',
        '    within_hours: 48',
        '    expiry_to: [owner, leader]',
        '    escalate_to: [admin]',
        '    escalate_after_hours: 4',
        '  quality.patrol_issue:',
        '    stops: { by: click, button: 已复查 }',
        '    max_days: 30',
        '    morning: false',
        '',
      ].join('\n'),
      'rulebook.yaml',
    );
    expect(ruleOf(book, 'customer.forum_followup')).toMatchObject({
      starts: [{ by: 'form', form: 'owner_forum', at: ['date', 'time'] }],
      within_hours: 48,
      stops: { by: 'form', form: 'forum_problems' },
      expiry_to: ['owner', 'leader'],
      escalate_to: ['admin'],
      escalate_after_hours: 4,
    });
    expect(ruleOf(book, 'quality.patrol_issue')).toMatchObject({
      due_field: { field: 'milestone', at: '23:59' },
      stops: { by: 'click', button: '已复查' },
      max_days: 30,
      morning: false,
    });
  });

  it("changes the complaint chain's timings: the call-back's hours, who is reminded, when and to whom it escalates", () => {
    const book = parseRulebookFile(
      [
        'rules:',
        '  customer.complaint:',
        '    within_hours: 12',
        '    stages:',
        '      - name: callback',
        '        starts: [{ by: state, state: complaint.fixed }]',
        '        within_hours: 48',
        '        stops: { by: state, state: complaint.closed }',
        '        expiry_to: [owner, quality_center]',
        '        escalate_to: [admin]',
        '        escalate_after_hours: 6',
        '',
      ].join('\n'),
      'rulebook.yaml',
    );
    expect(complaintTimings(complaintRule(book))).toEqual({
      planWithinHours: 12,
      callbackWithinHours: 48,
      escalateAfterHours: 6,
      callbackRemind: ['quality_center'],
      escalateTo: ['admin'],
    });
    // the default rulebook: the rulebook's reading
    expect(complaintTimings(complaintRule(defaults))).toEqual({
      planWithinHours: 24,
      callbackWithinHours: 24,
      escalateAfterHours: 24,
      callbackRemind: ['customer_service'],
      escalateTo: ['leader'],
    });
  });

  it('switches a rule off: still listed, no longer active', () => {
    expect(ruleOf(book, 'brand.read_news').enabled).toBe(false);
    expect(activeRules(book).map((r) => r.id)).not.toContain('brand.read_news');
    expect(activeRules(book)).toHaveLength(defaults.rules.length - 1);
  });

  it('replaces the recipients', () => {
    expect(ruleOf(book, 'admin.weekly_plan_progress').recipients).toEqual(['leader', 'admin']);
  });

  it('changes the quiet hours where given and keeps the other settings', () => {
    expect(book.settings.quiet_hours).toEqual({ from: '22:00', to: defaults.settings.quiet_hours.to });
    expect({ ...book.settings, quiet_hours: defaults.settings.quiet_hours }).toEqual(defaults.settings);
  });

  it('keeps every rule it does not mention exactly as the default, in the default order', () => {
    expect(book.rules.map((r) => r.id)).toEqual(defaults.rules.map((r) => r.id));
    for (const r of defaults.rules) if (!changed.includes(r.id)) expect(ruleOf(book, r.id), r.id).toEqual(r);
  });

  it('an empty file is the default rulebook', () => {
    expect(parseRulebookFile('# nothing changed\n', 'rulebook.yaml')).toEqual(defaults);
  });
});

describe('the example rulebook file', () => {
  it('is valid and carries its differences', () => {
    const book = loadRulebook(examplePath);
    const daily = ruleOf(book, 'admin.daily_report');
    expect(daily).toMatchObject({ time: '17:00', reminders: [{ at: '16:00' }, { at: '16:45' }] });
    expect(ruleOf(book, 'admin.monthly_plan').penalty).toMatchObject({ late: { yuan: 5 }, missing: { yuan: 5 } });
    expect(ruleOf(book, 'brand.read_news').enabled).toBe(false);
    expect(book.rules).toHaveLength(defaultRulebook().rules.length);
  });

  it('parses the same text the same way as from disk', () => {
    expect(parseRulebookFile(readFileSync(examplePath, 'utf8'), examplePath)).toEqual(loadRulebook(examplePath));
  });
});

describe('a bad company file is refused with file:line and path', () => {
  it('a time that is not HH:MM', () => {
    expect(problemsOf('rules:\n  admin.daily_report:\n    time: 4pm\n')).toEqual([
      'rulebook.yaml:3: rules.admin.daily_report.time: must be a time written as HH:MM',
    ]);
  });

  it('a reminder at or after its deadline', () => {
    const text = 'rules:\n  admin.daily_report:\n    time: "17:00"\n    reminders:\n      - at: "16:00"\n      - at: "17:30"\n';
    expect(problemsOf(text)).toEqual(['rulebook.yaml:6: rules.admin.daily_report.reminders[1].at: must be before the deadline (17:00)']);
  });

  it('a default reminder left after a deadline moved earlier', () => {
    // the default reminders (15:30, 16:15) stay when only the time changes
    expect(problemsOf('rules:\n  admin.daily_report: { time: "16:00" }\n')).toEqual([
      'rulebook.yaml:2: rules.admin.daily_report.reminders[1].at: must be before the deadline (16:00)',
    ]);
  });

  it("a follow-up's clock without what stops it, or an entered deadline with no form to enter it in", () => {
    const text = [
      'rules:',
      '  quality.spill:',
      '    kind: follow_up',
      '    title: 泄漏报告',
      '    starts: [{ by: click, action: spill.report }]',
      '  hr.staff_opinion:',
      '    starts: [{ by: click, action: staff.opinion }]',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'rulebook.yaml:7: rules.hr.staff_opinion.due_field: must be a field of a form that starts the clock (starts: by form)',
      'rulebook.yaml:5: rules.quality.spill.starts: a clock needs what stops it (stops)',
    ]);
  });

  it('an unknown rule id without a kind', () => {
    const [problem, ...rest] = problemsOf(
      'rules:\n  brand.read_news: { enabled: false }\n  admin.coffee_break: { title: 咖啡, period: week }\n',
    );
    expect(rest).toEqual([]);
    expect(problem).toMatch(
      /^rulebook\.yaml:3: rules\.admin\.coffee_break\.kind: not a rule of the default rulebook: a new rule needs its kind \(deadline, /,
    );
  });

  it('an unknown key, named on its own line', () => {
    expect(problemsOf('rules:\n  brand.read_news: { enabled: false }\ncolour: blue\n')).toEqual(['rulebook.yaml:3: unknown key "colour"']);
    expect(problemsOf('setting:\n  quiet_hours: { from: "22:00" }\n')).toEqual(['rulebook.yaml:1: unknown key "setting"']);
  });

  it('malformed YAML', () => {
    expect(problemsOf('rules:\n  admin.daily_report: [\n')[0]).toMatch(/^rulebook\.yaml:\d+: YAML: /);
    expect(problemsOf('rules:\n  admin.daily_report:\n    time: "17:00"\n    time: "18:00"\n')[0]).toMatch(
      /^rulebook\.yaml:4: YAML: .*unique/i,
    );
  });

  it('a negative fine', () => {
    const problems = problemsOf('rules:\n  admin.monthly_plan:\n    penalty:\n      late: { yuan: -5 }\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^rulebook\.yaml:4: rules\.admin\.monthly_plan\.penalty\.late\.yuan: .*>=\s?0/);
  });

  it('every problem at once, each on its own line', () => {
    const text = 'rules:\n  admin.daily_report:\n    time: 4pm\n  admin.monthly_plan:\n    penalty: { late: { yuan: -1 } }\n';
    const problems = problemsOf(text);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^rulebook\.yaml:3: rules\.admin\.daily_report\.time: /);
    expect(problems[1]).toMatch(/^rulebook\.yaml:5: rules\.admin\.monthly_plan\.penalty\.late\.yuan: /);
  });

  it('a file that cannot be read names the file', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'steward-rules-')), 'nope.yaml');
    expect(() => loadRulebook(missing)).toThrow(`${missing}: cannot read the file (ENOENT)`);
  });

  it('a file on disk gives its own path in the message', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'steward-rules-')), 'rulebook.yaml');
    writeFileSync(file, 'settings:\n  quiet_hours: { from: 10pm }\n');
    expect(() => loadRulebook(file)).toThrow(`${file}:2: settings.quiet_hours.from: must be a time written as HH:MM`);
  });
});

describe('a misspelt key inside a rule', () => {
  it('is refused with its line instead of being silently ignored', () => {
    expect(() => parseRulebookFile('rules:\n  admin.daily_report:\n    tiem: "17:00"\n', 'rb.yaml')).toThrow(
      /rb\.yaml:3: rules\.admin\.daily_report: unknown key "tiem"/,
    );
  });

  it('an entry with nothing under it changes nothing', () => {
    const book = parseRulebookFile('rules:\n  admin.daily_report:\n', 'rb.yaml');
    expect(book.rules.find((r) => r.id === 'admin.daily_report')).toMatchObject({ time: '16:30', enabled: true });
  });
});
