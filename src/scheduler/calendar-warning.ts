// When the next 60 days reach a year the calendar has no data for, the admins are told once (that year rests only on its statutory holidays).
import { calendarMissingCard } from '../lark/cards/duty-cards.ts';
import { addDays } from '../lib/shanghai.ts';
import { recipientIds } from './recipients.ts';
import type { TickContext } from './tick-context.ts';

const LOOKAHEAD_DAYS = 60;

export async function warnMissingCalendar(ctx: TickContext): Promise<number[]> {
  const first = Number(ctx.today.slice(0, 4));
  const last = Number(addDays(ctx.today, LOOKAHEAD_DAYS).slice(0, 4));
  const missing: number[] = [];
  for (let year = first; year <= last; year++) if (!ctx.rules.calendar.hasData(year)) missing.push(year);
  for (const year of missing) {
    for (const admin of recipientIds(ctx, 'admin', '', ctx.today)) {
      await ctx.mail.toPerson(admin, `calendar-missing:${year}:${admin}`, calendarMissingCard({ year }), 'scheduler:calendar', {
        urgent: false,
      });
    }
  }
  return missing;
}
