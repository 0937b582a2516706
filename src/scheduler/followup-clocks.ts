// Event clocks in each pass: a clock run out tells whom its rule names at expiry (its owner: whoever answers for it today,
// after a handover the center's new manager), with its stop button or its record's form, and books the rule's fine for a
// clock unmet (once); still open `escalate_after_hours` later, it tells whom the rule names at escalation.
import { eq } from 'drizzle-orm';
import { dueFollowUps } from '../db/queries/followups.ts';
import { followups, type FollowUpRow } from '../db/schema/index.ts';
import { fineClock } from '../features/followups/clock-fines.ts';
import { escalationCard, followUpOverdueCard } from '../lark/cards/followup-cards.ts';
import { instantText } from '../lark/cards/format.ts';
import { shanghaiDay } from '../lib/shanghai.ts';
import { escalationDue, followUpRule, stopButton } from '../rules/kinds/follow-up.ts';
import type { FollowUp } from '../rules/rulebook/schema.ts';
import { recipientIds } from './recipients.ts';
import { answererOn } from './recipients.ts';
import type { TickContext } from './tick-context.ts';

/** The people a rule's list names for a clock: `owner` is whoever answers for it today. */
function told(ctx: TickContext, list: FollowUp['expiry_to'], f: FollowUpRow, answerer: string | null, today: string): string[] {
  const ids = list.flatMap((w) => (w === 'owner' ? (answerer ? [answerer] : []) : recipientIds(ctx, w, f.centerCode, today)));
  return [...new Set(ids)];
}

export async function processFollowUps(ctx: TickContext): Promise<number> {
  const { tx, now, mail, rules } = ctx;
  let sent = 0;
  const today = shanghaiDay(now);
  for (const f of await dueFollowUps(tx, now)) {
    const rule = followUpRule(rules.book.rules, f.ruleId);
    if (!rule) continue; // switched off: its clocks tell nobody
    const answerer = answererOn(ctx, { kind: 'clock', centerCode: f.centerCode, ownerId: f.personId }, today);
    if (f.status === 'open') {
      await tx.update(followups).set({ status: 'overdue', remindedAt: now }).where(eq(followups.id, f.id));
      const yuan = await fineClock(tx, rule, f, 'missing', answerer ?? f.personId, now);
      const closeText = stopButton(rule);
      const card = followUpOverdueCard({
        title: rule.title,
        subject: f.subject,
        due: instantText(f.dueAt),
        closeValue: closeText ? { a: 'followup.close', id: f.id } : undefined,
        closeText,
        recordValue: rule.stops?.by === 'form' ? { a: 'followup.record', id: f.id } : undefined,
        yuan,
      });
      for (const r of told(ctx, rule.expiry_to, f, answerer, today)) {
        const key = r === answerer ? `followup:${f.id}:overdue` : `followup:${f.id}:overdue:${r}`;
        if (await mail.toPerson(r, key, card, `followup:${f.id}`)) sent++;
      }
    } else if (!f.escalatedAt && escalationDue(rule, f.dueAt, now)) {
      await tx.update(followups).set({ escalatedAt: now }).where(eq(followups.id, f.id));
      const who = ctx.org.people.get(answerer ?? f.personId)?.name ?? f.personId;
      const center = ctx.org.centers.get(f.centerCode)?.name ?? f.centerCode;
      for (const r of told(ctx, rule.escalate_to, f, answerer, today)) {
        const card = escalationCard({ title: rule.title, subject: f.subject, who, center, due: instantText(f.dueAt) });
        if (await mail.toPerson(r, `followup:${f.id}:escalate:${r}`, card, `followup:${f.id}`, { urgent: true })) sent++;
      }
    }
  }
  return sent;
}
