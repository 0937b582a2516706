// Forms asked for in chat: the right form for the person (their duty, prefilled; its receipt when already filed), and 周报.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { submissions, type Duty, type Person } from '../../db/schema/index.ts';
import { dueText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { pickCard, RECORD_TEXT } from '../../lark/cards/record-cards.ts';
import { noticeCard } from '../../lark/cards/kit.ts';
import { shanghaiDay, shanghaiTime } from '../../lib/shanghai.ts';
import type { Rule, Rulebook } from '../../rules/rulebook/schema.ts';
import type { Prefill } from '../forms/fields.ts';
import { formForRule } from './form-registry.ts';
import { dutyForFiling, recordFormCard } from './open-form.ts';
import { currentReceipt } from './receipt.ts';
import { loadRecordContext, postOf } from './record-context.ts';
import type { RecordContext, RecordForm } from './record-form.ts';

/**
 * Dates of things done default to today; numbers to the last record of the same form (last week's figures); then what the
 * form itself says (a night check opened in the morning is last night's).
 */
async function prefillFor(db: Db, form: RecordForm, personId: string, rc: RecordContext, now: Date): Promise<Prefill> {
  const prefill: Prefill = {};
  const fields = form.fields(rc);
  for (const f of fields) if (f.kind === 'date' && f.notFuture) prefill[f.name] = rc.today;
  if (fields.some((f) => f.kind === 'number')) {
    const [last] = await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.personId, personId), eq(submissions.formId, form.id), isNull(submissions.supersededAt)))
      .orderBy(desc(submissions.filedAt))
      .limit(1);
    for (const f of fields)
      if (f.kind === 'number' && typeof last?.values[f.name] === 'number') prefill[f.name] = last.values[f.name] as number;
  }
  return { ...prefill, ...form.prefill?.(rc, shanghaiTime(now)) };
}

/** The form a person asked for by name, for the duty it meets (or as a plain record for quotas and events). */
export async function formForActor(db: Db, book: Rulebook, actor: Person, form: RecordForm, now: Date): Promise<Card> {
  const today = shanghaiDay(now);
  const post = await postOf(db, actor.id, today);
  if (!post) return noticeCard(RECORD_TEXT.noPost);
  const rules = form.rules.map((id) => book.rules.find((r) => r.id === id)).filter((r): r is Rule => Boolean(r?.enabled));
  const mine = rules.filter((r) => r.kind === 'follow_up' || r.owner === post.role);
  if (mine.length === 0) return noticeCard(RECORD_TEXT.noDuty(form.title));
  const onlyDeadlines = mine.every((r) => r.kind === 'deadline' || r.kind === 'anchored');
  // already filed for the period running now, deadline ahead: its receipt, fresh, with 修改 (an old card expires in 14 days)
  const receipt = onlyDeadlines ? await currentReceipt(db, actor, form, now) : null;
  if (receipt) return receipt;
  const duty = await dutyForFiling(
    db,
    actor.id,
    mine.map((r) => r.id),
    today,
  );
  if (!duty && onlyDeadlines) return noticeCard(RECORD_TEXT.noDuty(form.title));
  const rc = await loadRecordContext(db, actor.id, duty?.centerCode ?? post.centerCode, today, duty?.periodKey);
  if (!rc) return noticeCard(RECORD_TEXT.noPost);
  return recordFormCard(
    { form, ownerId: actor.id, centerCode: rc.center.code, duty },
    rc,
    now,
    await prefillFor(db, form, actor.id, rc, now),
  );
}

/** The form card for a duty (from a 待办 button or a pick card), for its owner or someone who may file for them. */
export async function formForDuty(db: Db, duty: Duty, now: Date): Promise<Card | null> {
  const form = formForRule(duty.ruleId);
  if (!form) return null;
  const rc = await loadRecordContext(db, duty.personId, duty.centerCode, shanghaiDay(now), duty.periodKey);
  if (!rc) return null;
  return recordFormCard(
    { form, ownerId: duty.personId, centerCode: duty.centerCode, duty: duty.kind === 'quota' ? null : duty },
    rc,
    now,
    await prefillFor(db, form, duty.personId, rc, now),
  );
}

/** 周报: which of this week's reports to file. */
export async function weeklyPick(db: Db, person: Person, book: Rulebook, now: Date): Promise<Card> {
  const today = shanghaiDay(now);
  const weekly = book.rules.filter((r) => r.kind === 'deadline' && r.cadence.every === 'week').map((r) => r.id);
  const options = [];
  for (const id of weekly) {
    const d = await dutyForFiling(db, person.id, [id], today);
    if (d && formForRule(d.ruleId))
      options.push({ text: `${(d.terms as Rule).title}（截止 ${dueText(d.dueAt, now)}）`, value: { a: 'record.open', d: d.id } });
  }
  return pickCard({ title: '提交周报', options });
}
