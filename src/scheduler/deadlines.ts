// Deadlines passing, per batch of centers: open → overdue (notice to the person), overdue → missed, quotas closed;
// and in the global batch the digests of who is late, once every batch has moved a deadline's duties.
import { periodOf } from '../lib/periods.ts';
import { shanghaiDay } from '../lib/shanghai.ts';
import { closeQuotas, countOpenAt, listOverdueDueBetween, transitionDue } from '../db/queries/duties.ts';
import type { Duty } from '../db/schema/index.ts';
import { catchUpCard, lateDigestCard, overdueCard, overdueListCard, shortfallCard } from '../lark/cards/duty-cards.ts';
import { instantText, periodText } from '../lark/cards/format.ts';
import type { Rule } from '../rules/rulebook/schema.ts';
import { recipientIds } from './recipients.ts';
import { bookDeadlinePenalty, bookJointAbsence, bookShortfall, deadlineFine } from '../features/scores/book-entries.ts';
import type { TickContext } from './tick-context.ts';
import { enqueuedKeys } from '../outbox/enqueue.ts';

/** A deadline passed longer ago than this (downtime, first start) is not announced one by one but in the catch-up card. */
const FRESH_MS = 2 * 3600_000;

function penaltyText(rule: Rule): string | undefined {
  const fine = deadlineFine(rule);
  if (!fine) return undefined;
  const parts = [fine.yuan ? `罚款 ${fine.yuan} 元` : '', fine.points ? `扣 ${fine.points} 分` : ''].filter(Boolean);
  return parts.join('，');
}

/**
 * Duties by person, each list in due order (then key). A list's first key names its one message (`overdue:<key>`,
 * `shortfall:<key>`): the duties of one pass move together in its transaction, so a pass redone after a rollback finds
 * the same first duty, and a later pass never sees it again.
 */
function byPerson(list: Duty[]): Map<string, Duty[]> {
  const out = new Map<string, Duty[]>();
  for (const d of [...list].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key)))
    out
      .set(d.personId, out.get(d.personId) ?? [])
      .get(d.personId)!
      .push(d);
  return out;
}

export interface DeadlineReport {
  overdue: number;
  missed: number;
  done: number;
  short: number;
}

export async function processDeadlines(ctx: TickContext): Promise<DeadlineReport> {
  const { tx, now, mail } = ctx;
  const centers = ctx.batch?.centers;
  const overdue = await transitionDue(tx, ['deadline', 'anchored'], 'open', 'overdue', 'dueAt', now, { overdueAt: now }, centers);
  // the fine is certain at the deadline: booked now (its period's announcement includes it), once per duty
  for (const d of overdue) await bookDeadlinePenalty(tx, d, 'missing', now);
  const fresh = overdue.filter((d) => now.getTime() - d.dueAt.getTime() <= FRESH_MS);
  const stale = overdue.filter((d) => now.getTime() - d.dueAt.getTime() > FRESH_MS);

  // one notice per person and pass: the duty's own, or one listing every deadline that just passed for them
  for (const list of byPerson(fresh).values()) {
    const notice = list.map((d) => ({
      title: (d.terms as Rule).title,
      due: instantText(d.dueAt),
      period: periodText(d.periodKey),
      penalty: penaltyText(d.terms as Rule),
    }));
    const first = list[0]!;
    await mail.toPerson(
      first.personId,
      `overdue:${first.key}`,
      list.length === 1 ? overdueCard(notice[0]!) : overdueListCard({ items: notice }),
      list.length === 1 ? `duty:${first.key}` : 'scheduler:overdue',
    );
  }

  // after a gap: one card per person listing what passed while the bot was away
  for (const [personId, list] of byPerson(stale)) {
    const items = list.map((d) => ({ title: (d.terms as Rule).title, due: instantText(d.dueAt), period: periodText(d.periodKey) }));
    await mail.toPerson(personId, `catchup:${personId}:${ctx.today}`, catchUpCard({ items }), 'scheduler:catch-up');
  }

  const missed = await transitionDue(tx, ['deadline', 'anchored'], 'overdue', 'missed', 'closesAt', now, { closedAt: now }, centers);
  for (const d of missed) {
    await bookDeadlinePenalty(tx, d, 'missing', now); // booked at the deadline already (absorbed); kept for duties overdue before that
    if (d.ruleId === 'quality.joint_inspection') await bookJointAbsence(tx, ctx.rules.book, d, now);
  }

  const quotas = await closeQuotas(tx, now, centers);
  const notify: Duty[] = [];
  for (const q of quotas) {
    const rule = q.terms as Rule & { notify_shortfall?: boolean };
    if (q.status === 'short') await bookShortfall(tx, q, now);
    const recent = now.getTime() - q.dueAt.getTime() <= 24 * 3600_000;
    if (q.status === 'short' && rule.notify_shortfall && recent) notify.push(q);
  }
  // a month end closes a dozen quotas at once: one card per person listing them, not a wall of cards
  for (const list of byPerson(notify).values()) {
    const items = list.map((q) => ({
      title: (q.terms as Rule).title,
      progress: `${q.progress}/${q.target}`,
      period: periodText(q.periodKey),
    }));
    const first = list[0]!;
    await mail.toPerson(
      first.personId,
      `shortfall:${first.key}`,
      shortfallCard({ items }),
      list.length === 1 ? `duty:${first.key}` : 'scheduler:shortfall',
    );
  }
  return {
    overdue: overdue.length,
    missed: missed.length,
    done: quotas.filter((q) => q.status === 'done').length,
    short: quotas.filter((q) => q.status === 'short').length,
  };
}

/**
 * One digest per recipient per rule and deadline, listing the late people of the centers that recipient covers: sent by
 * the global batch for the deadlines of the last FRESH_MS once none of their duties is still open (every batch moved them).
 */
export async function sendDeadlineDigests(ctx: TickContext): Promise<void> {
  const late = await listOverdueDueBetween(ctx.tx, new Date(ctx.now.getTime() - FRESH_MS), ctx.now);
  const groups = new Map<string, Duty[]>();
  const memo = new Map<string, string[]>();
  for (const d of late) {
    const rule = d.terms as Rule;
    if (!('digest' in rule) || !rule.digest || rule.recipients.length === 0) continue;
    const key = `${d.ruleId}|${d.dueAt.toISOString()}`;
    groups
      .set(key, groups.get(key) ?? [])
      .get(key)!
      .push(d);
  }
  for (const [groupKey, list] of groups) {
    if ((await countOpenAt(ctx.tx, list[0]!.ruleId, list[0]!.dueAt)) > 0) continue; // a batch has not passed this deadline yet
    const rule = list[0]!.terms as Rule;
    const perRecipient = new Map<string, Duty[]>();
    for (const d of list) {
      for (const who of rule.recipients) {
        const memoKey = `${who}|${d.centerCode}|${shanghaiDay(d.dueAt)}`;
        if (!memo.has(memoKey)) memo.set(memoKey, recipientIds(ctx, who, d.centerCode, ctx.today)); // who holds the post now
        for (const id of memo.get(memoKey)!) {
          if (id === d.personId) continue;
          perRecipient
            .set(id, perRecipient.get(id) ?? [])
            .get(id)!
            .push(d);
        }
      }
    }
    if (perRecipient.size === 0) continue;
    const sent = await enqueuedKeys(
      ctx.tx,
      [...perRecipient.keys()].map((r) => `digest:${groupKey}:${r}`),
    );
    for (const [recipient, duties] of perRecipient) {
      if (sent.has(`digest:${groupKey}:${recipient}`)) continue;
      const lateList = duties.map((d) => ({
        name: ctx.org.people.get(d.personId)?.name ?? d.personId,
        center: ctx.org.centers.get(d.centerCode)?.name ?? d.centerCode,
      }));
      await ctx.mail.toPerson(
        recipient,
        `digest:${groupKey}:${recipient}`,
        lateDigestCard({
          title: rule.title,
          due: instantText(list[0]!.dueAt),
          late: lateList,
          // the fine notice of those who judge: each late person's scores of the month, where the fine can be waived
          scores: deadlineFine(rule)
            ? duties.map((d) => ({
                name: ctx.org.people.get(d.personId)?.name ?? d.personId,
                value: { a: 'score.send', p: periodOf('month', d.dueDay).key, w: d.personId },
              }))
            : undefined,
        }),
        `digest:${groupKey}`,
      );
    }
  }
}
