// steward plan --from DATE --to DATE [--person ID] [--json]: the duties each person owes in any window, rule by rule, computed (never written).
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { instantText } from '../lark/cards/format.ts';
import { isIsoDay, shanghaiDay } from '../lib/shanghai.ts';
import { loadDutyOrg, type DutyOrg } from '../rules/duties/duty-org.ts';
import { generateDuties, holdings } from '../rules/duties/generate-duties.ts';
import type { DutySpec } from '../rules/duties/types.ts';
import { loadRulesContext } from '../rules/rules-context.ts';
import { AHEAD_DAYS } from '../scheduler/materialize.ts';
import type { Rule, Rulebook } from '../rules/rulebook/schema.ts';
import { missingYearWarnings } from './calendar.ts';
import { CliError, type Command } from './io.ts';
import { describeRule } from './rules.ts';
import { withDatabase } from './with-database.ts';

const USAGE = 'usage: steward plan --from YYYY-MM-DD --to YYYY-MM-DD [--person ID] [--json]';
const MAX_DUE_SHOWN = 3;

interface PlanRule {
  id: string;
  title: string;
  kind: Rule['kind'];
  /** duties owed in the window (suspended ones counted apart) */
  count: number;
  suspended: number;
  /** quotas: the target of each period */
  targets?: number[];
  due: string[];
  /** rules without a calendar: on event, per month, when found */
  how?: string;
  notes: string[];
}

export interface PlanPerson {
  id: string;
  name: string;
  roles: string[];
  centers: string[];
  rules: PlanRule[];
}

/** Which rules apply to someone holding these posts: calendar rules by owner; event, measure and deduction rules to managers; roll-up to leaders. */
function applicable(book: Rulebook, posts: Set<string>, appointed: boolean): Rule[] {
  return book.rules.filter((r) => {
    if (!r.enabled) return false;
    if (r.kind === 'deduction') return r.rollup ? posts.has('leader') : posts.has('manager');
    if (r.kind === 'follow_up' || r.kind === 'measure') return posts.has('manager');
    if (r.onboarding && !appointed) return false;
    return posts.has(r.owner);
  });
}

/** A due time as the plan prints it: "11月5日 周四 12:00", with the year in front when it is not the window's ("2027年1月4日 …"). */
function planDueText(at: Date, windowFrom: string): string {
  const year = shanghaiDay(at).slice(0, 4);
  return year === windowFrom.slice(0, 4) ? instantText(at) : `${year}年${instantText(at)}`;
}

function buildPlan(book: Rulebook, org: DutyOrg, specs: DutySpec[], from: string, to: string, personId?: string): PlanPerson[] {
  const out: PlanPerson[] = [];
  // grouped by person once (a large org has thousands of people)
  const postsOf = new Map<string, { role: string; center: string }[]>();
  for (const role of ['manager', 'supervisor', 'leader']) {
    for (const h of holdings(org, role, from, to))
      postsOf.set(h.person.id, [...(postsOf.get(h.person.id) ?? []), { role, center: h.center.name }]);
  }
  const specsOf = new Map<string, DutySpec[]>();
  for (const s of specs) {
    const list = specsOf.get(s.personId);
    if (list) list.push(s);
    else specsOf.set(s.personId, [s]);
  }
  for (const person of org.people.values()) {
    if (personId && person.id !== personId) continue;
    const posts = new Set<string>();
    const centers = new Set<string>();
    for (const p of postsOf.get(person.id) ?? []) {
      posts.add(p.role);
      centers.add(p.center);
    }
    if (posts.size === 0 && !personId) continue;
    const mine = specsOf.get(person.id) ?? [];
    const rules = applicable(book, posts, Boolean(person.appointed)).map((r): PlanRule => {
      const list = mine.filter((s) => s.ruleId === r.id);
      const open = list.filter((s) => s.status === 'open');
      const how = r.kind === 'follow_up' || r.kind === 'measure' || r.kind === 'deduction' ? describeRule(r) : undefined;
      return {
        id: r.id,
        title: r.title,
        kind: r.kind,
        count: open.length,
        suspended: list.length - open.length,
        ...(r.kind === 'quota' ? { targets: open.map((s) => s.target ?? 0) } : {}),
        due: open.map((s) => planDueText(s.dueAt, from)),
        ...(how ? { how } : {}),
        notes: [...new Set(list.filter((s) => s.statusNote).map((s) => s.statusNote!))],
      };
    });
    out.push({ id: person.id, name: person.name, roles: person.roles, centers: [...centers], rules });
  }
  return out;
}

export const planCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, person: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.from || !values.to) throw new CliError(USAGE);
  for (const [flag, v] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const) {
    if (!isIsoDay(v)) throw new CliError(`${flag} must be a date written as YYYY-MM-DD, not "${v}"`);
  }
  if (values.to < values.from) throw new CliError('--to must not be before --from');
  const config = readConfig(io.env);
  const rules = await loadRulesContext(config);
  const warnings = missingYearWarnings(rules.calendar, values.from, values.to);
  const plan = await withDatabase(io, async (database) => {
    const org = await loadDutyOrg(database.db);
    if (values.person && !org.people.has(values.person)) throw new CliError(`unknown person "${values.person}"`);
    const specs = generateDuties(rules.book, org, rules.calendar, values.from!, values.to!);
    return buildPlan(rules.book, org, specs, values.from!, values.to!, values.person);
  });
  if (values.json) {
    io.out(`${JSON.stringify({ from: values.from, to: values.to, storedAheadDays: AHEAD_DAYS, warnings, people: plan }, null, 2)}\n`);
    return 0;
  }
  for (const w of warnings) io.out(`${w}\n`);
  for (const p of plan) {
    io.out(`${p.id} ${p.name} (${p.roles.join(', ')}${p.centers.length ? `; ${p.centers.join(', ')}` : ''})\n`);
    for (const r of p.rules) {
      const count = r.how
        ? r.how
        : `${r.count}${r.targets?.length ? ` (targets ${[...new Set(r.targets)].join('/')})` : ''}${r.suspended ? `, ${r.suspended} suspended` : ''}`;
      // a few due times are worth reading (a month's plan, a quarter's reports); a daily rule's 21 are not
      const due = r.due.length > 0 && r.due.length <= MAX_DUE_SHOWN ? `  due ${r.due.join(', ')}` : '';
      io.out(`  ${r.id.padEnd(32)} ${r.title.padEnd(12)} ${count}${due}${r.notes.length ? `  [${r.notes.join('; ')}]` : ''}\n`);
    }
  }
  io.out(`(computed from the rulebook, nothing written; the scheduler stores duties ${AHEAD_DAYS} days ahead)\n`);
  return 0;
};
