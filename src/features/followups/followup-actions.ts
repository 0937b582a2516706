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
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import type { FollowUp } from '../../rules/rulebook/schema.ts';
import type { Db } from '../../db/client.ts';
import type { Person } from '../../db/schema/index.ts';
import { formElement, parseForm, type FormDef } from '../forms/form.ts';
import { leftCenter, mayActOn } from '../records/authority.ts';
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
  const rule = app.rules.book.rules.find((r): r is FollowUp => r.id === 'quality.emergency' && r.kind === 'follow_up');
  const rc = await loadRecordContext(tx, input.person.id, centerCode, today);
  if (!rule || !rc) return { toast: { type: 'error', content: RECORD_TEXT.noPost } };
  const due = new Date(input.now.getTime() + (rule.within_hours ?? 24) * 3600_000);
  const clock = await startFollowUp(tx, {
    key: `${rule.id}|report:${input.value.n}`,
    ruleId: rule.id,
    centerCode,
    personId: input.person.id,
    subject: String(parsed.values.what),
    startedAt: input.now,
    dueAt: due,
  });
  if (clock) {
    // the leader in charge and the quality center, at once, buzzed, whatever the hour
    const alert = emergencyAlertCard({
      center: rc.center.name,
      manager: input.person.name,
      what: String(parsed.values.what),
      where: String(parsed.values.where),
      at: `${today} ${shanghaiTime(input.now)}`,
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
        recordValue: { a: 'record.again', f: 'emergency', p: input.person.id, c: centerCode },
      }),
    },
  };
};
