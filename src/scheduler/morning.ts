// The morning card: on workdays, at each person's own time (default 08:30), the day's duties in one card a phone shows whole — no reminder fatigue.
import { and, asc, inArray, lte } from 'drizzle-orm';
import { listDutiesForPeopleOnDay } from '../db/queries/duties.ts';
import { followups, outbox, personSettings } from '../db/schema/index.ts';
import { MORNING_FILL, morningCard, type DutyLine } from '../lark/cards/duty-cards.ts';
import { dayText, dueText, periodText } from '../lark/cards/format.ts';
import { shanghaiInstant } from '../lib/shanghai.ts';
import { leaveOn } from '../rules/duties/leave.ts';
import type { Rule } from '../rules/rulebook/schema.ts';
import { followUpRules, stopButton } from '../rules/kinds/follow-up.ts';
import { answererOn } from './recipients.ts';
import type { TickContext } from './tick-context.ts';

/** After this the morning card of the day is stale and not sent any more. */
const MORNING_UNTIL = '12:00';

export async function sendMorningCards(ctx: TickContext): Promise<number> {
  const { tx, now, today, rules, mail, org } = ctx;
  const settings = rules.book.settings.morning_card;
  if (!settings.enabled || !rules.calendar.isWorkday(today) || now >= shanghaiInstant(today, MORNING_UNTIL)) return 0;

  const mine = ctx.batch?.people;
  const holders = new Set(
    org.assignments
      .filter((a) => a.validFrom <= today && (a.validTo === null || a.validTo > today) && (!mine || mine.has(a.personId)))
      .map((a) => a.personId),
  );
  if (holders.size === 0) return 0;
  const own = new Map<string, string | null>();
  const ids = [...holders];
  for (let i = 0; i < ids.length; i += 1000) {
    for (const s of await tx
      .select()
      .from(personSettings)
      .where(inArray(personSettings.personId, ids.slice(i, i + 1000))))
      own.set(s.personId, s.morningTime);
  }
  const candidates = [...holders].filter((id) => {
    const p = org.people.get(id);
    return p?.active && p.openId && !leaveOn(p, today) && now >= shanghaiInstant(today, own.get(id) ?? settings.at);
  });
  if (candidates.length === 0) return 0;
  const keys = candidates.map((id) => `morning:${id}:${today}`);
  const done = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    for (const r of await tx
      .select({ key: outbox.key })
      .from(outbox)
      .where(inArray(outbox.key, keys.slice(i, i + 1000))))
      done.add(r.key);
  }

  // what is left, in one query per 1,000 people (not one per person)
  const todo = candidates.filter((id) => !done.has(`morning:${id}:${today}`));
  const dutiesOf = new Map<string, Awaited<ReturnType<typeof listDutiesForPeopleOnDay>>>();
  const issuesOf = new Map<string, (typeof followups.$inferSelect)[]>();
  for (let i = 0; i < todo.length; i += 1000) {
    const chunk = todo.slice(i, i + 1000);
    for (const d of await listDutiesForPeopleOnDay(tx, chunk, today, ctx.batch?.centers))
      dutiesOf
        .set(d.personId, dutiesOf.get(d.personId) ?? [])
        .get(d.personId)!
        .push(d);
  }
  // clocks its rule lists in the morning (patrol problems) due by today, for whoever answers for them today (a handover
  // moves them to the new manager); a rule switched off lists none
  const wanted = new Set(todo);
  const listed = new Map(
    followUpRules(rules.book.rules)
      .filter((r) => r.morning)
      .map((r) => [r.id, r]),
  );
  const open = !listed.size
    ? []
    : await tx
        .select()
        .from(followups)
        .where(
          and(
            ctx.batch?.centers ? inArray(followups.centerCode, ctx.batch.centers) : undefined,
            inArray(followups.ruleId, [...listed.keys()]),
            inArray(followups.status, ['open', 'overdue']),
            lte(followups.dueAt, shanghaiInstant(today, '23:59')),
          ),
        )
        .orderBy(asc(followups.dueAt), asc(followups.id));
  for (const f of open) {
    const who = answererOn(ctx, { kind: 'clock', centerCode: f.centerCode, ownerId: f.personId }, today);
    if (who && wanted.has(who))
      issuesOf
        .set(who, issuesOf.get(who) ?? [])
        .get(who)!
        .push(f);
  }

  let sent = 0;
  for (const personId of todo) {
    const key = `morning:${personId}:${today}`;
    const list = dutiesOf.get(personId) ?? [];
    const asLine = (d: (typeof list)[number]): DutyLine => {
      const rule = d.terms as Rule;
      return {
        title: rule.title,
        due: dueText(d.dueAt, now),
        progress: d.kind === 'quota' ? `${d.progress}/${d.target}` : undefined,
        period: d.periodKey === today ? undefined : periodText(d.periodKey),
      };
    };
    const overdue = list.filter((d) => d.status === 'overdue').map(asLine);
    const dueToday = list.filter((d) => d.status === 'open' && d.dueDay === today).map(asLine);
    const ongoing = list.filter((d) => d.status === 'open' && d.dueDay !== today).map(asLine);
    const issues = (issuesOf.get(personId) ?? []).map((f) => {
      const button = stopButton(listed.get(f.ruleId));
      return {
        text: `${f.subject}（节点 ${dueText(f.dueAt, now)}）`,
        // stopped by a click: its button; by a record: its form
        value: button ? { a: 'followup.close', id: f.id } : { a: 'followup.record', id: f.id },
        button: button ?? MORNING_FILL,
      };
    });
    if (overdue.length + dueToday.length + ongoing.length + issues.length === 0) continue;
    const name = org.people.get(personId)!.name;
    // 查看本周 turns this card into the week's 待办, built when clicked (never stale)
    const weekValue = { a: 'todo.week', p: 1, n: today };
    if (
      await mail.toPerson(
        personId,
        key,
        morningCard({ name, day: dayText(today), today: dueToday, ongoing, overdue, issues, weekValue }),
        'scheduler:morning',
      )
    )
      sent++;
  }
  return sent;
}
