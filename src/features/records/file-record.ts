// Files one record, in the caller's transaction: stored once (nonce), versions kept, the deadline met or marked late,
// quota progress counted, and the record forwarded to whom its rule names.
//
// A deadline duty has at most one live record (a partial unique index says so): filings of one duty take turns on the
// duty's row lock; under it, 修改 of the live record makes the next version before the deadline (refused after it), and
// any other card of a filed duty files nothing (the caller answers with the record that stands).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  getSubmissionByNonce,
  insertSubmission,
  linkAndCount,
  lockDutyForFiling,
  openQuotaDuties,
  supersede,
} from '../../db/queries/records.ts';
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
  /** the clock whose card this record was filed from (a task handed over, its form prefilled) */
  handed?: number;
}

export interface FileResult {
  submission: Submission;
  duplicate: boolean;
  timing: string;
  late: boolean;
  progress: string[];
  warnings: string[];
}

/**
 * Why nothing was filed: the duty's record can no longer change (deadline passed), the version edited was replaced
 * meanwhile, or the duty was filed already from another card (`live`: the record that stands; only 修改 changes it).
 */
export type FileRefusal = { refused: 'past_deadline' | 'superseded' } | { refused: 'filed_before'; live: Submission };

/** A record already stored, as a filing's result: answered again (a double click, a second card) or shown fresh. */
export function standingResult(s: Submission, duty: Duty | null, now: Date, duplicate: boolean): FileResult {
  return { submission: s, duplicate, ...timingOf(s, duty, now), progress: [], warnings: [] };
}

function timingOf(
  s: Pick<Submission, 'onTime' | 'lateByMs'>,
  duty: Pick<Duty, 'dueAt'> | null,
  now: Date,
): { timing: string; late: boolean } {
  if (!duty || s.onTime === null) return { timing: '已记录', late: false };
  if (s.onTime) return { timing: `按时提交（截止 ${instantText(duty.dueAt)}）`, late: false };
  return { timing: `迟交 ${durationText(s.lateByMs ?? now.getTime() - duty.dueAt.getTime())}`, late: true };
}

export async function fileRecord(tx: Db, input: FileInput): Promise<FileResult | FileRefusal> {
  const { form, rc, owner, actor, duty, values, nonce, now } = input;
  const isDeadline = duty !== null && (duty.kind === 'deadline' || duty.kind === 'anchored');
  const onTime = isDeadline ? now.getTime() <= duty.dueAt.getTime() : null;
  // the same card submitted again (double click, a re-sent callback): the first record stands
  const duplicate = async (): Promise<FileResult | null> => {
    const first = await getSubmissionByNonce(tx, form.id, owner.id, nonce);
    return first ? standingResult(first, duty, now, true) : null;
  };

  const replaces = input.editOf ?? null;
  if (isDeadline) {
    // filings of one duty take turns from here to the commit; what is live is read under the lock
    const live = await lockDutyForFiling(tx, duty.id);
    const again = await duplicate();
    if (again) return again;
    if (replaces) {
      if (live?.id !== replaces.id) return { refused: 'superseded' };
      if (!onTime) return { refused: 'past_deadline' };
    } else if (live) {
      return { refused: 'filed_before', live }; // another card of a filed duty: the record stands, 修改 makes a version
    }
  } else {
    const again = await duplicate();
    if (again) return again;
  }
  // an edit racing another edit of the same version: the first wins (the row lock of the update decides)
  if (replaces && !(await supersede(tx, replaces.id, now))) return (await duplicate()) ?? { refused: 'superseded' };

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
    version: replaces ? replaces.version + 1 : 1,
    supersedesId: replaces?.id ?? null,
    sourceMessageId: input.messageId,
    nonce,
  });
  if (!inserted) {
    // the same nonce committed by a concurrent click after our check: nothing of ours may stay (a supersede above)
    if (!replaces) {
      const first = await duplicate();
      if (first) return first;
    }
    throw new Error(`record ${form.id} of ${owner.id}: conflicting filing`);
  }

  if (
    isDeadline &&
    (duty.status === 'open' || duty.status === 'overdue' || duty.status === 'missed' || duty.status === 'done' || duty.status === 'late')
  ) {
    await tx
      .update(duties)
      .set({ status: onTime ? 'done' : 'late', doneAt: now })
      .where(eq(duties.id, duty.id));
    if (!onTime) await bookDeadlinePenalty(tx, duty, 'late', now);
  }

  // quotas this record counts towards: the owner's open ones of the form's rules at its center, in the period that contains today
  const today = shanghaiDay(now);
  const progress: string[] = [];
  for (const q of await openQuotaDuties(tx, owner.id, form.rules, today, rc.center.code)) {
    const n = await linkAndCount(tx, inserted.id, q.id, form.progress && ((records) => form.progress!(records, rc, q.target ?? 0)));
    progress.push(`${(q.terms as Rule).title} ${periodText(q.periodKey)} ${n}/${q.target}`);
  }

  const warnings = await coverageWarnings(tx, form, rc, owner.id, today, shanghaiInstant(today, '00:00'), now, input.rules);
  if (!replaces) warnings.push(...(await afterFiling(tx, form.id, inserted, rc, input.book.rules, now, input.handed)));
  const timing = timingOf(inserted, isDeadline ? duty : null, now);
  await forward(tx, input, inserted, timing, isDeadline ? duty : null);
  if (isDeadline && !replaces)
    await settleReminderCards(
      tx,
      duty,
      { ...timing, filedAt: instantText(now), submissionId: inserted.id, fromMessageId: input.messageId },
      now,
    );
  return { submission: inserted, duplicate: false, ...timing, progress, warnings };
}

/** The record, readable, to the rule's recipients (reports and event records; daily quotas stay with their owner). */
async function forward(
  tx: Db,
  input: FileInput,
  s: Submission,
  timing: { timing: string; late: boolean },
  duty: Duty | null,
): Promise<void> {
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
