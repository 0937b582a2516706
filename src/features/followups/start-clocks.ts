// After a record is filed: the clocks it stops and the clocks it starts, as each follow-up rule's data says (starts, stops).
import type { Db } from '../../db/client.ts';
import { closeFollowUp, openFollowUpsAt, startFollowUp } from '../../db/queries/followups.ts';
import { followups, type FollowUpRow, type Submission } from '../../db/schema/index.ts';
import { FOLLOWUP_TEXT } from '../../lark/cards/followup-cards.ts';
import { instantText } from '../../lark/cards/format.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { hoursOf, planFromForm, startsByForm, stopButton, stoppedByForm } from '../../rules/kinds/follow-up.ts';
import type { FollowUp, Rule } from '../../rules/rulebook/schema.ts';
import { answererOn } from '../../scheduler/recipients.ts';
import { postsOfCenters } from '../records/authority.ts';
import { recordFormById } from '../records/forms/index.ts';
import type { RecordContext } from '../records/record-form.ts';
import { eq } from 'drizzle-orm';
import { fineClock } from './clock-fines.ts';

const clip = (v: string, n = 30) => (v.length > n ? `${v.slice(0, n)}…` : v);

/**
 * The clock this filing stops: the one its card was sent for (`handed`), else the oldest its filer answers for at the
 * center — of those about `subject` when given (a task filed from chat meets a task handed over only if it is the same task).
 */
async function clockToStop(
  tx: Db,
  rule: FollowUp,
  s: Submission,
  rc: RecordContext,
  now: Date,
  handed?: number,
  subject?: string,
): Promise<FollowUpRow | null> {
  const posts = await postsOfCenters(tx, [rc.center.code]);
  const theirs = (f: FollowUpRow) =>
    answererOn(posts, { kind: 'clock', centerCode: f.centerCode, ownerId: f.personId }, shanghaiDay(now)) === s.personId;
  if (handed) {
    const [f] = await tx.select().from(followups).where(eq(followups.id, handed));
    if (f && f.ruleId === rule.id && f.centerCode === rc.center.code && (f.status === 'open' || f.status === 'overdue') && theirs(f))
      return f;
  }
  return (
    (await openFollowUpsAt(tx, rc.center.code, rule.id)).find((f) => (subject === undefined || clip(f.subject) === subject) && theirs(f)) ??
    null
  );
}

const subjectOf = (rule: FollowUp, plan: { subject: string } | null) => clip(plan?.subject || rule.title);

/** A clock stopped by this filing; late: the rule's fine (once) and a line on the receipt. */
async function stop(tx: Db, rule: FollowUp, f: FollowUpRow, s: Submission, now: Date, notes: string[]): Promise<void> {
  const closed = await closeFollowUp(tx, f.id, now, s.id);
  if (closed?.status !== 'late') return;
  const yuan = await fineClock(tx, rule, closed, 'late', s.personId, now);
  notes.push(FOLLOWUP_TEXT.metLate({ hours: rule.due_field ? null : hoursOf(rule), yuan }));
}

export async function afterFiling(
  tx: Db,
  formId: string,
  s: Submission,
  rc: RecordContext,
  rules: Rule[],
  now: Date,
  handed?: number,
): Promise<string[]> {
  const notes: string[] = [];
  const startsHere = startsByForm(rules, formId);
  // stops first: a form that both starts and stops a rule (a task filed) meets a clock already running for it (a task
  // registered as handed over), if there is one, instead of starting its own
  const metOpen = new Set<string>();
  for (const rule of stoppedByForm(rules, formId)) {
    const alsoStarts = startsHere.find((x) => x.rule.id === rule.id);
    const own = alsoStarts && planFromForm(rule, alsoStarts.start, formId, s.values, now);
    const f = await clockToStop(tx, rule, s, rc, now, handed, alsoStarts ? subjectOf(rule, own ?? null) : undefined);
    if (!f) continue;
    if (alsoStarts) metOpen.add(rule.id);
    await stop(tx, rule, f, s, now, notes);
  }
  for (const { rule, start } of startsHere) {
    if (metOpen.has(rule.id)) continue;
    const plan = planFromForm(rule, start, formId, s.values, now);
    if (!plan) continue;
    const clock = await startFollowUp(tx, {
      key: `${rule.id}|record:${s.id}`,
      ruleId: rule.id,
      centerCode: rc.center.code,
      personId: s.personId,
      subject: subjectOf(rule, plan),
      startedAt: plan.startedAt,
      dueAt: plan.dueAt,
      sourceSubmissionId: s.id,
    });
    if (!clock) continue;
    if (rule.stops?.by === 'form' && rule.stops.form === formId) {
      await stop(tx, rule, clock, s, now, notes); // filed = met (late when the event was longer ago than the clock)
      continue;
    }
    const due = instantText(plan.dueAt);
    const button = stopButton(rule);
    const stopForm = rule.stops?.by === 'form' ? recordFormById(rule.stops.form) : undefined;
    if (button) notes.push(FOLLOWUP_TEXT.byClick({ due, button, morning: rule.morning }));
    else if (stopForm) notes.push(FOLLOWUP_TEXT.byForm({ due, form: stopForm.title, now: plan.dueAt.getTime() <= now.getTime() }));
  }
  return notes;
}
