// The fine of a follow-up clock not met in time: booked once per clock, at its expiry or at its late close, whichever comes first.
import type { Db } from '../../db/client.ts';
import { bookLedger } from '../../db/queries/followups.ts';
import type { FollowUpRow } from '../../db/schema/index.ts';
import { dayText } from '../../lark/cards/format.ts';
import { FOLLOWUP_TEXT } from '../../lark/cards/followup-cards.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { hoursOf } from '../../rules/kinds/follow-up.ts';
import type { FollowUp } from '../../rules/rulebook/schema.ts';

/**
 * Books the rule's fine of a clock (late: met late; missing: run out unmet) on the day `now`, charged to `personId`;
 * returns the yuan booked, or null when the rule fines nothing or the clock's fine was booked before.
 */
export async function fineClock(
  tx: Db,
  rule: FollowUp,
  f: FollowUpRow,
  how: 'late' | 'missing',
  personId: string,
  now: Date,
): Promise<number | null> {
  const fine = rule.penalty[how];
  if (!fine || (fine.yuan === 0 && fine.points === 0)) return null;
  const booked = await bookLedger(tx, {
    // one key for both: a clock run out and then met late is fined once
    key: `${rule.id}|followup:${f.id}|late`,
    ruleId: rule.id,
    personId,
    centerCode: f.centerCode,
    yuan: fine.yuan,
    points: fine.points,
    day: shanghaiDay(now),
    reason: FOLLOWUP_TEXT.fineReason({
      day: dayText(shanghaiDay(f.startedAt)),
      title: rule.title,
      subject: f.subject,
      hours: rule.due_field ? null : hoursOf(rule),
      met: how === 'late',
    }),
    sourceType: 'followup',
    sourceId: String(f.id),
    createdAt: now,
  });
  return booked ? fine.yuan : null;
}
