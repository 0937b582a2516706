// The leave card: built for a leader or admin, and its submit — stored once, suspending the duties that fall in it.
import { getPersonById } from '../../db/queries/org.ts';
import { leaves } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import type { Person } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { LEAVE_TEXT, leaveNoticeCard, leaveRefusalCard, leaveSavedCard, type LeaveEffect } from '../../lark/cards/leave-cards.ts';
import { correctionsOfWaived } from '../scores/corrections.ts';
import { honourPassedLeave } from './honour-leave.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import { formCard, parseForm } from '../forms/form.ts';
import { isAdmin, leaveCandidates } from './leave-authority.ts';
import { leaveForm, resolveCandidate } from './leave-form.ts';

/** The card a leader or admin gets for 请假; others get a short refusal. */
export async function leaveCardFor(db: Db, actor: Person, now: Date): Promise<Card> {
  const today = shanghaiDay(now);
  const leads = actor.roles.includes('leader');
  if (!leads && !(await isAdmin(db, actor))) return leaveRefusalCard(LEAVE_TEXT.notAllowed);
  const candidates = await leaveCandidates(db, actor, today);
  if (candidates.length === 0) return leaveRefusalCard(LEAVE_TEXT.noCandidates);
  return formCard(
    leaveForm,
    { candidates, today, admin: await isAdmin(db, actor) },
    { submit: { a: 'leave.save', by: actor.id }, prefill: { from: today, to: today }, footer: '期间到期的待办将暂停，不计逾期。' },
  );
}

export const saveLeave: CardActionHandler = async (tx, ctx, input) => {
  const today = shanghaiDay(input.now);
  const candidates = await leaveCandidates(tx, input.person, today);
  if (input.value.by !== input.person.id || candidates.length === 0) return { toast: { type: 'error', content: LEAVE_TEXT.notYours } };
  const parsed = parseForm(leaveForm, { candidates, today, admin: await isAdmin(tx, input.person) }, input.formValue, today);
  if (!parsed.ok) return { toast: { type: 'error', content: parsed.message } };
  const typed = parsed.values as { person: string; from: string; to: string; reason: string | null };
  const resolved = resolveCandidate(candidates, typed.person);
  if (!resolved.ok) return { toast: { type: 'error', content: resolved.message } };
  const v = { ...typed, person: resolved.id };
  const who = candidates.find((c) => c.id === v.person)!;
  const inserted = await tx
    .insert(leaves)
    .values({
      personId: v.person,
      fromDay: v.from,
      toDay: v.to,
      reason: v.reason,
      source: 'chat',
      createdBy: input.person.id,
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ id: leaves.id });
  if (inserted.length === 0) return { toast: { type: 'info', content: LEAVE_TEXT.duplicate } };
  // days already passed: their duties as if the leave had been recorded ahead, their fines waived (请假)
  const honoured = await honourPassedLeave(tx, ctx.rules, { personId: v.person, from: v.from, to: v.to }, input.person, input.now, today);
  const corrected = await correctionsOfWaived(
    tx,
    ctx.rules.book,
    honoured.waived.filter((e) => e.personId === v.person),
    input.now,
  );
  const effect: LeaveEffect = {
    passed: honoured.duties,
    waived: {
      count: honoured.waived.length,
      yuan: honoured.waived.reduce((a, e) => a + Number(e.yuan), 0),
      points: honoured.waived.reduce((a, e) => a + Number(e.points), 0),
    },
    corrected: corrected.map((c) => ({ periodText: c.periodText, yuan: c.yuan, points: c.points })),
  };
  const target = await getPersonById(tx, v.person);
  if (target?.openId && target.id !== input.person.id) {
    await enqueue(
      tx,
      input.now,
      cardToPerson(
        `leave-notice:${inserted[0]!.id}`,
        target.openId,
        leaveNoticeCard({ from: v.from, to: v.to, reason: v.reason, by: input.person.name, effect }),
        `leave:${inserted[0]!.id}`,
      ),
    );
  }
  ctx.log.info(
    { leave: inserted[0]!.id, person: v.person, by: input.person.id, passed: honoured.duties, waived: honoured.waived.length },
    'leave recorded',
  );
  return {
    toast: { type: 'success', content: LEAVE_TEXT.saved },
    card: {
      type: 'raw',
      data: leaveSavedCard({ name: who.name, from: v.from, to: v.to, reason: v.reason, by: input.person.name, effect }),
    },
  };
};
