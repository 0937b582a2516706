// A complaint's life in cards: registered → plan and milestone → fixed → owner called back → closed, or reopened if not
// satisfied. Each step is a card action by the person responsible, stored with who and when, in one transaction.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn, listCenters } from '../../db/queries/org.ts';
import { complaints, complaintSteps, type Complaint, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler, CardResponse } from '../../lark/card-actions/types.ts';
import {
  COMPLAINT_TEXT,
  complaintAlertCard,
  complaintCard,
  complaintListCard,
  fixedButton,
  type ComplaintView,
} from '../../lark/cards/complaint-cards.ts';
import { instantText } from '../../lark/cards/format.ts';
import { HANDOVER_TEXT } from '../../lark/cards/handover-cards.ts';
import { formCard, formElement, parseForm, type FormDef } from '../forms/form.ts';
import { noticeCard, type Card, type CardElement } from '../../lark/cards/kit.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { cardToChat, cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';
import { isAdmin } from '../leave/leave-authority.ts';
import { leftCenter, mayActOn } from '../records/authority.ts';
import { postOf } from '../records/record-context.ts';
import { recipientsFor } from '../records/record-recipients.ts';
import { centerField, resolveCenter } from '../centers/center-choice.ts';
import { CATEGORIES, CHANNELS, callbackForm, planForm, registerForm, type ComplaintFormContext } from './complaint-forms.ts';

const RULE = 'customer.complaint';
const nonce = () => randomBytes(6).toString('hex');
const error = (content: string): CardResponse => ({ toast: { type: 'error', content } });
const labelOf = (list: { value: string; label: string }[], v: string) => list.find((o) => o.value === v)?.label ?? v;
const STEP_WORDS: Record<string, string> = {
  received: '受理',
  plan: '方案',
  fixed: '整改',
  callback: '回访',
  closed: '结案',
  reopened: '重开',
};

async function viewOf(db: Db, c: Complaint): Promise<ComplaintView> {
  const steps = await db.select().from(complaintSteps).where(eq(complaintSteps.complaintId, c.id)).orderBy(asc(complaintSteps.id));
  const names = new Map<string, string>();
  for (const s of steps) if (!names.has(s.by)) names.set(s.by, (await getPersonById(db, s.by))?.name ?? s.by);
  const center = (await listCenters(db)).find((x) => x.code === c.centerCode)?.name ?? c.centerCode;
  return {
    id: c.id,
    center,
    owner: c.owner,
    household: c.household,
    what: c.what,
    category: labelOf(CATEGORIES, c.category),
    channel: labelOf(CHANNELS, c.channel),
    major: c.major,
    inRemit: c.inRemit,
    status: c.status,
    plan: c.plan,
    milestone: c.milestone,
    history: steps.map(
      (s) =>
        `${STEP_WORDS[s.step] ?? s.step} ${names.get(s.by)} ${instantText(s.at)}${s.step === 'callback' ? (s.values?.satisfied === 'yes' ? '（满意）' : '（不满意）') : ''}`,
    ),
  };
}

/** The next step's form or button, by status. */
function nextStep(c: Complaint, today: string): CardElement[] {
  const ctx = { today };
  switch (c.status) {
    case 'received':
    case 'reopened':
      return [formElement(planForm, ctx, { submit: { a: 'complaint.plan', id: c.id, n: nonce() }, submitText: '提交方案' })];
    case 'planned':
      return [fixedButton({ a: 'complaint.fixed', id: c.id, n: nonce() })];
    case 'fixed':
      return [formElement(callbackForm, ctx, { submit: { a: 'complaint.callback', id: c.id, n: nonce() }, submitText: '提交回访' })];
    default:
      return [];
  }
}

async function complaintCardOf(db: Db, c: Complaint, now: Date): Promise<Card> {
  return complaintCard(await viewOf(db, c), nextStep(c, shanghaiDay(now)));
}

/** Centers a person may register complaints for: their own post's, or (leader, admin, customer service, quality) a choice. */
async function centersFor(db: Db, actor: Person, day: string): Promise<{ code: string; name: string }[]> {
  const all = (await listCenters(db, { activeOnly: true })).map((c) => ({ code: c.code, name: c.name }));
  const post = await postOf(db, actor.id, day);
  if (post) return all.filter((c) => c.code === post.centerCode);
  if (await isAdmin(db, actor)) return all;
  if (actor.roles.some((r) => r === 'customer_service' || r === 'quality')) return all;
  const led = (await listCenterRolesOn(db, day)).filter((r) => r.role === 'leader' && r.personId === actor.id).map((r) => r.centerCode);
  return all.filter((c) => led.includes(c.code));
}

/** The register form; for someone who registers for several centers, it asks which first (a dropdown, or by code or name). */
function registerFormFor(centers: { code: string; name: string }[]): FormDef<ComplaintFormContext> {
  if (centers.length <= 1) return registerForm;
  return { ...registerForm, fields: (ctx) => [centerField(centers, { name: 'center', label: '服务中心' }), ...registerForm.fields(ctx)] };
}

function registerCard(centers: { code: string; name: string }[], today: string): Card {
  return formCard(
    registerFormFor(centers),
    { today },
    { submit: { a: 'complaint.register', n: nonce(), ...(centers.length === 1 ? { c: centers[0]!.code } : {}) }, submitText: '登记' },
  );
}

/** 投诉 in chat: the open complaints of one's centers, each with its button, and a button to register a new one. */
export async function complaintsCardFor(db: Db, actor: Person, now: Date): Promise<Card> {
  const centers = await centersFor(db, actor, shanghaiDay(now));
  if (centers.length === 0) return complaintListCard({ items: [], registerValue: { a: 'complaint.new' } });
  const open = await db
    .select()
    .from(complaints)
    .where(
      and(
        inArray(
          complaints.centerCode,
          centers.map((c) => c.code),
        ),
        ne(complaints.status, 'closed'),
      ),
    )
    .orderBy(asc(complaints.receivedAt))
    .limit(20);
  return complaintListCard({
    items: open.map((c) => ({
      text: `#${c.id} ${c.owner}（${c.household}）：${c.what.slice(0, 30)}`,
      value: { a: 'complaint.send', id: c.id },
    })),
    registerValue: { a: 'complaint.new' },
  });
}

export const newComplaint: CardActionHandler = async (tx, _ctx, input) => {
  const today = shanghaiDay(input.now);
  const centers = await centersFor(tx, input.person, today);
  if (centers.length === 0) return error(COMPLAINT_TEXT.notYours);
  return { card: { type: 'raw', data: registerCard(centers, today) } };
};

export const registerComplaint: CardActionHandler = async (tx, ctx, input) => {
  const today = shanghaiDay(input.now);
  const centers = await centersFor(tx, input.person, today);
  if (centers.length === 0) return error(COMPLAINT_TEXT.notYours);
  const parsed = parseForm(registerFormFor(centers), { today }, input.formValue, today);
  if (!parsed.ok) return error(parsed.message);
  let centerCode = String(input.value.c ?? '');
  if (centers.length > 1) {
    const chosen = resolveCenter(centers, parsed.values.center, '服务中心');
    if (!chosen.ok) return error(chosen.message);
    centerCode = chosen.code;
  }
  if (!centers.some((c) => c.code === centerCode)) return error(COMPLAINT_TEXT.notYours);
  const manager = (await listCenterRolesOn(tx, today)).find((r) => r.role === 'manager' && r.centerCode === centerCode);
  if (!manager) return error(COMPLAINT_TEXT.notYours);
  const v = parsed.values as Record<string, string>;
  const [c] = await tx
    .insert(complaints)
    .values({
      centerCode,
      managerId: manager.personId,
      owner: v.owner!,
      household: v.household!,
      channel: v.channel!,
      what: v.what!,
      category: v.category!,
      inRemit: v.in_remit === 'yes',
      major: v.severity === 'major',
      receivedAt: input.now,
      registeredBy: input.person.id,
      nonce: String(input.value.n),
    })
    .onConflictDoNothing()
    .returning();
  if (!c) return { toast: { type: 'info', content: '已收到，无需重复提交' } };
  await tx
    .insert(complaintSteps)
    .values({ complaintId: c.id, step: 'received', by: input.person.id, at: input.now, nonce: `${c.nonce}:received` });
  const view = await viewOf(tx, c);
  const rule = ctx.rules.book.rules.find((r) => r.id === RULE) as Rule | undefined;
  if (c.major && rule) {
    // a major complaint: the quality center and customer service at once, buzzed
    for (const r of await recipientsFor(tx, [rule], centerCode, today, { all: true })) {
      if (r.openId)
        await enqueue(
          tx,
          input.now,
          cardToPerson(`complaint:${c.id}:major:${r.id}`, r.openId, complaintAlertCard(view, 'major'), `complaint:${c.id}`, {
            urgentTo: [r.openId],
          }),
        );
    }
  }
  const card = complaintCard(view, nextStep(c, today));
  if (manager.personId !== input.person.id) {
    const m = await getPersonById(tx, manager.personId);
    if (m?.openId)
      await enqueue(
        tx,
        input.now,
        cardToPerson(`complaint:${c.id}:assigned`, m.openId, complaintCard(view, nextStep(c, today)), `complaint:${c.id}`),
      );
  }
  return { toast: { type: 'success', content: COMPLAINT_TEXT.registered }, card: { type: 'raw', data: card } };
};

/** A complaint as an open item: its center's manager of the day answers for it (a handover moves it, the row stays). */
const itemOf = (c: Complaint) => ({ kind: 'complaint' as const, centerCode: c.centerCode, ownerId: c.managerId });

/** The complaint a click names, if the clicker may act on it; else the refusal's words. */
async function loadFor(tx: Db, input: Parameters<CardActionHandler>[2]): Promise<Complaint | string> {
  const [c] = await tx
    .select()
    .from(complaints)
    .where(eq(complaints.id, Number(input.value.id)));
  if (!c) return COMPLAINT_TEXT.notYours;
  const today = shanghaiDay(input.now);
  if (await mayActOn(tx, input.person, itemOf(c), today)) return c;
  return (await leftCenter(tx, input.person.id, c.centerCode, today)) ? HANDOVER_TEXT.handedOver : COMPLAINT_TEXT.notYours;
}

export const openComplaint: CardActionHandler = async (tx, _ctx, input) => {
  const c = await loadFor(tx, input);
  if (typeof c === 'string') return error(c);
  return { card: { type: 'raw', data: await complaintCardOf(tx, c, input.now) } };
};

/**
 * 处理 on a list (投诉, 待办) or a reminder: the complaint with its current step as a NEW message. A card lives 14 days
 * (卡片 JSON 2.0: "卡片可交互和可更新时间统一为 14 天"); a complaint may take weeks, so each step can be had fresh.
 */
export const sendComplaint: CardActionHandler = async (tx, _ctx, input) => {
  const c = await loadFor(tx, input);
  if (typeof c === 'string') return error(c);
  if (!input.chatId) return error(COMPLAINT_TEXT.notYours);
  await enqueue(
    tx,
    input.now,
    cardToChat(`complaint-card:${input.eventId}`, input.chatId, await complaintCardOf(tx, c, input.now), `card:${input.messageId}`),
  );
  return { toast: { type: 'success', content: COMPLAINT_TEXT.sent } };
};

/** 「投诉 12」 in chat: that complaint's card, fresh, with its next step for whoever may take it (view only for the others who see it). */
export async function complaintByNumber(db: Db, actor: Person, id: number, now: Date): Promise<Card> {
  const [c] = await db.select().from(complaints).where(eq(complaints.id, id));
  if (!c) return noticeCard(COMPLAINT_TEXT.unknown(id));
  const today = shanghaiDay(now);
  if (await mayActOn(db, actor, itemOf(c), today)) return complaintCardOf(db, c, now);
  if ((await centersFor(db, actor, today)).some((x) => x.code === c.centerCode)) return complaintCard(await viewOf(db, c), []);
  return noticeCard(COMPLAINT_TEXT.notYours);
}

/** Moves a complaint from one status to the next, once: the status check makes a repeat or a race harmless. */
async function advance(
  tx: Db,
  c: Complaint,
  from: Complaint['status'][],
  set: Partial<Complaint>,
  step: string,
  by: string,
  at: Date,
  n: string,
  values?: Record<string, unknown>,
) {
  const [moved] = await tx
    .update(complaints)
    .set(set)
    .where(and(eq(complaints.id, c.id), inArray(complaints.status, from)))
    .returning();
  if (!moved) return null;
  await tx
    .insert(complaintSteps)
    .values({ complaintId: c.id, step, by, at, values: values ?? null, nonce: `${c.id}:${n}` })
    .onConflictDoNothing();
  return moved;
}

export const planComplaint: CardActionHandler = async (tx, _ctx, input) => {
  const c = await loadFor(tx, input);
  if (typeof c === 'string') return error(c);
  const today = shanghaiDay(input.now);
  const parsed = parseForm(planForm, { today }, input.formValue, today);
  if (!parsed.ok) return error(parsed.message);
  const moved = await advance(
    tx,
    c,
    ['received', 'reopened'],
    { status: 'planned', plan: String(parsed.values.plan), milestone: String(parsed.values.milestone), plannedAt: input.now },
    'plan',
    input.person.id,
    input.now,
    String(input.value.n),
    parsed.values,
  );
  if (!moved)
    return { toast: { type: 'info', content: COMPLAINT_TEXT.stale }, card: { type: 'raw', data: await complaintCardOf(tx, c, input.now) } };
  return {
    toast: { type: 'success', content: COMPLAINT_TEXT.planned },
    card: { type: 'raw', data: await complaintCardOf(tx, moved, input.now) },
  };
};

export const fixComplaint: CardActionHandler = async (tx, _ctx, input) => {
  const c = await loadFor(tx, input);
  if (typeof c === 'string') return error(c);
  const moved = await advance(
    tx,
    c,
    ['planned'],
    { status: 'fixed', fixedAt: input.now },
    'fixed',
    input.person.id,
    input.now,
    String(input.value.n),
  );
  if (!moved)
    return { toast: { type: 'info', content: COMPLAINT_TEXT.stale }, card: { type: 'raw', data: await complaintCardOf(tx, c, input.now) } };
  return {
    toast: { type: 'success', content: COMPLAINT_TEXT.fixed },
    card: { type: 'raw', data: await complaintCardOf(tx, moved, input.now) },
  };
};

export const callBackComplaint: CardActionHandler = async (tx, ctx, input) => {
  const c = await loadFor(tx, input);
  if (typeof c === 'string') return error(c);
  const today = shanghaiDay(input.now);
  const parsed = parseForm(callbackForm, { today }, input.formValue, today);
  if (!parsed.ok) return error(parsed.message);
  const satisfied = parsed.values.satisfied === 'yes';
  const moved = await advance(
    tx,
    c,
    ['fixed'],
    satisfied
      ? { status: 'closed', satisfied: true, calledBackAt: input.now, closedAt: input.now }
      : { status: 'reopened', satisfied: false, calledBackAt: input.now, reopenCount: c.reopenCount + 1 },
    'callback',
    input.person.id,
    input.now,
    String(input.value.n),
    parsed.values,
  );
  if (!moved)
    return { toast: { type: 'info', content: COMPLAINT_TEXT.stale }, card: { type: 'raw', data: await complaintCardOf(tx, c, input.now) } };
  if (satisfied) {
    // the closure goes to the quality center and customer service
    const view = await viewOf(tx, moved);
    const rule = ctx.rules.book.rules.find((r) => r.id === RULE) as Rule | undefined;
    for (const r of rule ? await recipientsFor(tx, [rule], moved.centerCode, today, { all: true }) : []) {
      if (r.openId)
        await enqueue(
          tx,
          input.now,
          cardToPerson(`complaint:${moved.id}:closed:${r.id}`, r.openId, complaintAlertCard(view, 'closed'), `complaint:${moved.id}`),
        );
    }
  }
  return {
    toast: { type: 'success', content: satisfied ? COMPLAINT_TEXT.closed : COMPLAINT_TEXT.reopened },
    card: { type: 'raw', data: await complaintCardOf(tx, moved, input.now) },
  };
};
