// A complaint's life in cards: registered → plan and milestone → fixed → owner called back → closed, or reopened if not
// satisfied; outside the property's remit: registered → answered or passed on → closed. Each step is a card action by
// the person responsible (the call-back also by customer service), stored with who and when, in one transaction, and
// told to customer service in one line.
import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn, listCenters, listDepartmentMembers } from '../../db/queries/org.ts';
import { complaints, complaintSteps, type Complaint, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler, CardResponse } from '../../lark/card-actions/types.ts';
import {
  COMPLAINT_PAGE,
  COMPLAINT_TEXT,
  complaintAlertCard,
  complaintCard,
  complaintListCard,
  complaintStepCard,
  fixedButton,
  stepLine,
  type ComplaintView,
} from '../../lark/cards/complaint-cards.ts';
import { instantText } from '../../lark/cards/format.ts';
import { HANDOVER_TEXT } from '../../lark/cards/handover-cards.ts';
import { formCard, formElement, parseForm, type FormDef } from '../forms/form.ts';
import { noticeCard, type Card, type CardElement } from '../../lark/cards/kit.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { cardToChat, cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import { isAdmin } from '../leave/leave-authority.ts';
import { leftCenter, mayActOn } from '../records/authority.ts';
import { postOf } from '../records/record-context.ts';
import { recipientsFor } from '../records/record-recipients.ts';
import { centerField, resolveCenter } from '../centers/center-choice.ts';
import {
  ANSWER_WAYS,
  CATEGORIES,
  CHANNELS,
  answerForm,
  callbackForm,
  planForm,
  registerForm,
  type ComplaintFormContext,
} from './complaint-forms.ts';
import { complaintRule } from './complaint-rule.ts';

const nonce = () => randomBytes(6).toString('hex');
const error = (content: string): CardResponse => ({ toast: { type: 'error', content } });
const labelOf = (list: { value: string; label: string }[], v: string) => list.find((o) => o.value === v)?.label ?? v;
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
    history: steps.map((s) => stepLine({ step: s.step, by: names.get(s.by) ?? s.by, at: instantText(s.at), ...detailOf(s.values) })),
  };
}

/** What a step's form said, for its line: the call-back's satisfaction and notes, the answer's way and words. */
function detailOf(v: Record<string, unknown> | null): { satisfied?: boolean; note?: string; way?: string } {
  if (!v) return {};
  const note = typeof v.note === 'string' && v.note ? v.note : typeof v.detail === 'string' && v.detail ? v.detail : undefined;
  return {
    ...(v.satisfied === undefined ? {} : { satisfied: v.satisfied === 'yes' }),
    ...(note ? { note } : {}),
    ...(typeof v.way === 'string' ? { way: labelOf(ANSWER_WAYS, v.way) } : {}),
  };
}

/** What a reader may do with a complaint: act on it (its manager, leader, admin), record the call-back (customer service), or see it. */
type Access = 'act' | 'callback' | 'view';

async function isCustomerService(db: Db, person: Person): Promise<boolean> {
  if (person.roles.includes('customer_service')) return true;
  return (await listDepartmentMembers(db, { activeOnly: true })).some(
    (m) => m.department === 'customer_service' && m.personId === person.id,
  );
}

async function accessOf(db: Db, person: Person, c: Complaint, day: string): Promise<Access | null> {
  if (await mayActOn(db, person, itemOf(c), day)) return 'act';
  if (await isCustomerService(db, person)) return 'callback';
  if ((await centersFor(db, person, day)).some((x) => x.code === c.centerCode)) return 'view';
  return null;
}

/** The next step's form or button, by status, for a reader who may take it (none for one who may only see it). */
function nextStep(c: Complaint, today: string, access: Access | null): CardElement[] {
  const ctx = { today };
  if (c.status === 'fixed' && (access === 'act' || access === 'callback'))
    return [formElement(callbackForm, ctx, { submit: { a: 'complaint.callback', id: c.id, n: nonce() }, submitText: '提交回访' })];
  if (access !== 'act') return [];
  switch (c.status) {
    case 'received':
    case 'reopened':
      if (!c.inRemit)
        return [formElement(answerForm, ctx, { submit: { a: 'complaint.answer', id: c.id, n: nonce() }, submitText: '提交并结案' })];
      return [formElement(planForm, ctx, { submit: { a: 'complaint.plan', id: c.id, n: nonce() }, submitText: '提交方案' })];
    case 'planned':
      return [fixedButton({ a: 'complaint.fixed', id: c.id, n: nonce() })];
    default:
      return [];
  }
}

async function complaintCardOf(db: Db, c: Complaint, now: Date, person: Person): Promise<Card> {
  const today = shanghaiDay(now);
  return complaintCard(await viewOf(db, c), nextStep(c, today, await accessOf(db, person, c, today)));
}

/** Customer service follows each step: one line in its chat with a button for the complaint's card (the actor excepted). */
async function tellCustomerService(
  tx: Db,
  ctx: Parameters<CardActionHandler>[1],
  c: Complaint,
  step: { key: string; line: string },
  actorId: string,
  now: Date,
) {
  const rule = complaintRule(ctx.rules.book);
  if (!rule) return;
  const view = await viewOf(tx, c);
  for (const r of await recipientsFor(tx, [{ ...rule, recipients: ['customer_service'] }], c.centerCode, shanghaiDay(now), { all: true })) {
    if (r.openId && r.id !== actorId)
      await enqueue(
        tx,
        now,
        cardToPerson(`complaint:${c.id}:step:${step.key}:${r.id}`, r.openId, complaintStepCard(view, step.line), `complaint:${c.id}`),
      );
  }
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

/** 投诉 in chat: how many of one's centers' complaints are open, newest first, a page at a time, and a button to register one. */
export async function complaintsCardFor(db: Db, actor: Person, now: Date, page = 1): Promise<Card> {
  const centers = await centersFor(db, actor, shanghaiDay(now));
  const registerValue = { a: 'complaint.new' };
  if (centers.length === 0) return complaintListCard({ items: [], total: 0, page: 1, pages: 1, registerValue });
  const where = and(
    inArray(
      complaints.centerCode,
      centers.map((c) => c.code),
    ),
    ne(complaints.status, 'closed'),
  );
  const total = Number((await db.select({ n: count() }).from(complaints).where(where))[0]?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / COMPLAINT_PAGE));
  const p = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const open = await db
    .select()
    .from(complaints)
    .where(where)
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(COMPLAINT_PAGE)
    .offset((p - 1) * COMPLAINT_PAGE);
  return complaintListCard({
    items: open.map((c) => ({
      text: `#${c.id} ${c.owner}（${c.household}）：${c.what.slice(0, 30)}`,
      value: { a: 'complaint.send', id: c.id },
    })),
    total,
    page: p,
    pages,
    registerValue,
    // a nonce per button: paging back and forth is a new click each time
    moreValue: p < pages ? { a: 'complaint.list', p: p + 1, n: nonce() } : undefined,
    backValue: p > 1 ? { a: 'complaint.list', p: p - 1, n: nonce() } : undefined,
  });
}

/** 更多 / 上一页 on the 投诉 list: the clicked card becomes that page, computed now. */
export const showComplaintList: CardActionHandler = async (tx, _ctx, input) => ({
  card: { type: 'raw', data: await complaintsCardFor(tx, input.person, input.now, Number(input.value.p)) },
});

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
  const rule = complaintRule(ctx.rules.book);
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
  } else await tellCustomerService(tx, ctx, c, { key: 'received', line: view.history.at(-1)! }, input.person.id, input.now);
  if (manager.personId !== input.person.id) {
    const m = await getPersonById(tx, manager.personId);
    if (m?.openId)
      await enqueue(
        tx,
        input.now,
        cardToPerson(`complaint:${c.id}:assigned`, m.openId, complaintCard(view, nextStep(c, today, 'act')), `complaint:${c.id}`),
      );
  }
  // the registrant's card: the next step only if theirs to take (customer service registers, the manager plans)
  return {
    toast: { type: 'success', content: COMPLAINT_TEXT.registered },
    card: { type: 'raw', data: complaintCard(view, nextStep(c, today, await accessOf(tx, input.person, c, today))) },
  };
};

/** A complaint as an open item: its center's manager of the day answers for it (a handover moves it, the row stays). */
const itemOf = (c: Complaint) => ({ kind: 'complaint' as const, centerCode: c.centerCode, ownerId: c.managerId });

const RANK: Record<Access, number> = { view: 0, callback: 1, act: 2 };

/** The complaint a click names, if the clicker may do what the click needs; else the refusal's words. */
async function loadFor(tx: Db, input: Parameters<CardActionHandler>[2], need: Access): Promise<Complaint | string> {
  const [c] = await tx
    .select()
    .from(complaints)
    .where(eq(complaints.id, Number(input.value.id)));
  if (!c) return COMPLAINT_TEXT.notYours;
  const today = shanghaiDay(input.now);
  const access = await accessOf(tx, input.person, c, today);
  if (access && RANK[access] >= RANK[need]) return c;
  return (await leftCenter(tx, input.person.id, c.centerCode, today)) ? HANDOVER_TEXT.handedOver : COMPLAINT_TEXT.notYours;
}

export const openComplaint: CardActionHandler = async (tx, _ctx, input) => {
  const c = await loadFor(tx, input, 'view');
  if (typeof c === 'string') return error(c);
  return { card: { type: 'raw', data: await complaintCardOf(tx, c, input.now, input.person) } };
};

/**
 * 处理 on a list (投诉, 待办) or a reminder: the complaint with its current step as a NEW message. A card lives 14 days
 * (卡片 JSON 2.0: "卡片可交互和可更新时间统一为 14 天"); a complaint may take weeks, so each step can be had fresh.
 */
export const sendComplaint: CardActionHandler = async (tx, _ctx, input) => {
  const c = await loadFor(tx, input, 'view');
  if (typeof c === 'string') return error(c);
  if (!input.chatId) return error(COMPLAINT_TEXT.notYours);
  await enqueue(
    tx,
    input.now,
    cardToChat(
      `complaint-card:${input.eventId}`,
      input.chatId,
      await complaintCardOf(tx, c, input.now, input.person),
      `card:${input.messageId}`,
    ),
  );
  return { toast: { type: 'success', content: COMPLAINT_TEXT.sent } };
};

/** 「投诉 12」 in chat: that complaint's card, fresh, with its next step for whoever may take it (view only for the others who see it). */
export async function complaintByNumber(db: Db, actor: Person, id: number, now: Date): Promise<Card> {
  const [c] = await db.select().from(complaints).where(eq(complaints.id, id));
  if (!c) return noticeCard(COMPLAINT_TEXT.unknown(id));
  if (!(await accessOf(db, actor, c, shanghaiDay(now)))) return noticeCard(COMPLAINT_TEXT.notYours);
  return complaintCardOf(db, c, now, actor);
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

/** After a step: customer service told in a line (unless `quiet`), the actor's card refreshed, the toast. */
async function afterStep(
  tx: Db,
  ctx: Parameters<CardActionHandler>[1],
  input: Parameters<CardActionHandler>[2],
  moved: Complaint,
  toast: string,
  quiet = false,
): Promise<CardResponse> {
  const view = await viewOf(tx, moved);
  if (!quiet)
    await tellCustomerService(tx, ctx, moved, { key: String(input.value.n), line: view.history.at(-1)! }, input.person.id, input.now);
  return {
    toast: { type: 'success', content: toast },
    card: { type: 'raw', data: await complaintCardOf(tx, moved, input.now, input.person) },
  };
}

async function stale(tx: Db, c: Complaint, input: Parameters<CardActionHandler>[2]): Promise<CardResponse> {
  return {
    toast: { type: 'info', content: COMPLAINT_TEXT.stale },
    card: { type: 'raw', data: await complaintCardOf(tx, c, input.now, input.person) },
  };
}

export const planComplaint: CardActionHandler = async (tx, ctx, input) => {
  const c = await loadFor(tx, input, 'act');
  if (typeof c === 'string') return error(c);
  if (!c.inRemit) return stale(tx, c, input);
  const today = shanghaiDay(input.now);
  const parsed = parseForm(planForm, { today, maxDays: complaintRule(ctx.rules.book)?.max_days }, input.formValue, today);
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
  if (!moved) return stale(tx, c, input);
  return afterStep(tx, ctx, input, moved, COMPLAINT_TEXT.planned);
};

export const fixComplaint: CardActionHandler = async (tx, ctx, input) => {
  const c = await loadFor(tx, input, 'act');
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
  if (!moved) return stale(tx, c, input);
  return afterStep(tx, ctx, input, moved, COMPLAINT_TEXT.fixed);
};

/** The closure goes to the rule's recipients (the quality center and customer service). */
async function reportClosure(tx: Db, ctx: Parameters<CardActionHandler>[1], moved: Complaint, now: Date) {
  const view = await viewOf(tx, moved);
  const rule = complaintRule(ctx.rules.book);
  for (const r of rule ? await recipientsFor(tx, [rule], moved.centerCode, shanghaiDay(now), { all: true }) : []) {
    if (r.openId)
      await enqueue(
        tx,
        now,
        cardToPerson(`complaint:${moved.id}:closed:${r.id}`, r.openId, complaintAlertCard(view, 'closed'), `complaint:${moved.id}`),
      );
  }
}

export const callBackComplaint: CardActionHandler = async (tx, ctx, input) => {
  const c = await loadFor(tx, input, 'callback');
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
  if (!moved) return stale(tx, c, input);
  // a closure is reported to customer service with the quality center (no second line); a reopening is a line
  if (satisfied) await reportClosure(tx, ctx, moved, input.now);
  return afterStep(tx, ctx, input, moved, satisfied ? COMPLAINT_TEXT.closed : COMPLAINT_TEXT.reopened, satisfied);
};

/** Outside the remit: how the owner was answered, or to whom it was passed — and closed. */
export const answerComplaint: CardActionHandler = async (tx, ctx, input) => {
  const c = await loadFor(tx, input, 'act');
  if (typeof c === 'string') return error(c);
  if (c.inRemit) return stale(tx, c, input);
  const today = shanghaiDay(input.now);
  const parsed = parseForm(answerForm, { today }, input.formValue, today);
  if (!parsed.ok) return error(parsed.message);
  const moved = await advance(
    tx,
    c,
    ['received', 'reopened'],
    { status: 'closed', closedAt: input.now },
    'answered',
    input.person.id,
    input.now,
    String(input.value.n),
    parsed.values,
  );
  if (!moved) return stale(tx, c, input);
  await reportClosure(tx, ctx, moved, input.now);
  return afterStep(tx, ctx, input, moved, COMPLAINT_TEXT.closed, true);
};
