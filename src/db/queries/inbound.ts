// Queries on inbound_events: record an event once, claim it for handling, finish it, find what a crash left behind.
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { jsonSafe } from '../../lib/json-safe.ts';
import type { Db } from '../client.ts';
import { inboundEvents, type InboundEvent } from '../schema/index.ts';

/** Thrown inside recordInbound's transaction to undo it when one of the event's keys was seen before. */
class SeenBefore extends Error {}

/**
 * Stores an event under its key, and an inert marker row (status 'seen') under each alias key (a message's event id):
 * all in one transaction, so an event whose key or any alias was seen before stores nothing and answers false.
 */
export async function recordInbound(
  db: Db,
  e: {
    key: string;
    aliases?: string[];
    eventId: string;
    eventType: string;
    payload: Record<string, unknown>;
    receivedAt: Date;
    status?: 'pending' | 'skipped';
  },
): Promise<boolean> {
  const { aliases = [], ...row } = e;
  try {
    await db.transaction(async (tx) => {
      const stored = await tx
        .insert(inboundEvents)
        .values({ ...row, payload: jsonSafe(row.payload), status: row.status ?? 'pending' })
        .onConflictDoNothing({ target: inboundEvents.key })
        .returning({ key: inboundEvents.key });
      if (stored.length === 0) throw new SeenBefore();
      for (const alias of aliases) {
        const marked = await tx
          .insert(inboundEvents)
          .values({
            key: alias,
            eventId: row.eventId,
            eventType: row.eventType,
            payload: { storedAs: row.key },
            receivedAt: row.receivedAt,
            status: 'seen',
          })
          .onConflictDoNothing({ target: inboundEvents.key })
          .returning({ key: inboundEvents.key });
        if (marked.length === 0) throw new SeenBefore();
      }
    });
    return true;
  } catch (err) {
    if (err instanceof SeenBefore) return false;
    throw err;
  }
}

/** Takes an event for handling (pending, or a claim that expired); null when someone else has it or it is done. */
export async function claimInbound(db: Db, key: string, now: Date, leaseMs: number): Promise<InboundEvent | null> {
  const [row] = await db
    .update(inboundEvents)
    .set({ status: 'processing', attempts: sql`${inboundEvents.attempts} + 1`, lockedUntil: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        eq(inboundEvents.key, key),
        or(eq(inboundEvents.status, 'pending'), and(eq(inboundEvents.status, 'processing'), lte(inboundEvents.lockedUntil, now))),
      ),
    )
    .returning();
  return row ?? null;
}

export async function finishInbound(
  db: Db,
  key: string,
  status: 'done' | 'skipped' | 'failed' | 'pending',
  now: Date,
  error?: string,
): Promise<void> {
  await db
    .update(inboundEvents)
    .set({ status, handledAt: status === 'pending' ? null : now, lockedUntil: null, error: error ?? null })
    .where(eq(inboundEvents.key, key));
}

/** Events stored but not handled (the process died after answering 200, or a handler failed and waits for a retry). */
export async function listUnhandledInbound(db: Db, olderThan: Date, limit = 100): Promise<string[]> {
  const rows = await db
    .select({ key: inboundEvents.key })
    .from(inboundEvents)
    .where(and(inArray(inboundEvents.status, ['pending', 'processing']), lte(inboundEvents.receivedAt, olderThan)))
    .orderBy(asc(inboundEvents.receivedAt))
    .limit(limit);
  return rows.map((r) => r.key);
}
