// Event clocks in each pass: a clock run out tells whoever answers for it today (its owner, or after a handover the center's
// new manager), with a button to close it where it closes by a click, then escalates to whom the rule names a day later;
// penalties of clocks are booked when they are met late.
import { eq } from 'drizzle-orm';
import { dueFollowUps } from '../db/queries/followups.ts';
import { followups } from '../db/schema/index.ts';
import { escalationCard, followUpOverdueCard } from '../lark/cards/followup-cards.ts';
import { instantText } from '../lark/cards/format.ts';
import { shanghaiDay } from '../lib/shanghai.ts';
import type { FollowUp } from '../rules/rulebook/schema.ts';
import { answererOn, recipientIds } from './recipients.ts';
import type { TickContext } from './tick-context.ts';

const ESCALATE_AFTER_MS = 24 * 3600_000;

/** Clocks closed by a click (no record to file): patrol issues verified, staff opinions answered. */
const CLICK_CLOSED: Record<string, string> = { 'quality.patrol_issue': '已整改', 'hr.staff_opinion': '已答复' };

export async function processFollowUps(ctx: TickContext): Promise<number> {
  const { tx, now, mail, rules } = ctx;
  let sent = 0;
  const today = shanghaiDay(now);
  for (const f of await dueFollowUps(tx, now)) {
    // whoever answers for it today: its owner, or the center's new manager after a handover
    const answerer = answererOn(ctx, { kind: 'clock', centerCode: f.centerCode, ownerId: f.personId }, today);
    const rule = rules.book.rules.find((r): r is FollowUp => r.id === f.ruleId && r.kind === 'follow_up');
    if (!rule?.enabled) continue;
    if (f.status === 'open') {
      await tx.update(followups).set({ status: 'overdue', remindedAt: now }).where(eq(followups.id, f.id));
      const closeText = CLICK_CLOSED[f.ruleId];
      const card = followUpOverdueCard({
        title: rule.title,
        subject: f.subject,
        due: instantText(f.dueAt),
        closeValue: closeText ? { a: 'followup.close', id: f.id } : undefined,
        closeText,
      });
      if (answerer && (await mail.toPerson(answerer, `followup:${f.id}:overdue`, card, `followup:${f.id}`))) sent++;
    } else if (!f.escalatedAt && rule.escalate_to.length && now.getTime() - f.dueAt.getTime() >= ESCALATE_AFTER_MS) {
      await tx.update(followups).set({ escalatedAt: now }).where(eq(followups.id, f.id));
      const who = ctx.org.people.get(answerer ?? f.personId)?.name ?? f.personId;
      const center = ctx.org.centers.get(f.centerCode)?.name ?? f.centerCode;
      for (const r of rule.escalate_to.flatMap((w) => recipientIds(ctx, w, f.centerCode, today))) {
        const card = escalationCard({ title: rule.title, subject: f.subject, who, center, due: instantText(f.dueAt) });
        if (await mail.toPerson(r, `followup:${f.id}:escalate:${r}`, card, `followup:${f.id}`, { urgent: true })) sent++;
      }
    }
  }
  return sent;
}
