// Corrections (更正): an entry waived after its week or month was announced. The person is told the period's new total,
// and the next announcement of that kind lists each corrected period with the person's new total.
import { and, desc, eq, gt, inArray, isNotNull, like, lte, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ledger, outbox, people } from '../../db/schema/index.ts';
import { periodText } from '../../lark/cards/format.ts';
import { parsePeriodKey, periodOf } from '../../lib/periods.ts';
import type { Rulebook } from '../../rules/rulebook/schema.ts';
import { computeScores } from './compute-scores.ts';
import type { Correction } from './score-types.ts';

/** The periods the group is told about, by unit: the key pattern of their announcements in the outbox. */
const ANNOUNCED_UNITS = { week: 'announce:____-W__', month: 'announce:____-__' } as const;
type AnnouncedUnit = keyof typeof ANNOUNCED_UNITS;

/** When each of these periods was announced (its card enqueued), for those that were. */
async function announcedAt(db: Db, periods: string[]): Promise<Map<string, Date>> {
  if (periods.length === 0) return new Map();
  const rows = await db
    .select({ key: outbox.key, at: outbox.createdAt })
    .from(outbox)
    .where(
      inArray(
        outbox.key,
        periods.map((p) => `announce:${p}`),
      ),
    );
  return new Map(rows.map((r) => [r.key.slice('announce:'.length), r.at]));
}

/** Groups waived entries by the announced period (of the units given) they belong to, announced before the waiver. */
async function corrections(
  db: Db,
  book: Rulebook,
  entries: (typeof ledger.$inferSelect)[],
  units: AnnouncedUnit[],
  now: Date,
): Promise<Correction[]> {
  const periodsOf = (day: string) => units.map((u) => periodOf(u, day).key);
  const announced = await announcedAt(db, [...new Set(entries.flatMap((e) => periodsOf(e.day)))]);
  const groups = new Map<string, { period: string; personId: string; removed: Correction['removed'] }>();
  for (const e of entries) {
    for (const period of periodsOf(e.day)) {
      const at = announced.get(period);
      if (!at || !e.waivedAt || e.waivedAt <= at) continue;
      const key = `${period}|${e.personId}`;
      const g = groups.get(key) ?? { period, personId: e.personId, removed: [] };
      g.removed.push({ reason: e.reason, waiveReason: e.waiveReason ?? '' });
      groups.set(key, g);
    }
  }
  const tables = new Map<string, Awaited<ReturnType<typeof computeScores>>>();
  const out: Correction[] = [];
  for (const g of groups.values()) {
    if (!tables.has(g.period)) tables.set(g.period, await computeScores(db, book, g.period, now));
    const score = tables.get(g.period)!.people.find((p) => p.personId === g.personId);
    const [who] = score ? [] : await db.select({ name: people.name }).from(people).where(eq(people.id, g.personId));
    out.push({
      period: g.period,
      periodText: periodText(g.period),
      personId: g.personId,
      name: score?.name ?? who?.name ?? g.personId,
      yuan: score?.yuan ?? 0,
      points: score?.points ?? 0,
      removed: g.removed,
    });
  }
  // in the order of time: a week before the month it ends in
  const end = (key: string) => parsePeriodKey(key)?.end ?? key;
  return out.sort((a, b) => end(a.period).localeCompare(end(b.period)) || a.personId.localeCompare(b.personId));
}

/** The announced weeks and months these just-waived entries change, with the person's new totals (for their notice). */
export function correctionsOfWaived(db: Db, book: Rulebook, waived: (typeof ledger.$inferSelect)[], now: Date): Promise<Correction[]> {
  return corrections(db, book, waived, ['week', 'month'], now);
}

/**
 * What an announcement of `period` lists as 更正: entries of earlier periods of its unit, waived after those were announced
 * and since the last announcement of this unit (so each correction is announced once).
 */
export async function correctionsForAnnouncement(db: Db, book: Rulebook, period: string, now: Date): Promise<Correction[]> {
  const unit: AnnouncedUnit = period.includes('-W') ? 'week' : 'month';
  const [last] = await db
    .select({ at: outbox.createdAt })
    .from(outbox)
    .where(and(like(outbox.key, ANNOUNCED_UNITS[unit]), ne(outbox.key, `announce:${period}`), lte(outbox.createdAt, now)))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  if (!last) return [];
  const waived = await db
    .select()
    .from(ledger)
    .where(and(isNotNull(ledger.waivedAt), gt(ledger.waivedAt, last.at), lte(ledger.waivedAt, now)));
  return (await corrections(db, book, waived, [unit], now)).filter((c) => c.period < period);
}
