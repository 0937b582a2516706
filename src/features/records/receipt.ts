// The receipt of a filed record: the card that replaces the form, and the same receipt fetched fresh later (a card lives
// 14 days; before its deadline a record can still be changed, so 「日报」 in chat shows the filed one's receipt with 修改).
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { submissions, duties, type Duty, type Person, type Submission } from '../../db/schema/index.ts';
import { instantText } from '../../lark/cards/format.ts';
import type { Card } from '../../lark/cards/kit.ts';
import { receiptCard } from '../../lark/cards/record-cards.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { standingResult, type FileResult } from './file-record.ts';
import { loadRecordContext } from './record-context.ts';
import type { RecordContext, RecordForm } from './record-form.ts';
import { selectDuties } from '../../db/queries/duties.ts';
import { buttonForRecord } from '../../rules/kinds/follow-up.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';

/** The receipt that replaces a filed form: timing, what was filed, quota progress, and what may come next. */
export function receiptFor(
  form: RecordForm,
  r: FileResult,
  lines: [string, string][],
  owner: Person,
  centerCode: string,
  duty: Duty | null,
  now: Date,
  /** the rules in force: a record that starts a clock stopped by a click carries its button */
  rules: Rule[] = [],
) {
  const button = buttonForRecord(rules, form.id, r.submission.values);
  const deadline = duty && (duty.kind === 'deadline' || duty.kind === 'anchored');
  const canEdit = deadline && now.getTime() < duty.dueAt.getTime();
  return receiptCard({
    title: form.title,
    timing: r.timing,
    late: r.late,
    filedAt: instantText(r.submission.filedAt),
    lines,
    progress: r.progress,
    warnings: r.warnings,
    photos: Boolean(form.photos),
    version: r.submission.version,
    editValue: canEdit ? { a: 'record.edit', s: r.submission.id } : undefined,
    againValue: !deadline ? { a: 'record.again', f: form.id, p: owner.id, c: centerCode } : undefined,
    closeButton: button ? { text: button, value: { a: 'followup.answer', s: r.submission.id } } : undefined,
  });
}

/** The receipt of a record already stored (no progress or warnings: those belong to the moment it was filed). */
export function storedReceipt(
  form: RecordForm,
  s: Submission,
  rc: RecordContext,
  owner: Person,
  duty: Duty | null,
  now: Date,
  duplicate: boolean,
): Card {
  return receiptFor(form, standingResult(s, duty, now, duplicate), form.lines(s.values, rc), owner, s.centerCode, duty, now);
}

/**
 * The receipt of the person's filed record of `form` for the period running now, while it may still be changed (its
 * deadline ahead); null when there is none.
 */
export async function currentReceipt(db: Db, owner: Person, form: RecordForm, now: Date): Promise<Card | null> {
  const today = shanghaiDay(now);
  const [s] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.personId, owner.id), eq(submissions.formId, form.id), isNull(submissions.supersededAt)))
    .orderBy(desc(submissions.filedAt))
    .limit(1);
  if (!s?.dutyId) return null;
  const [duty] = await selectDuties(db).where(eq(duties.id, s.dutyId));
  if (!duty || duty.periodStart > today || now.getTime() >= duty.dueAt.getTime()) return null;
  const rc = await loadRecordContext(db, owner.id, s.centerCode, today, duty.periodKey);
  if (!rc) return null;
  return storedReceipt(form, s, rc, owner, duty, now, false);
}

/**
 * A second live form of a deadline duty already filed (an older card, or a form asked for in chat before the reminder was
 * filed): the receipt of the record that stands, so nothing is filed twice. Null when the duty is not filed yet, or when
 * this is the very card it was filed from (a double click: the nonce's own record answers).
 */
export async function filedReceiptOf(db: Db, form: RecordForm, duty: Duty, owner: Person, nonce: string, now: Date): Promise<Card | null> {
  if ((duty.kind !== 'deadline' && duty.kind !== 'anchored') || (duty.status !== 'done' && duty.status !== 'late')) return null;
  const [s] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.dutyId, duty.id), isNull(submissions.supersededAt)))
    .orderBy(desc(submissions.filedAt))
    .limit(1);
  if (!s || s.nonce === nonce) return null;
  const rc = await loadRecordContext(db, s.personId, s.centerCode, shanghaiDay(now), duty.periodKey);
  if (!rc) return null;
  return storedReceipt(form, s, rc, owner, duty, now, true);
}
