// Card actions of records: submit a form (validated, filed once, answered with the receipt), edit it, file another, open one.
// Everything a card's value carries is checked as if typed by a stranger: ids, nonce, owner, center and duty must agree.
import { eq } from 'drizzle-orm';
import { getPersonById } from '../../db/queries/org.ts';
import { getSubmission } from '../../db/queries/records.ts';
import { duties, type Duty, type Submission } from '../../db/schema/index.ts';
import type { CardActionHandler, CardResponse } from '../../lark/card-actions/types.ts';
import { HANDOVER_TEXT } from '../../lark/cards/handover-cards.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { RECORD_TEXT } from '../../lark/cards/record-cards.ts';
import { TOASTS } from '../../lark/cards/toasts.ts';
import { readCardId } from '../../lib/card-id.ts';
import { filedReceiptOf, receiptFor, storedReceipt } from './receipt.ts';
import { shanghaiDay, shanghaiTime } from '../../lib/shanghai.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';
import { parseForm } from '../forms/form.ts';
import { checkEntered } from '../../rules/kinds/follow-up.ts';
import { dutyStillTheirs, holdsPostAt, leftCenter, mayFileFor } from './authority.ts';
import { fileRecord } from './file-record.ts';
import { formById } from './form-registry.ts';
import { recordFormCard } from './open-form.ts';
import { formForDuty } from './chat-forms.ts';
import { cardToChat, enqueue } from '../../outbox/enqueue.ts';
import { loadRecordContext } from './record-context.ts';
import { selectDuties } from '../../db/queries/duties.ts';

const error = (content: string): CardResponse => ({ toast: { type: 'error', content } });
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Refused for want of a post there: an owner who left the center (a handover) is told so. */
async function notPosted(
  tx: Parameters<CardActionHandler>[0],
  input: Parameters<CardActionHandler>[2],
  ownerId: string,
  centerCode: string,
  today: string,
): Promise<CardResponse> {
  const left = input.person.id === ownerId && (await leftCenter(tx, ownerId, centerCode, today));
  return error(left ? HANDOVER_TEXT.handedOver : RECORD_TEXT.notYours);
}

async function dutyById(tx: Parameters<CardActionHandler>[0], id: number): Promise<Duty | null> {
  const [d] = await selectDuties(tx).where(eq(duties.id, id));
  return d ?? null;
}

export const submitRecord: CardActionHandler = async (tx, ctx, input) => {
  const form = formById(str(input.value.f));
  if (!form) return error(RECORD_TEXT.notYours);
  // its one-time code: checked in front of every handler that files under one (handle-card-action.ts, NONCE_ACTIONS)
  const nonce = str(input.value.n);
  const dutyRef = readCardId(input.value.d);
  const editRef = readCardId(input.value.e);
  const handedRef = readCardId(input.value.h);
  if ('bad' in dutyRef || 'bad' in editRef || 'bad' in handedRef) return error(TOASTS.badCardValue);
  const owner = await getPersonById(tx, str(input.value.p));
  const centerCode = str(input.value.c);
  const today = shanghaiDay(input.now);
  if (!owner || !(await mayFileFor(tx, input.person, owner.id, centerCode, today))) return error(RECORD_TEXT.notYours);

  let editOf: Submission | undefined;
  if ('id' in editRef) {
    editOf = (await getSubmission(tx, editRef.id)) ?? undefined;
    if (!editOf || editOf.personId !== owner.id || editOf.formId !== form.id || editOf.centerCode !== centerCode)
      return error(RECORD_TEXT.notYours);
    if (editOf.supersededAt) return error(RECORD_TEXT.superseded);
  }
  // an edit files under its record's own duty, whatever `d` says; a new record under the duty `d` names, if any
  let duty: Duty | null = null;
  if (editOf) {
    if ('id' in dutyRef && dutyRef.id !== editOf.dutyId) return error(RECORD_TEXT.notYours);
    duty = editOf.dutyId ? await dutyById(tx, editOf.dutyId) : null;
  } else if ('id' in dutyRef) {
    duty = await dutyById(tx, dutyRef.id);
    if (!duty) return error(RECORD_TEXT.notYours);
  }
  // the duty is the owner's, at this center, of a rule this form files; without one, the center is where the owner works
  if (duty && (duty.personId !== owner.id || duty.centerCode !== centerCode || !form.rules.includes(duty.ruleId)))
    return error(RECORD_TEXT.notYours);
  // the owner still posted there (a duty that fell due before they left may still be filed late); an edit alike
  if (duty ? !(await dutyStillTheirs(tx, duty, today)) : !(await holdsPostAt(tx, owner.id, centerCode, today)))
    return notPosted(tx, input, owner.id, centerCode, today);
  if (editOf && duty && input.now.getTime() > duty.dueAt.getTime()) return error(RECORD_TEXT.pastDeadline);
  const loaded = await loadRecordContext(tx, owner.id, centerCode, today, duty?.periodKey);
  if (!loaded) return error(RECORD_TEXT.notYours);
  const rc = { ...loaded, now: shanghaiTime(input.now) }; // a time typed into the form may not be later than now

  // one duty, one record: a second live form of a report already filed answers with the filed one's receipt
  const filedBefore = (card: Card): CardResponse => ({
    toast: { type: 'info', content: RECORD_TEXT.filedBefore(form.title) },
    card: { type: 'raw', data: card },
  });
  const filed = duty && !editOf ? await filedReceiptOf(tx, form, duty, owner, nonce, input.now) : null;
  if (filed) return filedBefore(filed);

  const parsed = parseForm(form, rc, input.formValue, today);
  if (!parsed.ok) return error(parsed.message); // the card stays as it was: nothing typed is lost
  // a deadline or milestone the record enters for a clock: within its rule's bounds
  const bound = checkEntered(ctx.rules.book.rules, form.id, parsed.values, today);
  if (bound) {
    const label = form.fields(rc).find((f) => f.name === bound.field)?.label ?? bound.field;
    return error(RECORD_TEXT.dayOutOfBounds(label, bound.problem === 'too_far' ? bound.latest : null));
  }

  const rules = form.rules.map((id) => ctx.rules.book.rules.find((r) => r.id === id)).filter((r): r is Rule => Boolean(r));
  const values = form.derive ? form.derive(parsed.values, rules) : parsed.values;
  const result = await fileRecord(tx, {
    form,
    rc,
    owner,
    actor: input.person,
    duty,
    values,
    nonce,
    messageId: input.messageId,
    now: input.now,
    editOf,
    rules,
    book: ctx.rules.book,
    handed: 'id' in handedRef ? handedRef.id : undefined,
  });
  if ('refused' in result) {
    if (result.refused !== 'filed_before')
      return error(result.refused === 'past_deadline' ? RECORD_TEXT.pastDeadline : RECORD_TEXT.superseded);
    // filed meanwhile from another card (two cards submitted at once): the record that stands, as the check above answers
    return filedBefore(storedReceipt(form, result.live, rc, owner, duty, input.now, true));
  }
  const card = receiptFor(form, result, form.lines(result.submission.values, rc), owner, centerCode, duty, input.now, ctx.rules.book.rules);
  return {
    toast: result.duplicate
      ? { type: 'info', content: RECORD_TEXT.duplicate }
      : { type: 'success', content: result.late ? `已提交（${result.timing}）` : '已提交' },
    card: { type: 'raw', data: card },
  };
};

/** 修改: the receipt becomes the form again, prefilled with the record; submitting makes a new version. */
export const editRecord: CardActionHandler = async (tx, _ctx, input) => {
  const ref = readCardId(input.value.s);
  if ('bad' in ref) return error(TOASTS.badCardValue);
  if (!('id' in ref)) return error(RECORD_TEXT.notYours);
  const s = await getSubmission(tx, ref.id);
  const form = s ? formById(s.formId) : undefined;
  const today = shanghaiDay(input.now);
  if (!s || !form || !(await mayFileFor(tx, input.person, s.personId, s.centerCode, today))) return error(RECORD_TEXT.notYours);
  if (s.supersededAt) return error(RECORD_TEXT.superseded);
  const duty = s.dutyId ? await dutyById(tx, s.dutyId) : null;
  if (duty ? !(await dutyStillTheirs(tx, duty, today)) : !(await holdsPostAt(tx, s.personId, s.centerCode, today)))
    return notPosted(tx, input, s.personId, s.centerCode, today);
  if (duty && input.now.getTime() > duty.dueAt.getTime()) return error(RECORD_TEXT.pastDeadline);
  const rc = await loadRecordContext(tx, s.personId, s.centerCode, today, duty?.periodKey);
  if (!rc) return error(RECORD_TEXT.notYours);
  const prefill = Object.fromEntries(
    Object.entries(s.values).map(([k, v]) => [k, Array.isArray(v) ? v : v === null ? undefined : (v as string | number | boolean)]),
  );
  return {
    card: {
      type: 'raw',
      data: recordFormCard({ form, ownerId: s.personId, centerCode: s.centerCode, duty, editOf: s.id }, rc, input.now, prefill),
    },
  };
};

/** 再记一条 (quotas): a fresh form in place of the receipt. */
export const recordAgain: CardActionHandler = async (tx, _ctx, input) => {
  const form = formById(str(input.value.f));
  const today = shanghaiDay(input.now);
  const ownerId = str(input.value.p);
  const centerCode = str(input.value.c);
  if (!form || !(await mayFileFor(tx, input.person, ownerId, centerCode, today))) return error(RECORD_TEXT.notYours);
  if (!(await holdsPostAt(tx, ownerId, centerCode, today))) return notPosted(tx, input, ownerId, centerCode, today);
  const rc = await loadRecordContext(tx, ownerId, centerCode, today);
  if (!rc) return error(RECORD_TEXT.notYours);
  return { card: { type: 'raw', data: recordFormCard({ form, ownerId, centerCode, duty: null }, rc, input.now) } };
};

/** 填报 on a 待办 or 周报 card: the duty's form arrives as a new message, so the list stays. */
export const openRecord: CardActionHandler = async (tx, _ctx, input) => {
  const ref = readCardId(input.value.d);
  if ('bad' in ref) return error(TOASTS.badCardValue);
  const duty = 'id' in ref ? await dutyById(tx, ref.id) : null;
  const today = shanghaiDay(input.now);
  if (!duty || !(await mayFileFor(tx, input.person, duty.personId, duty.centerCode, today))) return error(RECORD_TEXT.notYours);
  if (!(await dutyStillTheirs(tx, duty, today))) return notPosted(tx, input, duty.personId, duty.centerCode, today);
  const card = await formForDuty(tx, duty, input.now);
  if (!card || !input.chatId) return error(RECORD_TEXT.notYours);
  await enqueue(tx, input.now, cardToChat(`form:${input.eventId}`, input.chatId, card, `card:${input.messageId}`));
  return { toast: { type: 'success', content: RECORD_TEXT.formSent } };
};
