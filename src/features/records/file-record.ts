// Files one record, in the caller's transaction: stored once (nonce), versions kept, the deadline met or marked late,
// quota progress counted, and the record forwarded to whom its rule names.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getSubmissionByNonce, insertSubmission, linkAndCount, openQuotaDuties, recordsOfDay, supersede } from '../../db/queries/records.ts';
import { duties, type Duty, type Person, type Submission } from '../../db/schema/index.ts';
import { instantText, periodText } from '../../lark/cards/format.ts';
import { durationText, forwardCard } from '../../lark/cards/record-cards.ts';
import { shanghaiDay, shanghaiInstant } from '../../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import type { Rule, Rulebook } from '../../rules/rulebook/schema.ts';
import { recipientsFor } from './record-recipients.ts';
import type { RecordContext, RecordForm } from './record-form.ts';
import { coverageWarnings } from './coverage.ts';
import { afterFiling } from '../followups/start-clocks.ts';
import { bookDeadlinePenalty } from '../scores/book-entries.ts';
import { settleReminderCards } from './settle-reminders.ts';

export interface FileInput {
  form: RecordForm;
  rc: RecordContext;
  /** whose record it is */
  owner: Person;
  /** who filed it */
  actor: Person;
  /** the deadline duty it meets (kind deadline/anchored), if any */
  duty: Duty | null;
  values: Record<string, unknown>;
  nonce: string;
  messageId: string | null;
  now: Date;
  /** the version this one replaces */
  editOf?: Submission;
  /** the rules it files, as in force (the duty's terms when there is a duty) */
  rules: Rule[];
  /** the whole rulebook in force: a record may start or stop the clock of another rule (a forum → its problem list) */
  book: Rulebook;
}

export interface FileResult {
  submission: Submission;
  duplicate: boolean;
  timing: string;
  late: boolean;
  progress: string[];
  warnings: string[];
}

export function timingOf(s: Pick<Submission, 'onTime' | 'lateByMs'>, duty: Pick<Duty, 'dueAt'> | null, now: Date): { timing: string; late: boolean } {
  if (!duty || s.onTime === null) return { timing: '已记录', late: false };
  if (s.onTime) return { timing: `按时提交（截止 ${instantText(duty.dueAt)}）`, late: false };
  return { timing: `迟交 ${durationText(s.lateByMs ?? now.getTime() - duty.dueAt.getTime())}`, late: true };
}

export async function fileRecord(tx: Db, input: FileInput): Promise<FileResult> {
  const { form, rc, owner, actor, duty, values, nonce, now } = input;
  const isDeadline = duty !== null && (duty.kind === 'deadline' || duty.kind === 'anchored');
  const onTime = isDeadline ? now.getTime() <= duty.dueAt.getTime() : null;
  const inserted = await insertSubmission(tx, {
    formId: form.id,
    personId: owner.id,
    filedBy: actor.id,
    centerCode: rc.center.code,
    dutyId: isDeadline ? duty.id : null,
    values,
    filedAt: now,
    onTime,
    lateByMs: onTime === false ? now.getTime() - duty!.dueAt.getTime() : null,
    version: input.editOf ? input.editOf.version + 1 : 1,
    supersedesId: input.editOf?.id ?? null,
    sourceMessageId: input.messageId,
    nonce,
  });
  if (!inserted) {
    // the same form submitted twice (double click, a re-sent callback): the first record stands
    const first = (await getSubmissionByNonce(tx, form.id, nonce))!;
    return { submission: first, duplicate: true, ...timingOf(first, duty, now), progress: [], warnings: [] };
  }
  if (input.editOf) await supersede(tx, input.editOf.id, now);

  if (isDeadline && (duty.status === 'open' || duty.status === 'overdue' || duty.status === 'missed' || duty.status === 'done' || duty.status === 'late')) {
    await tx
      .update(duties)
      .set({ status: onTime ? 'done' : 'late', doneAt: now })
      .where(eq(duties.id, duty.id));
    if (!onTime) await bookDeadlinePenalty(tx, duty, 'late', now);
  }

  // quotas this record counts towards: the owner's open ones of the form's rules, in the period that contains today
  const today = shanghaiDay(now);
  const progress: string[] = [];
  for (const q of await openQuotaDuties(tx, owner.id, form.rules, today)) {
    const n = await linkAndCount(tx, inserted.id, q.id);
    progress.push(`${(q.terms as Rule).title} ${periodText(q.periodKey)} ${n}/${q.target}`);
  }

  const warnings = await coverageWarnings(tx, form, rc, owner.id, today, shanghaiInstant(today, '00:00'), now);
  if (!input.editOf) warnings.push(...(await afterFiling(tx, form.id, inserted, rc, input.book.rules, now)));
  const timing = timingOf(inserted, isDeadline ? duty : null, now);
  await forward(tx, input, inserted, timing, isDeadline ? duty : null);
  if (isDeadline && !input.editOf) await settleReminderCards(tx, duty, { ...timing, filedAt: instantText(now), submissionId: inserted.id, fromMessageId: input.messageId }, now);
  return { submission: inserted, duplicate: false, ...timing, progress, warnings };
}

/** The record, readable, to the rule's recipients (reports and event records; daily quotas stay with their owner). */
async function forward(tx: Db, input: FileInput, s: Submission, timing: { timing: string; late: boolean }, duty: Duty | null): Promise<void> {
  const { form, rc, owner, actor, now } = input;
  const ids = await recipientsFor(tx, duty ? [duty.terms as Rule] : input.rules, rc.center.code, shanghaiDay(now));
  const content = forwardCard({
    title: form.title,
    who: owner.name,
    center: rc.center.name,
    ...timing,
    filedAt: instantText(now),
    lines: form.lines(s.values, rc),
    edited: s.version > 1,
    filedBy: actor.id !== owner.id ? actor.name : undefined,
  });
  for (const r of ids) {
    if (r.id === owner.id || !r.openId) continue;
    await enqueue(tx, now, cardToPerson(`forward:${s.id}:${r.id}`, r.openId, content, `record:${s.id}`));
  }
}

export { recordsOfDay };
