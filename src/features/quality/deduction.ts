// 扣分: the quality center records assessment points against a center (its manager jointly liable), or a red line —
// described in writing and confirmed a second time — escalated at once.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn, listCenters } from '../../db/queries/org.ts';
import { deductions, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler, CardActionInput, CardResponse } from '../../lark/card-actions/types.ts';
import { dayText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import {
  deductionNoticeCard,
  deductionRecordedCard,
  QUALITY_TEXT,
  redlineConfirmCard,
  redlineEscalationCard,
} from '../../lark/cards/quality-cards.ts';
import { TOASTS } from '../../lark/cards/toasts.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import type { Deduction, Rulebook } from '../../rules/rulebook/schema.ts';
import { recipientsFor } from '../records/record-recipients.ts';
import type { Prefill } from '../forms/fields.ts';
import { formCard, parseForm, type FormDef } from '../forms/form.ts';
import { isQualityCenter } from './quality-center.ts';
import { centerField, resolveCenter } from '../centers/center-choice.ts';
import { bookDeduction } from '../scores/book-entries.ts';

interface DeductionContext {
  centers: { code: string; name: string }[];
  items: Deduction[];
  today: string;
}

/** A red line removes a manager at once: it is booked only with a written description of at least this many characters. */
const REDLINE_NOTE_MIN = 10;

export const deductionForm: FormDef<DeductionContext> = {
  id: 'deduction',
  title: '记录扣分',
  fields: (ctx) => [
    centerField(ctx.centers, { name: 'center', label: '服务中心' }),
    {
      kind: 'select',
      name: 'item',
      label: '扣分项',
      options: ctx.items.map((r) => ({ value: r.id, label: r.redline ? `${r.title}（底线）` : `${r.title}（每次 ${r.points} 分）` })),
    },
    { kind: 'number', name: 'count', label: '次数 / 人数', integer: true, min: 1, max: 50 },
    { kind: 'date', name: 'day', label: '发现日期', notFuture: true },
    { kind: 'text', name: 'note', label: '说明', required: false, max: 200, multiline: true, placeholder: QUALITY_TEXT.notePlaceholder },
  ],
  check: (values, ctx) => {
    const redline = ctx.items.find((r) => r.id === values.item)?.redline;
    const written = String(values.note ?? '').replace(/\s/g, '').length;
    return redline && written < REDLINE_NOTE_MIN ? QUALITY_TEXT.redlineNote(REDLINE_NOTE_MIN) : null;
  },
};

async function contextFor(db: Db, book: Rulebook, now: Date): Promise<DeductionContext> {
  const items = book.rules.filter((r): r is Deduction => r.kind === 'deduction' && r.enabled && !r.rollup);
  return {
    centers: (await listCenters(db, { activeOnly: true })).map((c) => ({ code: c.code, name: c.name })),
    items,
    today: shanghaiDay(now),
  };
}

function deductionFormCard(ctx: DeductionContext, nonce: string, prefill: Prefill): Card {
  return formCard(deductionForm, ctx, { submit: { a: 'quality.deduct', n: nonce }, prefill, submitText: '记录' });
}

export async function deductionCardFor(db: Db, book: Rulebook, actor: Person, now: Date): Promise<Card> {
  if (!(await isQualityCenter(db, actor))) return noticeCard(QUALITY_TEXT.notQuality);
  const ctx = await contextFor(db, book, now);
  if (ctx.centers.length === 0) return noticeCard(QUALITY_TEXT.noCenters);
  return deductionFormCard(ctx, randomBytes(6).toString('hex'), { count: 1, day: ctx.today });
}

interface Checked {
  v: { center: string; item: string; count: number; day: string; note: string | null };
  rule: Deduction;
  centerName: string;
  person: Person;
}

/** The form's values checked, as submitted or as the red line's confirmation card carries them back; or the toast's message. */
async function readDeduction(tx: Db, ctx: DeductionContext, formValue: Record<string, unknown> | undefined): Promise<Checked | string> {
  const parsed = parseForm(deductionForm, ctx, formValue, ctx.today);
  if (!parsed.ok) return parsed.message;
  const center = resolveCenter(ctx.centers, parsed.values.center, '服务中心');
  if (!center.ok) return center.message;
  const v = { ...parsed.values, center: center.code } as Checked['v'];
  const rule = ctx.items.find((r) => r.id === v.item)!;
  const manager = (await listCenterRolesOn(tx, v.day)).find((r) => r.role === 'manager' && r.centerCode === v.center);
  const person = manager ? await getPersonById(tx, manager.personId) : null;
  if (!person) return QUALITY_TEXT.noManager;
  return { v, rule, centerName: ctx.centers.find((c) => c.code === v.center)!.name, person };
}

/** The checked values as a button carries them (and as the form reads them again). */
const carried = (v: Checked['v']) => ({ center: v.center, item: v.item, count: String(v.count), day: v.day, note: v.note ?? '' });

/**
 * 记录: points are booked at once; a red line is not — its confirmation card comes back first (what, where, the
 * description), and only 确认上报 books it and alerts the leader.
 */
export const recordDeduction: CardActionHandler = async (tx, app, input) => {
  if (!(await isQualityCenter(tx, input.person))) return { toast: { type: 'error', content: QUALITY_TEXT.notQuality } };
  const ctx = await contextFor(tx, app.rules.book, input.now);
  const c = await readDeduction(tx, ctx, input.formValue);
  if (typeof c === 'string') return { toast: { type: 'error', content: c } };
  if (!c.rule.redline) return book(tx, input, c);
  const n = String(input.value.n);
  const confirm = redlineConfirmCard({
    center: c.centerName,
    manager: c.person.name,
    item: c.rule.title,
    day: dayText(c.v.day),
    note: c.v.note ?? '',
    confirm: { a: 'quality.redline', n, ...carried(c.v) },
    back: { a: 'quality.deduct.edit', n, ...carried(c.v) },
  });
  return { card: { type: 'raw', data: confirm } };
};

/** 确认上报: the red line, checked again as carried, booked under the form's nonce (once, however often clicked). */
export const confirmRedline: CardActionHandler = async (tx, app, input) => {
  if (!(await isQualityCenter(tx, input.person))) return { toast: { type: 'error', content: QUALITY_TEXT.notQuality } };
  const ctx = await contextFor(tx, app.rules.book, input.now);
  const c = await readDeduction(tx, ctx, carriedBack(input.value));
  if (typeof c === 'string') return { toast: { type: 'error', content: c } };
  if (!c.rule.redline) return { toast: { type: 'error', content: TOASTS.badCardValue } };
  return book(tx, input, c);
};

/** 返回修改: the form again, as filled, under the same nonce. */
export const editDeduction: CardActionHandler = async (tx, app, input) => {
  if (!(await isQualityCenter(tx, input.person))) return { toast: { type: 'error', content: QUALITY_TEXT.notQuality } };
  const ctx = await contextFor(tx, app.rules.book, input.now);
  const n = String(input.value.n ?? '');
  if (!/^[0-9a-f]{12,32}$/.test(n)) return { toast: { type: 'error', content: TOASTS.formWithoutNonce } };
  return { card: { type: 'raw', data: deductionFormCard(ctx, n, carriedBack(input.value)) } };
};

const carriedBack = (value: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(['center', 'item', 'count', 'day', 'note'].map((k) => [k, typeof value[k] === 'string' ? (value[k] as string) : '']));

/** Books the deduction under the card's nonce; tells the manager; a red line goes at once, buzzing, to the leader and admins. */
async function book(tx: Db, input: CardActionInput, c: Checked): Promise<CardResponse> {
  const { v, rule, person, centerName } = c;
  const points = rule.redline ? 0 : rule.points * v.count;
  const [row] = await tx
    .insert(deductions)
    .values({
      ruleId: rule.id,
      centerCode: v.center,
      personId: person.id,
      count: v.count,
      points,
      note: v.note,
      day: v.day,
      recordedBy: input.person.id,
      recordedAt: input.now,
      nonce: String(input.value.n),
    })
    .onConflictDoNothing()
    .returning();
  const recorded = deductionRecordedCard({
    center: centerName,
    manager: person.name,
    item: rule.title,
    count: v.count,
    points,
    redline: rule.redline,
    note: v.note,
  });
  if (!row) return { toast: { type: 'info', content: '已收到，无需重复提交' }, card: { type: 'raw', data: recorded } };
  const source = `deduction:${row.id}`;
  await bookDeduction(tx, row, rule.title, input.now);
  if (person.openId) {
    await enqueue(
      tx,
      input.now,
      cardToPerson(
        `deduction:${row.id}:${person.id}`,
        person.openId,
        deductionNoticeCard({ item: rule.title, count: v.count, points, day: dayText(v.day), note: v.note, redline: rule.redline }),
        source,
      ),
    );
  }
  if (rule.redline) {
    // a red line goes at once to the leader in charge and the admins, buzzing them, whatever the hour; they resolve it
    // from this card once dealt with
    for (const r of await recipientsFor(tx, [rule], v.center, v.day, { all: true })) {
      if (!r.openId) continue;
      await enqueue(
        tx,
        input.now,
        cardToPerson(
          `redline:${row.id}:${r.id}`,
          r.openId,
          redlineEscalationCard({
            center: centerName,
            manager: person.name,
            item: rule.title,
            day: dayText(v.day),
            note: v.note ?? '',
            resolve: { a: 'redline.resolve.ask', id: row.id },
          }),
          source,
          { urgentTo: [r.openId] },
        ),
      );
    }
  }
  return { toast: { type: 'success', content: QUALITY_TEXT.recorded }, card: { type: 'raw', data: recorded } };
}
