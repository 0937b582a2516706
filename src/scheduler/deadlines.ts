// Deadlines passing: open → overdue (notice to the person, digest of who is late to the recipients), overdue → missed, quotas closed.
import { shanghaiDay } from '../lib/shanghai.ts';
import { closeQuotas, transitionDue } from '../db/queries/duties.ts';
import type { Duty } from '../db/schema/index.ts';
import { catchUpCard, lateDigestCard, overdueCard, shortfallCard } from '../lark/cards/duty-cards.ts';
import { instantText, periodText } from '../lark/cards/format.ts';
import type { Rule } from '../rules/rulebook/schema.ts';
import { recipientIds } from './recipients.ts';
import { bookDeadlinePenalty, bookJointAbsence, bookShortfall } from '../features/scores/book-entries.ts';
import type { TickContext } from './tick-context.ts';

/** A deadline passed longer ago than this (downtime, first start) is not announced one by one but in the catch-up card. */
export const FRESH_MS = 2 * 3600_000;

function penaltyText(rule: Rule): string | undefined {
  const late = rule.penalty.late;
  if (!late) return undefined;
  const parts = [late.yuan ? `迟交或未交罚款 ${late.yuan} 元` : '', late.points ? `扣 ${late.points} 分` : ''].filter(Boolean);
  return parts.length ? parts.join('，') : undefined;
}

export interface DeadlineReport {
  overdue: number;
  missed: number;
  done: number;
  short: number;
}

export async function processDeadlines(ctx: TickContext): Promise<DeadlineReport> {
  const { tx, now, mail } = ctx;
  const overdue = await transitionDue(tx, ['deadline', 'anchored'], 'open', 'overdue', 'dueAt', now, { overdueAt: now });
  const fresh = overdue.filter((d) => now.getTime() - d.dueAt.getTime() <= FRESH_MS);
  const stale = overdue.filter((d) => now.getTime() - d.dueAt.getTime() > FRESH_MS);

  for (const d of fresh) {
    const rule = d.terms as Rule;
    await mail.toPerson(d.personId, `overdue:${d.key}`, overdueCard({ title: rule.title, due: instantText(d.dueAt), period: periodText(d.periodKey), penalty: penaltyText(rule) }), `duty:${d.key}`);
  }
  await sendDigests(ctx, fresh);

  // after a gap: one card per person listing what passed while the bot was away
  const stalePeople = new Map<string, Duty[]>();
  for (const d of stale) stalePeople.set(d.personId, [...(stalePeople.get(d.personId) ?? []), d]);
  for (const [personId, list] of stalePeople) {
    const items = list.map((d) => ({ title: (d.terms as Rule).title, due: instantText(d.dueAt), period: periodText(d.periodKey) }));
    await mail.toPerson(personId, `catchup:${personId}:${ctx.today}`, catchUpCard({ items }), 'scheduler:catch-up');
  }

  const missed = await transitionDue(tx, ['deadline', 'anchored'], 'overdue', 'missed', 'closesAt', now, { closedAt: now });
  for (const d of missed) {
    await bookDeadlinePenalty(tx, d, 'missing', now);
    if (d.ruleId === 'quality.joint_inspection') await bookJointAbsence(tx, ctx.rules.book, d, now);
  }

  const quotas = await closeQuotas(tx, now);
  for (const q of quotas) {
    const rule = q.terms as Rule & { notify_shortfall?: boolean };
    if (q.status === 'short') await bookShortfall(tx, q, now);
    const recent = now.getTime() - q.dueAt.getTime() <= 24 * 3600_000;
    if (q.status === 'short' && rule.notify_shortfall && recent) {
      await mail.toPerson(q.personId, `shortfall:${q.key}`, shortfallCard({ title: rule.title, progress: `${q.progress}/${q.target}`, period: periodText(q.periodKey) }), `duty:${q.key}`);
    }
  }
  return {
    overdue: overdue.length,
    missed: missed.length,
    done: quotas.filter((q) => q.status === 'done').length,
    short: quotas.filter((q) => q.status === 'short').length,
  };
}

/** One digest per recipient per rule and deadline, listing the late people of the centers that recipient covers. */
async function sendDigests(ctx: TickContext, late: Duty[]): Promise<void> {
  const groups = new Map<string, Duty[]>();
  for (const d of late) {
    const rule = d.terms as Rule;
    if (!('digest' in rule) || !rule.digest || rule.recipients.length === 0) continue;
    const key = `${d.ruleId}|${d.dueAt.toISOString()}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [groupKey, list] of groups) {
    const rule = list[0]!.terms as Rule;
    const perRecipient = new Map<string, Duty[]>();
    for (const d of list) {
      for (const who of rule.recipients) {
        for (const id of recipientIds(ctx, who, d.centerCode, shanghaiDay(d.dueAt))) {
          if (id === d.personId) continue;
          perRecipient.set(id, [...(perRecipient.get(id) ?? []), d]);
        }
      }
    }
    for (const [recipient, duties] of perRecipient) {
      const lateList = duties.map((d) => ({ name: ctx.org.people.get(d.personId)?.name ?? d.personId, center: ctx.org.centers.get(d.centerCode)?.name ?? d.centerCode }));
      await ctx.mail.toPerson(recipient, `digest:${groupKey}:${recipient}`, lateDigestCard({ title: rule.title, due: instantText(list[0]!.dueAt), late: lateList }), `digest:${groupKey}`);
    }
  }
}
