// Queries on inbound_events: record an event once, claim it for handling, finish it, find what a crash left behind.
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { jsonSafe } from '../../lib/json-safe.ts';
import type { Db } from '../client.ts';
import { inboundEvents, type InboundEvent } from '../schema/index.ts';

/** Stores an event; false when its key was seen before (a re-delivery). */
export async function recordInbound(
  db: Db,
  e: {
    key: string;
    eventId: string;
    eventType: string;
    payload: Record<string, unknown>;
    receivedAt: Date;
    status?: 'pending' | 'skipped';
  },
): Promise<boolean> {
  const rows = await db
    .insert(inboundEvents)
    .values({ ...e, payload: jsonSafe(e.payload), status: e.status ?? 'pending' })
    .onConflictDoNothing({ target: inboundEvents.key })
    .returning({ key: inboundEvents.key });
  return rows.length > 0;
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
