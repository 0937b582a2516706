// 扣分: the quality center records assessment points against a center (its manager jointly liable), or a red line, escalated at once.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn, listCenters } from '../../db/queries/org.ts';
import { deductions, type Person } from '../../db/schema/index.ts';
import type { CardActionHandler } from '../../lark/card-actions/types.ts';
import { dayText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import { deductionNoticeCard, deductionRecordedCard, QUALITY_TEXT, redlineEscalationCard } from '../../lark/cards/quality-cards.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import type { Deduction, Rulebook } from '../../rules/rulebook/schema.ts';
import { recipientsFor } from '../records/record-recipients.ts';
import { formCard, parseForm, type FormDef } from '../forms/form.ts';
import { isQualityCenter } from './quality-center.ts';
import { centerField, resolveCenter } from '../centers/center-choice.ts';
import { bookDeduction } from '../scores/book-entries.ts';

interface DeductionContext {
  centers: { code: string; name: string }[];
  items: Deduction[];
  today: string;
}

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
    { kind: 'text', name: 'note', label: '说明', required: false, max: 200 },
  ],
};

async function contextFor(db: Db, book: Rulebook, now: Date): Promise<DeductionContext> {
  const items = book.rules.filter((r): r is Deduction => r.kind === 'deduction' && r.enabled && !r.rollup);
  return {
    centers: (await listCenters(db, { activeOnly: true })).map((c) => ({ code: c.code, name: c.name })),
    items,
    today: shanghaiDay(now),
  };
}

export async function deductionCardFor(db: Db, book: Rulebook, actor: Person, now: Date): Promise<Card> {
  if (!(await isQualityCenter(db, actor))) return noticeCard(QUALITY_TEXT.notQuality);
  const ctx = await contextFor(db, book, now);
  if (ctx.centers.length === 0) return noticeCard(QUALITY_TEXT.noCenters);
  return formCard(deductionForm, ctx, {
    submit: { a: 'quality.deduct', n: randomBytes(6).toString('hex') },
    prefill: { count: 1, day: ctx.today },
    submitText: '记录',
  });
}

export const recordDeduction: CardActionHandler = async (tx, app, input) => {
  if (!(await isQualityCenter(tx, input.person))) return { toast: { type: 'error', content: QUALITY_TEXT.notQuality } };
  const ctx = await contextFor(tx, app.rules.book, input.now);
  const parsed = parseForm(deductionForm, ctx, input.formValue, ctx.today);
  if (!parsed.ok) return { toast: { type: 'error', content: parsed.message } };
  const center = resolveCenter(ctx.centers, parsed.values.center, '服务中心');
  if (!center.ok) return { toast: { type: 'error', content: center.message } };
  const v = { ...parsed.values, center: center.code } as { center: string; item: string; count: number; day: string; note: string | null };
  const rule = ctx.items.find((r) => r.id === v.item)!;
  const manager = (await listCenterRolesOn(tx, v.day)).find((r) => r.role === 'manager' && r.centerCode === v.center);
  const person = manager ? await getPersonById(tx, manager.personId) : null;
  if (!person) return { toast: { type: 'error', content: '服务中心：该日期没有在任经理' } };
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
  const centerName = ctx.centers.find((c) => c.code === v.center)!.name;
  const recorded = deductionRecordedCard({
    center: centerName,
    manager: person.name,
    item: rule.title,
    count: v.count,
    points,
    redline: rule.redline,
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
    // a red line goes at once to the leader in charge and the admins, buzzing them, whatever the hour
    for (const r of await recipientsFor(tx, [rule], v.center, v.day, { all: true })) {
      if (!r.openId) continue;
      await enqueue(
        tx,
        input.now,
        cardToPerson(
          `redline:${row.id}:${r.id}`,
          r.openId,
          redlineEscalationCard({ center: centerName, manager: person.name, item: rule.title, day: dayText(v.day), note: v.note }),
          source,
          { urgentTo: [r.openId] },
        ),
      );
    }
  }
  return { toast: { type: 'success', content: QUALITY_TEXT.recorded }, card: { type: 'raw', data: recorded } };
};
