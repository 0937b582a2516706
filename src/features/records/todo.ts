// 待办: what a person has open — duties, complaint steps, clocks closed by a click — today first and a screenful, the rest
// of the week behind one 「查看本周」 button whose card pages with 「更多」 (a card holds at most 200 elements and 30 KB).
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { complaints, duties, followups, type Duty, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { COMPLAINT_TEXT } from '../../lark/cards/complaint-cards.ts';
import { FOLLOWUP_TEXT } from '../../lark/cards/followup-cards.ts';
import { dueText, periodText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { RECORD_TEXT, TODO_PAGE, todoCard, todoWeekCard, type TodoItem } from '../../lark/cards/record-cards.ts';
import { periodOf } from '../../lib/periods.ts';
import { shanghaiDay, shanghaiInstant } from '../../lib/shanghai.ts';
import type { Rule, Rulebook } from '../../rules/rulebook/schema.ts';
import { stoppableRules, stopButton } from '../../rules/kinds/follow-up.ts';
import { formForRule } from './form-registry.ts';
import { answererOn, type OpenItem } from '../../scheduler/recipients.ts';
import { postsOfCenters } from './authority.ts';
import { centersPostedAt } from './record-context.ts';
import { selectDuties } from '../../db/queries/duties.ts';

const nonce = () => randomBytes(4).toString('hex');

/** Everything open for the person this week: `today` (due today, overdue, or waiting on them) first, then `later`. */
async function todoItems(db: Db, book: Rulebook, person: Person, now: Date): Promise<{ today: TodoItem[]; later: TodoItem[] }> {
  const today = shanghaiDay(now);
  const endOfToday = shanghaiInstant(today, '23:59');
  const week = periodOf('week', today);
  const endOfWeek = shanghaiInstant(week.end, '23:59');
  // complaints and clocks lead (few, and waiting on the person), then the duties
  const first = { today: [] as TodoItem[], later: [] as TodoItem[] };
  const out = { today: [] as TodoItem[], later: [] as TodoItem[] };

  // duties with a form: due this week (or overdue), and the quotas running now
  const rows = await selectDuties(db)
    .where(
      and(
        eq(duties.personId, person.id),
        inArray(duties.status, ['open', 'overdue']),
        or(lte(duties.dueAt, endOfWeek), and(eq(duties.kind, 'quota'), lte(duties.periodStart, today), gte(duties.periodEnd, today))),
      ),
    )
    .orderBy(asc(duties.dueAt), asc(duties.id));
  const dutyItem = (d: Duty): TodoItem => {
    const title = (d.terms as Rule).title;
    return {
      text: RECORD_TEXT.dutyLine({
        title,
        due: d.kind === 'quota' ? `${periodText(d.periodKey)} ${d.progress}/${d.target}` : dueText(d.dueAt, now),
        overdue: d.status === 'overdue',
      }),
      button: RECORD_TEXT.fill(title),
      value: { a: 'record.open', d: d.id },
    };
  };
  for (const d of rows.filter((r) => formForRule(r.ruleId)))
    (d.dueDay <= today || d.status === 'overdue' ? out.today : out.later).push(dutyItem(d));

  // complaints waiting on the manager: each 处理 sends the complaint with its current step as a new message. What is
  // theirs is resolved from the posts of the day (a handover moves a center's open complaints and clocks to its new manager)
  const posted = await postsOfCenters(db, await centersPostedAt(db, person.id, today));
  const centers = [...new Set(posted.org.assignments.map((a) => a.centerCode))];
  const answers = (item: OpenItem) => answererOn(posted, item, today) === person.id;
  for (const c of await db
    .select()
    .from(complaints)
    .where(and(ne(complaints.status, 'closed'), inArray(complaints.centerCode, centers)))
    .orderBy(asc(complaints.receivedAt))) {
    if (!answers({ kind: 'complaint', centerCode: c.centerCode, ownerId: c.managerId })) continue;
    const waiting = c.status !== 'planned' || (c.milestone !== null && c.milestone <= today);
    (waiting ? first.today : first.later).push({
      text: COMPLAINT_TEXT.todoLine({
        id: c.id,
        owner: c.owner,
        what: c.what.length > 30 ? `${c.what.slice(0, 30)}…` : c.what,
        status: c.status,
        milestone: c.milestone,
        inRemit: c.inRemit,
      }),
      button: COMPLAINT_TEXT.handle,
      value: { a: 'complaint.send', id: c.id },
    });
  }

  // open clocks: closed right here when a click stops them (patrol problems, staff opinions), else their record is sent
  // (a task handed over, a forum's problem list); a rule switched off lists none
  const byClick = new Map(stoppableRules(book.rules).map((r) => [r.id, r]));
  const clocks = !byClick.size
    ? []
    : await db
        .select()
        .from(followups)
        .where(
          and(
            inArray(followups.centerCode, centers),
            inArray(followups.ruleId, [...byClick.keys()]),
            inArray(followups.status, ['open', 'overdue']),
          ),
        )
        .orderBy(asc(followups.dueAt));
  for (const f of clocks) {
    const rule = byClick.get(f.ruleId);
    if (!rule || !answers({ kind: 'clock', centerCode: f.centerCode, ownerId: f.personId })) continue;
    const due = f.dueAt.getTime() <= endOfToday.getTime();
    (due ? first.today : first.later).push({
      text: FOLLOWUP_TEXT.todoLine({
        title: rule.title,
        subject: f.subject,
        due: dueText(f.dueAt, now),
        overdue: f.dueAt.getTime() < now.getTime(),
      }),
      ...(stopButton(rule)
        ? { button: stopButton(rule)!, value: { a: 'followup.close', id: f.id } }
        : { button: RECORD_TEXT.fill(rule.title), value: { a: 'followup.record', id: f.id, m: 1 } }),
    });
  }
  return { today: [...first.today, ...out.today], later: [...first.later, ...out.later] };
}

/** 待办 in chat: a screenful of today's items, and 「查看本周」 for the rest. */
export async function todoFor(db: Db, book: Rulebook, person: Person, now: Date): Promise<Card> {
  const { today, later } = await todoItems(db, book, person, now);
  return todoCard({ name: person.name, today, later: later.length, weekValue: { a: 'todo.week', p: 1, n: nonce() } });
}

/** The week's card, page `page` (1-based, clamped). */
async function todoWeekFor(db: Db, book: Rulebook, person: Person, now: Date, page: number): Promise<Card> {
  const { today, later } = await todoItems(db, book, person, now);
  const all = [...today, ...later];
  const pages = Math.max(1, Math.ceil(all.length / TODO_PAGE));
  const p = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  return todoWeekCard({
    name: person.name,
    items: all.slice((p - 1) * TODO_PAGE, p * TODO_PAGE),
    page: p,
    pages,
    total: all.length,
    // a nonce per button: paging back and forth is a new click each time, never answered from an earlier one
    moreValue: p < pages ? { a: 'todo.week', p: p + 1, n: nonce() } : undefined,
    backValue: p > 1 ? { a: 'todo.week', p: p - 1, n: nonce() } : undefined,
  });
}

/** 查看本周 / 更多 / 上一页: the clicked card becomes that page of the clicker's own week, computed now. */
export const showTodoWeek: CardActionHandler = async (tx, ctx, input) => ({
  card: { type: 'raw', data: await todoWeekFor(tx, ctx.rules.book, input.person, input.now, Number(input.value.p)) },
});
