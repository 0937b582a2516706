// Clicks on clocks: 已整改 / 已答复 close a patrol issue or a staff opinion; 报告突发事件 alerts the leader and the quality center at once.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { closeFollowUp, startFollowUp } from '../../db/queries/followups.ts';
import { followups } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { emergencyAlertCard, emergencyReportedCard, emergencyStartCard, FOLLOWUP_TEXT } from '../../lark/cards/followup-cards.ts';
import { instantText } from '../../lark/cards/format.ts';
import { HANDOVER_TEXT } from '../../lark/cards/handover-cards.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import { RECORD_TEXT } from '../../lark/cards/record-cards.ts';
import { shanghaiDay, shanghaiTime } from '../../lib/shanghai.ts';
import { cardToChat, cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import { followUpRule, hoursOf, planFromClick, prefillFor, startedByClick } from '../../rules/kinds/follow-up.ts';
import type { Db } from '../../db/client.ts';
import type { Person } from '../../db/schema/index.ts';
import { formElement, parseForm, type FormDef } from '../forms/form.ts';
import { leftCenter, mayActOn, postsOfCenters } from '../records/authority.ts';
import { recordFormById } from '../records/forms/index.ts';
import { recordFormCard } from '../records/open-form.ts';
import { TOASTS } from '../../lark/cards/toasts.ts';
import { readCardId } from '../../lib/card-id.ts';
import { answererOn } from '../../scheduler/recipients.ts';
import { postOf, loadRecordContext } from '../records/record-context.ts';
import { recipientsFor } from '../records/record-recipients.ts';

export const closeFollowUpAction: CardActionHandler = async (tx, _ctx, input) => {
  const [f] = await tx
    .select()
    .from(followups)
    .where(eq(followups.id, Number(input.value.id)));
  if (!f) return { toast: { type: 'error', content: FOLLOWUP_TEXT.notYours } };
  const today = shanghaiDay(input.now);
  if (!(await mayActOn(tx, input.person, { kind: 'clock', centerCode: f.centerCode, ownerId: f.personId }, today))) {
    const left = await leftCenter(tx, input.person.id, f.centerCode, today);
    return { toast: { type: 'error', content: left ? HANDOVER_TEXT.handedOver : FOLLOWUP_TEXT.notYours } };
  }
  const closed = await closeFollowUp(tx, f.id, input.now, null, `由 ${input.person.name} 确认`);
  return { toast: closed ? { type: 'success', content: FOLLOWUP_TEXT.closed } : { type: 'info', content: FOLLOWUP_TEXT.already } };
};

/** 已答复 / 已整改 on a receipt: the clock the record started. */
export const answerFollowUp: CardActionHandler = async (tx, ctx, input) => {
  const [f] = await tx
    .select()
    .from(followups)
    .where(eq(followups.sourceSubmissionId, Number(input.value.s)));
  if (!f) return { toast: { type: 'info', content: FOLLOWUP_TEXT.already } };
  return closeFollowUpAction(tx, ctx, { ...input, value: { a: 'followup.close', id: f.id } });
};

/** 填写 on a clock's card: the record that stops it, in place of the card, filled in from what started it (a task handed over). */
export const recordFollowUp: CardActionHandler = async (tx, app, input) => {
  const ref = readCardId(input.value.id);
  if (!('id' in ref)) return { toast: { type: 'error', content: TOASTS.badCardValue } };
  const [f] = await tx.select().from(followups).where(eq(followups.id, ref.id));
  const rule = f && followUpRule(app.rules.book.rules, f.ruleId);
  const form = rule?.stops?.by === 'form' ? recordFormById(rule.stops.form) : undefined;
  if (!f || !rule || !form || (f.status !== 'open' && f.status !== 'overdue'))
    return { toast: { type: 'info', content: FOLLOWUP_TEXT.already } };
  const today = shanghaiDay(input.now);
  const item = { kind: 'clock' as const, centerCode: f.centerCode, ownerId: f.personId };
  if (!(await mayActOn(tx, input.person, item, today))) return { toast: { type: 'error', content: FOLLOWUP_TEXT.notYours } };
  // filed as the record of whoever answers for the clock today (a leader opening it files it for them)
  const owner = answererOn(await postsOfCenters(tx, [f.centerCode]), item, today) ?? f.personId;
  const rc = await loadRecordContext(tx, owner, f.centerCode, today);
  if (!rc) return { toast: { type: 'error', content: RECORD_TEXT.notYours } };
  const card = recordFormCard(
    { form, ownerId: owner, centerCode: f.centerCode, duty: null, handed: f.id },
    rc,
    input.now,
    prefillFor(rule, f),
  );
  // from a list (待办): the form arrives as a new message, so the list stays
  if (input.value.m && input.chatId) {
    await enqueue(tx, input.now, cardToChat(`form:${input.eventId}`, input.chatId, card, `card:${input.messageId}`));
    return { toast: { type: 'success', content: RECORD_TEXT.formSent } };
  }
  return { card: { type: 'raw', data: card } };
};

const emergencyForm: FormDef<{ today: string }> = {
  id: 'emergency_report',
  title: '报告突发事件',
  fields: () => [
    { kind: 'text', name: 'what', label: '发生了什么', max: 200 },
    { kind: 'text', name: 'where', label: '地点', max: 50 },
  ],
};

/** 突发事件 in chat: phone first (the card says so), then a two-field form that alerts at once. */
export async function emergencyCardFor(db: Db, actor: Person, now: Date): Promise<Card> {
  const post = await postOf(db, actor.id, shanghaiDay(now));
  if (!post) return noticeCard(RECORD_TEXT.noPost);
  const card = emergencyStartCard();
  card.body.elements.push(
    formElement(
      emergencyForm,
      { today: shanghaiDay(now) },
      { submit: { a: 'emergency.report', c: post.centerCode, n: randomBytes(6).toString('hex') }, submitText: '立即上报' },
    ),
  );
  return card;
}

export const reportEmergency: CardActionHandler = async (tx, app, input) => {
  const centerCode = String(input.value.c ?? '');
  const today = shanghaiDay(input.now);
  const post = await postOf(tx, input.person.id, today);
  if (!post || post.centerCode !== centerCode) return { toast: { type: 'error', content: RECORD_TEXT.noPost } };
  const parsed = parseForm(emergencyForm, { today }, input.formValue, today);
  if (!parsed.ok) return { toast: { type: 'error', content: parsed.message } };
  const rule = startedByClick(app.rules.book.rules, 'emergency.report');
  const rc = await loadRecordContext(tx, input.person.id, centerCode, today);
  const stopForm = rule?.stops?.by === 'form' ? rule.stops.form : undefined;
  if (!rule || !stopForm) return { toast: { type: 'error', content: FOLLOWUP_TEXT.off } };
  if (!rc) return { toast: { type: 'error', content: RECORD_TEXT.noPost } };
  const plan = planFromClick(rule, input.now, String(parsed.values.what));
  const due = plan.dueAt;
  const clock = await startFollowUp(tx, {
    key: `${rule.id}|report:${input.value.n}`,
    ruleId: rule.id,
    centerCode,
    personId: input.person.id,
    ...plan,
  });
  if (clock) {
    // the leader in charge and the quality center, at once, buzzed, whatever the hour
    const alert = emergencyAlertCard({
      center: rc.center.name,
      manager: input.person.name,
      what: String(parsed.values.what),
      where: String(parsed.values.where),
      at: `${today} ${shanghaiTime(input.now)}`,
      hours: hoursOf(rule),
    });
    for (const r of await recipientsFor(tx, [rule], centerCode, today, { all: true })) {
      if (r.openId && r.id !== input.person.id)
        await enqueue(
          tx,
          input.now,
          cardToPerson(`emergency:${clock.id}:${r.id}`, r.openId, alert, `followup:${clock.id}`, { urgentTo: [r.openId] }),
        );
    }
  }
  return {
    toast: { type: 'success', content: '已上报' },
    card: {
      type: 'raw',
      data: emergencyReportedCard({
        due: instantText(due),
        recordValue: clock ? { a: 'followup.record', id: clock.id } : { a: 'record.again', f: stopForm, p: input.person.id, c: centerCode },
      }),
    },
  };
};
