// When a deadline's record is filed elsewhere (from 待办, by name in chat, by the leader), the reminder cards that carried
// its form are patched to a 「已提交」 state, so the chat shows no stale open form. Only cards Lark can still update:
// 更新已发送的消息卡片 "仅支持更新 14 天内发送的消息" (230031 past that). A reminder still waiting in the outbox (a wave's
// card timed for later) is not sent at all, nor a pending patch that would turn a card back into 「请在最新卡片中提交」.
import { and, eq, gt, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outbox, type Duty } from '../../db/schema/index.ts';
import { reminderDoneCard } from '../../lark/cards/duty-cards.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';

/** Patch only what was sent less than this long ago: Lark refuses at 14 days, and the patch goes out a little later. */
export const PATCHABLE_MS = 14 * 24 * 3600_000 - 3600_000;

/** The outbox key of a duty's reminder card of step `step` (the scheduler enqueues it under this key, once). */
export const reminderKey = (duty: Pick<Duty, 'key'>, step: number): string => `remind:${duty.key}:${step}`;

/** The outbox keys of a duty's reminder cards, one per step of its rule (exact keys: a lookup on the outbox's unique index). */
export function reminderKeys(duty: Duty): string[] {
  const terms = duty.terms as Rule;
  const steps = 'reminders' in terms && Array.isArray(terms.reminders) ? terms.reminders.length : 0;
  return Array.from({ length: steps }, (_, i) => reminderKey(duty, i));
}

/** Enqueues one patch per reminder card of the duty that was sent and is not the card the record came from. */
export async function settleReminderCards(
  tx: Db,
  duty: Duty,
  filed: { timing: string; late: boolean; filedAt: string; submissionId: number; fromMessageId: string | null },
  now: Date,
): Promise<number> {
  const keys = reminderKeys(duty);
  if (keys.length === 0) return 0;
  await tx
    .update(outbox)
    .set({ status: 'cancelled', error: `record ${filed.submissionId} filed before it was sent` })
    .where(and(eq(outbox.status, 'pending'), inArray(outbox.key, [...keys, ...keys.map((k) => `reminder-moved:${k}`)])));
  const sent = await tx
    .select({ key: outbox.key, messageId: outbox.messageId })
    .from(outbox)
    .where(
      and(
        inArray(outbox.key, keys),
        eq(outbox.kind, 'send'),
        eq(outbox.status, 'sent'),
        isNotNull(outbox.messageId),
        gt(outbox.sentAt, new Date(now.getTime() - PATCHABLE_MS)),
        ...(filed.fromMessageId ? [ne(outbox.messageId, filed.fromMessageId)] : []),
      ),
    );
  const card = reminderDoneCard({ title: (duty.terms as Rule).title, timing: filed.timing, late: filed.late, filedAt: filed.filedAt });
  let n = 0;
  for (const r of sent) {
    if (
      await enqueue(tx, now, {
        key: `reminder-done:${r.key}`,
        kind: 'patch',
        target: r.messageId!,
        msgType: 'interactive',
        content: card,
        source: `record:${filed.submissionId}`,
      })
    )
      n++;
  }
  return n;
}
