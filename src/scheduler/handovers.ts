// Handovers in each pass: a center's new manager is told once what they take over, and its leader in charge who took
// over. Found from the posts (not from the import), so a change dated ahead in the org file is announced on its first
// day, and a restart, a re-import or a pass redone sends nothing twice (the outbox keys).
import { and, asc, eq, gte, inArray, ne } from 'drizzle-orm';
import { selectDuties } from '../db/queries/duties.ts';
import { complaints, duties, followups, type Duty } from '../db/schema/index.ts';
import { COMPLAINT_TEXT } from '../lark/cards/complaint-cards.ts';
import { FOLLOWUP_TEXT } from '../lark/cards/followup-cards.ts';
import { dayText, dueText, periodText } from '../lark/cards/format.ts';
import { takeoverCard, takeoverLeaderCard, type Takeover } from '../lark/cards/handover-cards.ts';
import { RECORD_TEXT } from '../lark/cards/record-cards.ts';
import { addDays } from '../lib/shanghai.ts';
import type { DutyOrg } from '../rules/duties/duty-org.ts';
import type { Rule } from '../rules/rulebook/schema.ts';
import { answererOn, holderOn } from './recipients.ts';
import type { TickContext } from './tick-context.ts';
import { enqueuedKeys } from '../outbox/enqueue.ts';

/** A handover is announced up to this many days after its first day (a change dated back in the file, a long downtime). */
const LOOK_BACK_DAYS = 14;

interface Handover {
  centerCode: string;
  managerId: string;
  previousId: string;
  /** the new manager's first day */
  from: string;
}

/** Managers who took a center over from someone in the look-back window and still hold it today. */
function recentHandovers(org: DutyOrg, today: string): Handover[] {
  const since = addDays(today, -LOOK_BACK_DAYS);
  const managers = org.assignments.filter((a) => a.role === 'manager');
  const out: Handover[] = [];
  for (const a of managers) {
    if (a.validFrom > today || a.validFrom < since || (a.validTo !== null && a.validTo <= today)) continue;
    // the center's manager just before (the same person back after a gap took nothing over)
    const previous = managers
      .filter((p) => p.centerCode === a.centerCode && p.validFrom < a.validFrom && p.validTo !== null)
      .sort((x, y) => (x.validFrom < y.validFrom ? 1 : -1))[0];
    if (previous && previous.personId !== a.personId)
      out.push({ centerCode: a.centerCode, managerId: a.personId, previousId: previous.personId, from: a.validFrom });
  }
  return out;
}

const clip = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** What the new manager takes over today: the center's open complaints and clocks they now answer for, their duties of periods not yet ended. */
async function takeoverOf(ctx: TickContext, h: Handover): Promise<Takeover> {
  const { tx, now, today, org } = ctx;
  const answers = (kind: 'complaint' | 'clock', ownerId: string) =>
    answererOn(ctx, { kind, centerCode: h.centerCode, ownerId }, today) === h.managerId;
  const open = await tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.centerCode, h.centerCode), ne(complaints.status, 'closed'), ne(complaints.managerId, h.managerId)))
    .orderBy(asc(complaints.receivedAt), asc(complaints.id));
  const clocks = await tx
    .select()
    .from(followups)
    .where(and(eq(followups.centerCode, h.centerCode), inArray(followups.status, ['open', 'overdue']), ne(followups.personId, h.managerId)))
    .orderBy(asc(followups.dueAt), asc(followups.id));
  const owed = await selectDuties(tx)
    .where(
      and(
        eq(duties.personId, h.managerId),
        eq(duties.centerCode, h.centerCode),
        inArray(duties.status, ['open', 'overdue']),
        gte(duties.periodEnd, today),
      ),
    )
    .orderBy(asc(duties.dueAt), asc(duties.id));
  // one line per rule: the first of its duties (a daily report is one line, not ten); reports before quotas
  const firstOfRule = new Map<string, Duty>();
  for (const d of [...owed.filter((d) => d.kind !== 'quota'), ...owed.filter((d) => d.kind === 'quota')])
    if (!firstOfRule.has(d.ruleId)) firstOfRule.set(d.ruleId, d);
  const titleOf = (ruleId: string) => ctx.rules.book.rules.find((r) => r.id === ruleId)?.title ?? ruleId;
  return {
    center: org.centers.get(h.centerCode)?.name ?? h.centerCode,
    manager: org.people.get(h.managerId)?.name ?? h.managerId,
    previous: org.people.get(h.previousId)?.name ?? h.previousId,
    from: dayText(h.from),
    complaints: open
      .filter((c) => answers('complaint', c.managerId))
      .map((c) =>
        COMPLAINT_TEXT.todoLine({
          id: c.id,
          owner: c.owner,
          what: clip(c.what),
          status: c.status,
          milestone: c.milestone,
          inRemit: c.inRemit,
        }),
      ),
    clocks: clocks
      .filter((f) => answers('clock', f.personId))
      .map((f) =>
        FOLLOWUP_TEXT.todoLine({
          title: titleOf(f.ruleId),
          subject: f.subject,
          due: dueText(f.dueAt, now),
          overdue: f.dueAt.getTime() < now.getTime(),
        }),
      ),
    duties: [...firstOfRule.values()].map((d) =>
      RECORD_TEXT.dutyLine({
        title: (d.terms as Rule).title,
        due: d.kind === 'quota' ? `${periodText(d.periodKey)} ${d.progress}/${d.target}` : dueText(d.dueAt, now),
        overdue: d.status === 'overdue',
      }),
    ),
  };
}

/** The global batch's handover cards (the new manager's and the leader's, each once); returns how many were enqueued. */
export async function sendHandoverCards(ctx: TickContext): Promise<number> {
  const { tx, today, mail } = ctx;
  const cards = recentHandovers(ctx.org, today).map((h) => {
    const key = `handover:${h.centerCode}:${h.managerId}:${h.from}`;
    const leaders = holderOn(ctx, h.centerCode, 'leader', today).map((id) => ({ id, key: `${key}:leader:${id}`, leader: true }));
    return { h, to: [{ id: h.managerId, key, leader: false }, ...leaders] };
  });
  const keys = cards.flatMap((c) => c.to.map((r) => r.key));
  if (keys.length === 0) return 0;
  const done = await enqueuedKeys(tx, keys);
  let sent = 0;
  for (const { h, to } of cards) {
    const waiting = to.filter((r) => !done.has(r.key));
    if (waiting.length === 0) continue;
    const t = await takeoverOf(ctx, h);
    for (const r of waiting) {
      const card = r.leader ? takeoverLeaderCard(t) : takeoverCard(t, { a: 'todo.week', p: 1, n: today });
      if (await mail.toPerson(r.id, r.key, card, `handover:${h.centerCode}`)) sent++;
    }
  }
  return sent;
}
