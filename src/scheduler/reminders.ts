// Reminders before a deadline, as the rule's data says (e.g. the daily report's 15:30 card and 16:15 last call).
// State-based: at each pass, the latest step whose wave is due to be enqueued (15 minutes ahead, see waves.ts) is
// enqueued if it was not yet, timed to arrive in the ten minutes before the step; earlier missed steps are skipped,
// and nothing is sent once the deadline has passed (the overdue notice takes over).
import { inArray } from 'drizzle-orm';
import { listOpenDuties } from '../db/queries/duties.ts';
import { outbox, type Duty } from '../db/schema/index.ts';
import type { CardElement } from '../lark/cards/kit.ts';
import { reminderCard } from '../lark/cards/duty-cards.ts';
import { dueText, periodText } from '../lark/cards/format.ts';
import { addDays, shanghaiInstant } from '../lib/shanghai.ts';
import type { WorkCalendar } from '../rules/calendar/types.ts';
import type { ReminderStep, Rule } from '../rules/rulebook/schema.ts';
import type { TickContext } from './tick-context.ts';
import { countWaveDuties, waveEnqueueAt, waveNotBefore } from './waves.ts';

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
  const maxBefore = Math.max(...withSteps.flatMap((r) => ('reminders' in r ? r.reminders.map((s) => s.workdays_before) : [0])));
  const horizon = new Date(now.getTime() + (2 + maxBefore * 3 + 10) * 86400_000); // rest days between steps and the deadline
  const candidates = (await listOpenDuties(tx, now, horizon, ['deadline', 'anchored'], ctx.batch?.centers)).filter((d) => {
    const t = d.terms as Rule;
    return 'reminders' in t && t.reminders.length > 0;
  });

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
  const keys = due.map((d) => `remind:${d.duty.key}:${d.index}`);
  const existing = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await tx.select({ key: outbox.key }).from(outbox).where(inArray(outbox.key, keys.slice(i, i + 1000)));
    for (const r of rows) existing.add(r.key);
  }
  const fresh = due.filter((d) => !existing.has(`remind:${d.duty.key}:${d.index}`));
  if (fresh.length === 0) return 0;

  // each wave's size (all centers, not just this batch's), to pace its cards over its window
  const counts = await countWaveDuties(tx, [...new Set(fresh.map((d) => d.duty.ruleId))], [...new Set(fresh.map((d) => d.duty.dueDay))], now, horizon);
  const pairsOf = new Map<number, Set<string>>();
  for (const d of fresh) pairsOf.set(d.at.getTime(), (pairsOf.get(d.at.getTime()) ?? new Set()).add(`${d.duty.ruleId}|${d.duty.dueDay}`));
  const waveSize = (at: Date) => [...pairsOf.get(at.getTime())!].reduce((n, p) => n + (counts.get(p) ?? 0), 0);

  let sent = 0;
  for (const { duty, index, step, at } of fresh) {
    const key = `remind:${duty.key}:${index}`;
    const rule = duty.terms as Rule;
    const card = reminderCard({
      title: rule.title,
      due: dueText(duty.dueAt, now),
      period: duty.kind === 'deadline' && rule.kind === 'deadline' && rule.cadence.every === 'workday' ? undefined : periodText(duty.periodKey),
      lastCall: step.type === 'last_call',
      body: body ? await body(duty) : undefined,
    });
    const notBefore = waveNotBefore(at, key, waveSize(at), rules.book.settings.quiet_hours);
    if (await mail.toPerson(duty.personId, key, card, `duty:${duty.key}`, { notBefore })) sent++;
  }
  return sent;
}
