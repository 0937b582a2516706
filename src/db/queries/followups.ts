// Queries on follow-up clocks and the ledger: start a clock once, close the earliest open one, book an entry once.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { followups, ledger, type FollowUpRow } from '../schema/index.ts';

export async function startFollowUp(db: Db, row: typeof followups.$inferInsert): Promise<FollowUpRow | null> {
  const [inserted] = await db.insert(followups).values(row).onConflictDoNothing({ target: followups.key }).returning();
  return inserted ?? null;
}

/** The open (and overdue) clocks of a rule at a center, oldest first. */
export async function openFollowUpsAt(db: Db, centerCode: string, ruleId: string): Promise<FollowUpRow[]> {
  return db
    .select()
    .from(followups)
    .where(and(eq(followups.centerCode, centerCode), eq(followups.ruleId, ruleId), inArray(followups.status, ['open', 'overdue'])))
    .orderBy(asc(followups.dueAt), asc(followups.id));
}

/** Stops a clock: done when met in time, late otherwise; false when it was already stopped. */
export async function closeFollowUp(
  db: Db,
  id: number,
  now: Date,
  submissionId: number | null,
  note?: string,
): Promise<FollowUpRow | null> {
  const [row] = await db.select().from(followups).where(eq(followups.id, id));
  if (!row || (row.status !== 'open' && row.status !== 'overdue')) return null;
  const [done] = await db
    .update(followups)
    .set({
      status: now.getTime() <= row.dueAt.getTime() ? 'done' : 'late',
      doneAt: now,
      doneSubmissionId: submissionId,
      note: note ?? row.note,
    })
    .where(and(eq(followups.id, id), inArray(followups.status, ['open', 'overdue'])))
    .returning();
  return done ?? null;
}

export async function dueFollowUps(db: Db, now: Date): Promise<FollowUpRow[]> {
  return db
    .select()
    .from(followups)
    .where(and(inArray(followups.status, ['open', 'overdue']), lte(followups.dueAt, now)))
    .orderBy(asc(followups.dueAt));
}

export async function bookLedger(db: Db, entry: typeof ledger.$inferInsert): Promise<boolean> {
  const rows = await db.insert(ledger).values(entry).onConflictDoNothing({ target: ledger.key }).returning({ id: ledger.id });
  return rows.length > 0;
}
