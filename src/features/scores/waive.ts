// Waivers and red-line resolution: a leader (for their centers) or an admin marks an entry waived, or a red line resolved,
// with who and why. The entry stays; totals leave it out.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn } from '../../db/queries/org.ts';
import { deductions, ledger } from '../../db/schema/index.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { isAdmin } from '../leave/leave-authority.ts';

export class WaiveError extends Error {}

async function mayJudge(db: Db, actorId: string, centerCode: string, now: Date): Promise<boolean> {
  const actor = await getPersonById(db, actorId);
  if (!actor?.active) return false;
  if (await isAdmin(db, actor)) return true;
  return (await listCenterRolesOn(db, shanghaiDay(now))).some(
    (r) => r.role === 'leader' && r.personId === actorId && r.centerCode === centerCode,
  );
}

export async function waiveEntry(db: Db, entryId: number, actorId: string, reason: string, now: Date) {
  if (!reason.trim()) throw new WaiveError('a waiver needs a reason (e.g. 已批准请假, 系统故障)');
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(ledger).where(eq(ledger.id, entryId));
    if (!e) throw new WaiveError(`no ledger entry ${entryId}`);
    if (!(await mayJudge(tx, actorId, e.centerCode, now)))
      throw new WaiveError(`"${actorId}" may not waive entries of ${e.centerCode}: only its leader in charge or an admin`);
    const [done] = await tx
      .update(ledger)
      .set({ waivedAt: now, waivedBy: actorId, waiveReason: reason.trim() })
      .where(and(eq(ledger.id, entryId), isNull(ledger.waivedAt)))
      .returning();
    if (!done) throw new WaiveError(`entry ${entryId} is already waived`);
    return done;
  });
}

export async function resolveRedline(db: Db, deductionId: number, actorId: string, note: string, now: Date) {
  if (!note.trim()) throw new WaiveError('resolving a red line needs a note (what was done)');
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(deductions).where(eq(deductions.id, deductionId));
    if (!d) throw new WaiveError(`no red line ${deductionId}`);
    if (!(await mayJudge(tx, actorId, d.centerCode, now)))
      throw new WaiveError(`"${actorId}" may not resolve red lines of ${d.centerCode}: only its leader in charge or an admin`);
    const [done] = await tx
      .update(deductions)
      .set({ resolvedAt: now, resolvedBy: actorId, resolveNote: note.trim() })
      .where(and(eq(deductions.id, deductionId), isNull(deductions.resolvedAt)))
      .returning();
    if (!done) throw new WaiveError(`red line ${deductionId} is already resolved`);
    return done;
  });
}
