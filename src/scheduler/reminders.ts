// Reminders before a deadline, as the rule's data says (e.g. the daily report's 15:30 card and 16:15 last call).
// State-based: at each pass, the latest step whose wave is due to be enqueued (15 minutes ahead, see waves.ts) is
// enqueued if it was not yet, timed to arrive in the ten minutes before the step; earlier missed steps are skipped,
// and nothing is sent once the deadline has passed (the overdue notice takes over). One duty, one live form: when a
// step's card carries the form, the duty's earlier reminder cards are patched (right after it arrives) to point to it.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { listOpenDuties } from '../db/queries/duties.ts';
import { outbox, type Duty } from '../db/schema/index.ts';
import type { CardElement } from '../lark/cards/kit.ts';
import { reminderCard, reminderMovedCard } from '../lark/cards/duty-cards.ts';
import { enqueueMany, type OutboxMessage } from '../outbox/enqueue.ts';
import { PATCHABLE_MS, reminderKey, reminderKeys } from '../features/records/settle-reminders.ts';
import { dueText, periodText } from '../lark/cards/format.ts';
import { addDays, shanghaiInstant } from '../lib/shanghai.ts';
import type { WorkCalendar } from '../rules/calendar/types.ts';
import type { ReminderStep, Rule } from '../rules/rulebook/schema.ts';
import type { TickContext } from './tick-context.ts';
import { rankWave, waveEnqueueAt, waveNotBefore, waveOrder } from './waves.ts';

/** An earlier card is patched this long after the step's card is due to go out (the sender sends the new card first). */
const MOVED_AFTER_MS = 2_000;

/** The day a step falls on: `workdays_before` workdays before the due day (the due day itself for 0). */
export function stepInstant(calendar: WorkCalendar, dueDay: string, step: ReminderStep): Date {
  let day = dueDay;
  for (let n = step.workdays_before; n > 0; n--) day = calendar.shift(addDays(day, -1), 'previous-workday');
  return shanghaiInstant(day, step.at);
}

/** The body of a reminder card for a duty; the forms feature plugs its form in here. */
export type ReminderBody = (duty: Duty) => Promise<CardElement[]>;

export async function sendReminders(ctx: TickContext, body?: ReminderBody): Promise<number> {
  const { tx, now, rules, mail } = ctx;
  const withSteps = rules.book.rules.filter((r) => (r.kind === 'deadline' || r.kind === 'anchored') && r.enabled && r.reminders.length > 0);
  if (withSteps.length === 0) return 0;
  // how far ahead a rule's duties can have a step due now: its steps on the due day look a day ahead, steps N workdays
  // before look N workdays plus the longest run of rest days ahead; one query per distinct look-ahead, not every open duty
  const byLead = new Map<number, string[]>();
  for (const r of withSteps) {
    const before = Math.max(...('reminders' in r ? r.reminders.map((s) => s.workdays_before) : [0]));
    byLead.set(before, [...(byLead.get(before) ?? []), r.id]);
  }
  const aheadMs = (before: number) => (before === 0 ? 25 * 3600_000 : (2 + before * 3 + 10) * 86400_000);
  const horizon = new Date(now.getTime() + aheadMs(Math.max(...byLead.keys())));
  const candidates: Duty[] = [];
  for (const [before, ruleIds] of byLead) {
    for (const d of await listOpenDuties(
      tx,
      now,
      new Date(now.getTime() + aheadMs(before)),
      ['deadline', 'anchored'],
      ctx.batch?.centers,
      ruleIds,
    )) {
      const t = d.terms as Rule;
      if ('reminders' in t && t.reminders.length > 0) candidates.push(d);
    }
  }

  const due: { duty: (typeof candidates)[number]; index: number; step: ReminderStep; at: Date }[] = [];
  for (const duty of candidates) {
    const steps = (duty.terms as Extract<Rule, { reminders: ReminderStep[] }>).reminders;
    let latest = -1;
    let latestAt = 0;
    steps.forEach((s, i) => {
      const at = stepInstant(rules.calendar, duty.dueDay, s).getTime();
      if (waveEnqueueAt(new Date(at)).getTime() <= now.getTime() && at >= latestAt) [latest, latestAt] = [i, at];
    });
    if (latest >= 0) due.push({ duty, index: latest, step: steps[latest]!, at: new Date(latestAt) });
  }
  if (due.length === 0) return 0;

  // skip what already went out (cheap check before building cards)
  const keys = due.map((d) => reminderKey(d.duty, d.index));
  const existing = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await tx
      .select({ key: outbox.key })
      .from(outbox)
      .where(inArray(outbox.key, keys.slice(i, i + 1000)));
    for (const r of rows) existing.add(r.key);
  }
  const fresh = due.filter((d) => !existing.has(reminderKey(d.duty, d.index)));
  if (fresh.length === 0) return 0;

  // each wave's cards in order (all centers, not just this batch's), to pace them over its window
  const order = await waveOrder(
    tx,
    [...new Set(fresh.map((d) => d.duty.ruleId))],
    [...new Set(fresh.map((d) => d.duty.dueDay))],
    now,
    horizon,
  );
  const pairsOf = new Map<number, Set<string>>();
  for (const d of fresh) pairsOf.set(d.at.getTime(), (pairsOf.get(d.at.getTime()) ?? new Set()).add(`${d.duty.ruleId}|${d.duty.dueDay}`));
  const ranked = new Map<number, ReturnType<typeof rankWave>>();
  const waveOf = (at: Date) =>
    ranked.get(at.getTime()) ?? ranked.set(at.getTime(), rankWave(order, pairsOf.get(at.getTime())!)).get(at.getTime())!;

  // the earlier steps' cards already out (a later step replaces them), by their exact keys: one lookup for the whole pass
  const earlier = new Map<string, { key: string; messageId: string }[]>();
  const earlierKeys = fresh.flatMap((d) => reminderKeys(d.duty).slice(0, d.index));
  for (let i = 0; i < earlierKeys.length; i += 1000) {
    const rows = await tx
      .select({ key: outbox.key, messageId: outbox.messageId, sentAt: outbox.sentAt })
      .from(outbox)
      .where(and(inArray(outbox.key, earlierKeys.slice(i, i + 1000)), eq(outbox.status, 'sent'), isNotNull(outbox.messageId)));
    for (const r of rows) {
      if (!r.sentAt || now.getTime() - r.sentAt.getTime() > PATCHABLE_MS) continue;
      const dutyKey = r.key.slice('remind:'.length, r.key.lastIndexOf(':'));
      earlier.set(dutyKey, [...(earlier.get(dutyKey) ?? []), { key: r.key, messageId: r.messageId! }]);
    }
  }

  let sent = 0;
  const moved: OutboxMessage[] = [];
  for (const { duty, index, step, at } of fresh) {
    const key = reminderKey(duty, index);
    const rule = duty.terms as Rule;
    const due = dueText(duty.dueAt, now);
    const form = body ? await body(duty) : [];
    const lastCall = step.type === 'last_call';
    const card = reminderCard({
      title: rule.title,
      due,
      period:
        duty.kind === 'deadline' && rule.kind === 'deadline' && rule.cadence.every === 'workday' ? undefined : periodText(duty.periodKey),
      lastCall,
      body: form,
    });
    const wave = waveOf(at);
    const notBefore = waveNotBefore(at, wave.placeOf.get(duty.key) ?? 0, wave.size, rules.book.settings.quiet_hours);
    if (!(await mail.toPerson(duty.personId, key, card, `duty:${duty.key}`, { notBefore }))) continue;
    sent++;
    if (form.length === 0) continue;
    // the earlier cards lose their form just after this one arrives (never before: the person always has one to fill)
    const after = new Date(Math.max(notBefore?.getTime() ?? 0, now.getTime()) + MOVED_AFTER_MS);
    const content = reminderMovedCard({ title: rule.title, due, lastCall });
    for (const e of earlier.get(duty.key) ?? []) {
      moved.push({
        key: `reminder-moved:${e.key}`,
        kind: 'patch',
        target: e.messageId,
        msgType: 'interactive',
        content,
        source: `duty:${duty.key}`,
        notBefore: after,
      });
    }
  }
  if (moved.length) await enqueueMany(tx, now, moved);
  return sent;
}
