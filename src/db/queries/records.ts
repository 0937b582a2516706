// Queries on records: store a submission once, supersede a version, link it to duties and count a duty's progress.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { attachments, duties, submissionDuties, submissions, type Duty, type Submission } from '../schema/index.ts';
import { selectDuties } from './duties.ts';

export async function insertSubmission(db: Db, row: typeof submissions.$inferInsert): Promise<Submission | null> {
  const [inserted] = await db.insert(submissions).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** The record a person's form card already stored (its one-time nonce), if any. */
export async function getSubmissionByNonce(db: Db, formId: string, personId: string, nonce: string): Promise<Submission | null> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.formId, formId), eq(submissions.personId, personId), eq(submissions.nonce, nonce)));
  return row ?? null;
}

/**
 * Locks a duty row until the transaction ends (filings of one duty take turns) and returns the duty's live record, if
 * any: the version a new filing of the duty replaces.
 */
export async function lockDutyForFiling(db: Db, dutyId: number): Promise<Submission | null> {
  await db.select({ id: duties.id }).from(duties).where(eq(duties.id, dutyId)).for('update');
  const [live] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.dutyId, dutyId), isNull(submissions.supersededAt)));
  return live ?? null;
}

export async function getSubmission(db: Db, id: number): Promise<Submission | null> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row ?? null;
}

/** Marks a version as replaced; false when it was already replaced (two edits racing: the first wins). */
export async function supersede(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ supersededAt: now })
    .where(and(eq(submissions.id, id), isNull(submissions.supersededAt)))
    .returning({ id: submissions.id });
  return rows.length > 0;
}

/** Open quota duties of a person at a center for some rules whose period contains a day. */
export async function openQuotaDuties(db: Db, personId: string, ruleIds: string[], day: string, centerCode: string): Promise<Duty[]> {
  if (ruleIds.length === 0) return [];
  return selectDuties(db).where(
    and(
      eq(duties.personId, personId),
      eq(duties.centerCode, centerCode),
      eq(duties.kind, 'quota'),
      eq(duties.status, 'open'),
      inArray(duties.ruleId, ruleIds),
      lte(duties.periodStart, day),
      gte(duties.periodEnd, day),
    ),
  );
}

/**
 * Links a record to a duty and recounts the duty's progress from the current (not superseded) records: one each, or
 * what `tally` makes of their values, oldest first (households summed, a cumulative figure's latest value).
 */
export async function linkAndCount(
  db: Db,
  submissionId: number,
  dutyId: number,
  tally?: (records: Record<string, unknown>[]) => number,
): Promise<number> {
  await db.insert(submissionDuties).values({ submissionId, dutyId }).onConflictDoNothing();
  const current = and(eq(submissionDuties.dutyId, dutyId), isNull(submissions.supersededAt));
  let n: number;
  if (tally) {
    const rows = await db
      .select({ values: submissions.values })
      .from(submissionDuties)
      .innerJoin(submissions, eq(submissions.id, submissionDuties.submissionId))
      .where(current)
      .orderBy(asc(submissions.filedAt), asc(submissions.id));
    n = Math.max(0, Math.floor(tally(rows.map((r) => r.values))));
  } else {
    const [row] = await db
      .select({ n: count() })
      .from(submissionDuties)
      .innerJoin(submissions, eq(submissions.id, submissionDuties.submissionId))
      .where(current);
    n = Number(row?.n ?? 0);
  }
  await db.update(duties).set({ progress: n }).where(eq(duties.id, dutyId));
  return n;
}

/** Today's current records of a form by a person (e.g. the day's patrols, for post coverage). */
export async function recordsOfDay(db: Db, personId: string, formId: string, from: Date, to: Date): Promise<Submission[]> {
  return db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.personId, personId),
        eq(submissions.formId, formId),
        isNull(submissions.supersededAt),
        gte(submissions.filedAt, from),
        lte(submissions.filedAt, to),
      ),
    );
}

/** The person's latest record that invites photos, filed since `since`. */
export async function latestPhotoRecord(db: Db, personId: string, formIds: string[], since: Date): Promise<Submission | null> {
  if (formIds.length === 0) return null;
  const [row] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.filedBy, personId),
        inArray(submissions.formId, formIds),
        isNull(submissions.supersededAt),
        gte(submissions.filedAt, since),
      ),
    )
    .orderBy(desc(submissions.filedAt))
    .limit(1);
  return row ?? null;
}

export async function addAttachment(db: Db, a: typeof attachments.$inferInsert): Promise<number> {
  await db.insert(attachments).values(a).onConflictDoNothing();
  const [row] = await db.select({ n: count() }).from(attachments).where(eq(attachments.submissionId, a.submissionId));
  return Number(row?.n ?? 0);
}

export async function listAttachments(db: Db, submissionId: number) {
  return db.select().from(attachments).where(eq(attachments.submissionId, submissionId)).orderBy(attachments.id);
}
