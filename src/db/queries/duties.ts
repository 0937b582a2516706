// Queries on duties: write what the generator computed (idempotently), and find what the scheduler must act on.
import { and, asc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { duties, schedulerState, type Duty, type DutyStatus } from '../schema/index.ts';
import type { DutySpec } from '../../rules/duties/types.ts';

const CHUNK = 500;

/** Inserts specs not yet there (their key absorbs repeats); returns how many were new. */
export async function insertDuties(db: Db, specs: DutySpec[], now: Date): Promise<number> {
  let created = 0;
  for (let i = 0; i < specs.length; i += CHUNK) {
    const rows = await db
      .insert(duties)
      .values(
        specs.slice(i, i + CHUNK).map((s) => ({
          key: s.key,
          ruleId: s.ruleId,
          kind: s.kind,
          personId: s.personId,
          centerCode: s.centerCode,
          periodKey: s.periodKey,
          periodStart: s.periodStart,
          periodEnd: s.periodEnd,
          dueDay: s.dueDay,
          dueAt: s.dueAt,
          closesAt: s.closesAt,
          target: s.target,
          status: s.status,
          statusNote: s.statusNote,
          terms: s.terms,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: duties.key })
      .returning({ id: duties.id });
    created += rows.length;
  }
  return created;
}

/** Keys of the duties already stored whose due day falls in [fromDay, toDay] (so a re-run inserts only what is new). */
export async function existingDutyKeys(db: Db, fromDay: string, toDay: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: duties.key })
    .from(duties)
    .where(and(gte(duties.dueDay, fromDay), lte(duties.dueDay, toDay)));
  return new Set(rows.map((r) => r.key));
}

/** Period keys of duties created by an event (a joint inspection scheduled by the quality center), not by the calendar. */
export const EVENT_PERIOD_PREFIX = 'event:';

/** Calendar duties not yet due in a window, with status and note, for reconciling with what the generator says now. */
export async function listFutureDuties(db: Db, after: Date, until: Date): Promise<Pick<Duty, 'id' | 'key' | 'status' | 'statusNote' | 'target'>[]> {
  return db
    .select({ id: duties.id, key: duties.key, status: duties.status, statusNote: duties.statusNote, target: duties.target })
    .from(duties)
    .where(
      and(gt(duties.dueAt, after), lte(duties.dueAt, until), inArray(duties.status, ['open', 'suspended']), sql`${duties.periodKey} not like ${EVENT_PERIOD_PREFIX + '%'}`),
    );
}

export async function setDutyStatus(db: Db, ids: number[], status: DutyStatus, note: string | null, extra: Partial<Duty> = {}): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.update(duties).set({ status, statusNote: note, ...extra }).where(inArray(duties.id, ids.slice(i, i + CHUNK)));
  }
}

/** Moves duties whose time has come from one status to another; returns exactly the rows this call moved. */
export async function transitionDue(
  db: Db,
  kinds: string[],
  from: DutyStatus,
  to: DutyStatus,
  column: 'dueAt' | 'closesAt',
  now: Date,
  set: Partial<Duty> = {},
): Promise<Duty[]> {
  return db
    .update(duties)
    .set({ status: to, ...set })
    .where(and(inArray(duties.kind, kinds), eq(duties.status, from), lte(duties[column], now)))
    .returning();
}

/** Open quota duties whose period ended: done when the count is reached, short otherwise. */
export async function closeQuotas(db: Db, now: Date): Promise<Duty[]> {
  return db
    .update(duties)
    .set({ status: sql`case when ${duties.progress} >= coalesce(${duties.target}, 0) then 'done' else 'short' end`, closedAt: now })
    .where(and(eq(duties.kind, 'quota'), eq(duties.status, 'open'), lte(duties.dueAt, now)))
    .returning();
}

/** Open duties of a kind due in (after, until], oldest first. */
export async function listOpenDuties(db: Db, after: Date, until: Date, kinds?: string[]): Promise<Duty[]> {
  return db
    .select()
    .from(duties)
    .where(and(eq(duties.status, 'open'), gt(duties.dueAt, after), lte(duties.dueAt, until), kinds ? inArray(duties.kind, kinds) : undefined))
    .orderBy(asc(duties.dueAt), asc(duties.id));
}

/** A person's duties touching a day: due that day, quotas whose period contains it, and what is overdue. */
export async function listDutiesForDay(db: Db, personId: string, day: string): Promise<Duty[]> {
  return db
    .select()
    .from(duties)
    .where(
      and(
        eq(duties.personId, personId),
        sql`(${duties.dueDay} = ${day} or (${duties.kind} = 'quota' and ${duties.periodStart} <= ${day} and ${duties.periodEnd} >= ${day}) or ${duties.status} = 'overdue')`,
        inArray(duties.status, ['open', 'overdue']),
      ),
    )
    .orderBy(asc(duties.dueAt));
}

export async function listDutiesBetween(db: Db, fromDay: string, toDay: string, personId?: string): Promise<Duty[]> {
  return db
    .select()
    .from(duties)
    .where(and(lte(duties.periodStart, toDay), sql`${duties.dueDay} >= ${fromDay}`, personId ? eq(duties.personId, personId) : undefined))
    .orderBy(asc(duties.dueAt), asc(duties.id));
}

export async function getState<T>(db: Db, name: string): Promise<T | null> {
  const [row] = await db.select().from(schedulerState).where(eq(schedulerState.name, name));
  return (row?.value as T) ?? null;
}

export async function setState(db: Db, name: string, value: unknown, now: Date): Promise<void> {
  await db
    .insert(schedulerState)
    .values({ name, value: value as object, updatedAt: now })
    .onConflictDoUpdate({ target: schedulerState.name, set: { value: value as object, updatedAt: now } });
}
