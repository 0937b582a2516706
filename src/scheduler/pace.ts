// Pace nudges for quotas (night checks: none by the 15th; still short 3 days before month end): at most one card a day per person.
import { listOpenQuotasOn } from '../db/queries/duties.ts';
import type { Duty } from '../db/schema/index.ts';
import { paceNudgeCard } from '../lark/cards/duty-cards.ts';
import { dueText, periodText } from '../lark/cards/format.ts';
import { addDays, shanghaiInstant } from '../lib/shanghai.ts';
import type { WorkCalendar } from '../rules/calendar/types.ts';
import type { Quota } from '../rules/rulebook/schema.ts';
import type { TickContext } from './tick-context.ts';

const NUDGE_UNTIL = '17:00';

/** Does a quota's nudge fire today? (a trigger day that is a rest day moves to the nearest workday inside the period) */
function nudgeFires(
  calendar: WorkCalendar,
  d: Pick<Duty, 'periodStart' | 'periodEnd' | 'progress' | 'target'>,
  rule: Quota,
  today: string,
): boolean {
  for (const n of rule.nudges) {
    if ('day_of_period' in n) {
      const day = calendar.shift(addDays(d.periodStart, n.day_of_period - 1), 'next-workday');
      if (day === today && d.progress < n.below) return true;
    } else {
      const day = calendar.shift(addDays(d.periodEnd, -n.days_before_end), 'previous-workday');
      if (day === today && d.progress < (d.target ?? 0)) return true;
    }
  }
  return false;
}

export async function sendPaceNudges(ctx: TickContext): Promise<number> {
  const { tx, now, today, rules, mail } = ctx;
  const at = shanghaiInstant(today, rules.book.settings.pace_nudge_at);
  if (!rules.calendar.isWorkday(today) || now < at || now >= shanghaiInstant(today, NUDGE_UNTIL)) return 0;
  const open = await listOpenQuotasOn(tx, today, ctx.batch?.centers);
  const perPerson = new Map<string, Duty[]>();
  for (const d of open) {
    const rule = d.terms as Quota;
    if (d.periodStart === d.periodEnd || !rule.nudges?.length) continue;
    if (nudgeFires(rules.calendar, d, rule, today))
      perPerson
        .set(d.personId, perPerson.get(d.personId) ?? [])
        .get(d.personId)!
        .push(d);
  }
  let sent = 0;
  for (const [personId, list] of perPerson) {
    const items = list.map((d) => ({
      title: (d.terms as Quota).title,
      due: dueText(d.dueAt, now),
      progress: `${d.progress}/${d.target}`,
      period: periodText(d.periodKey),
    }));
    if (await mail.toPerson(personId, `pace:${personId}:${today}`, paceNudgeCard({ items }), 'scheduler:pace')) sent++;
  }
  return sent;
}
