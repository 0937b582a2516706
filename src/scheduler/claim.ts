// Claiming a batch of a pass: its row in scheduler_state locked FOR UPDATE SKIP LOCKED, done when it names the pass.
// Two instances running the same pass take different batches; a batch done (or being done) by the other is skipped.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { schedulerState } from '../db/schema/index.ts';
import { shanghaiDay, shanghaiTime } from '../lib/shanghai.ts';

const rowName = (no: number) => `tick-batch:${no}`;

/** The key instances share for the pass of a minute (the cron's passes): "2026-12-03 08:30". */
export function minutePass(now: Date): string {
  return `${shanghaiDay(now)} ${shanghaiTime(now)}`;
}

/** Makes sure every batch has its claim row (one statement; rows are reused pass after pass). */
export async function ensureClaimRows(db: Db, count: number, now: Date): Promise<void> {
  const rows = Array.from({ length: count }, (_, no) => ({ name: rowName(no), value: { pass: null }, updatedAt: now }));
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(schedulerState)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
}

/** Inside the batch's transaction: true when this transaction now holds the batch and it is not done for this pass. */
export async function claimBatch(tx: Db, pass: string, no: number): Promise<boolean> {
  const [row] = await tx
    .select({ value: schedulerState.value })
    .from(schedulerState)
    .where(eq(schedulerState.name, rowName(no)))
    .for('update', { skipLocked: true });
  return Boolean(row) && (row!.value as { pass?: string | null }).pass !== pass;
}

/** Inside the batch's transaction, as its last write: the batch is done for this pass (committed with its work). */
export async function markBatchDone(tx: Db, pass: string, no: number, by: string, now: Date): Promise<void> {
  await tx
    .update(schedulerState)
    .set({ value: { pass, by }, updatedAt: now })
    .where(eq(schedulerState.name, rowName(no)));
}
