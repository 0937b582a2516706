// Announcing the scores in the company's group on schedule (the past month on the 1st, the past week on Monday, 09:00):
// a card and the full table as an Excel file, once per period (outbox keys), whatever restarts or instances.
import { eq } from 'drizzle-orm';
import { company } from '../db/schema/index.ts';
import { computeScores } from '../features/scores/compute-scores.ts';
import { correctionsForAnnouncement } from '../features/scores/corrections.ts';
import { scoresWorkbook } from '../features/scores/xlsx.ts';
import { announcementCard } from '../lark/cards/score-cards.ts';
import { isoWeekday, periodOf } from '../lib/periods.ts';
import { addDays, shanghaiInstant } from '../lib/shanghai.ts';
import { cardToChat, enqueue, enqueuedKeys, fileToChat } from '../outbox/enqueue.ts';
import type { TickContext } from './tick-context.ts';

/** After this hour of the day the announcement is no longer sent as if on time (it is sent by `steward tick` by hand). */
const UNTIL = '18:00';

/** Which periods are to be announced now. */
export function periodsToAnnounce(ctx: Pick<TickContext, 'today' | 'now' | 'rules'>): string[] {
  const a = ctx.rules.book.settings.announcements;
  const out: string[] = [];
  const inWindow = (at: string) => ctx.now >= shanghaiInstant(ctx.today, at) && ctx.now < shanghaiInstant(ctx.today, UNTIL);
  if (a.monthly.enabled && Number(ctx.today.slice(8)) === a.monthly.day && inWindow(a.monthly.at))
    out.push(periodOf('month', addDays(`${ctx.today.slice(0, 7)}-01`, -1)).key);
  if (a.weekly.enabled && isoWeekday(ctx.today) === a.weekly.weekday && inWindow(a.weekly.at))
    out.push(periodOf('week', addDays(ctx.today, -7)).key);
  return out;
}

export async function announceScores(ctx: TickContext): Promise<string[]> {
  const due = periodsToAnnounce(ctx);
  if (due.length === 0) return [];
  const [co] = await ctx.tx.select().from(company).where(eq(company.id, 1));
  if (!co?.announcementsChat) {
    ctx.log.warn('no announcements chat in the org file (chats.announcements): scores not announced');
    return [];
  }
  const done = await enqueuedKeys(
    ctx.tx,
    due.map((p) => `announce:${p}`),
  );
  const announced: string[] = [];
  for (const period of due) {
    if (done.has(`announce:${period}`)) continue;
    const table = await computeScores(ctx.tx, ctx.rules.book, period, ctx.now);
    const fixes = await correctionsForAnnouncement(ctx.tx, ctx.rules.book, period, ctx.now);
    const source = `scores:${period}`;
    // the card first: it says the Excel file follows, and the sender keeps a chat's messages in the order enqueued
    await enqueue(ctx.tx, ctx.now, cardToChat(`announce:${period}`, co.announcementsChat, announcementCard(table, fixes), source));
    await enqueue(
      ctx.tx,
      ctx.now,
      fileToChat(`announce-file:${period}`, co.announcementsChat, `考核公示-${period}.xlsx`, 'stream', await scoresWorkbook(table), source),
    );
    announced.push(period);
  }
  return announced;
}
