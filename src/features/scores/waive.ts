// Waivers and red-line resolution: a leader (for their centers) or an admin marks an entry waived, or a red line resolved,
// with who and why. The entry stays; totals leave it out. A waived entry's person is told, in the same transaction.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { getPersonById, listCenterRolesOn } from '../../db/queries/org.ts';
import { deductions, ledger, type Person } from '../../db/schema/index.ts';
import { entryText, waivedNoticeCard } from '../../lark/cards/ledger-cards.ts';
import { shanghaiDay } from '../../lib/shanghai.ts';
import { cardToPerson, enqueue } from '../../outbox/enqueue.ts';
import type { Rulebook } from '../../rules/rulebook/schema.ts';
import { isAdmin } from '../leave/leave-authority.ts';
import { correctionsOfWaived } from './corrections.ts';

/** Why a judgement was refused: `code` for the chat's toast, the message (English) for the CLI. */
export type WaiveProblem = 'reason' | 'missing' | 'notAllowed' | 'own' | 'already' | 'notRedline';

export class WaiveError extends Error {
  constructor(
    readonly problem: WaiveProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Whether `actor` may judge the entries of a center: an admin, or the center's leader in charge today. */
export async function mayJudge(db: Db, actor: Person, centerCode: string, now: Date): Promise<boolean> {
  if (!actor.active) return false;
  if (await isAdmin(db, actor)) return true;
  return (await listCenterRolesOn(db, shanghaiDay(now))).some(
    (r) => r.role === 'leader' && r.personId === actor.id && r.centerCode === centerCode,
  );
}

async function judge(db: Db, actorId: string, centerCode: string, subjectId: string, now: Date, what: string): Promise<Person> {
  const actor = await getPersonById(db, actorId);
  if (!actor || !(await mayJudge(db, actor, centerCode, now)))
    throw new WaiveError('notAllowed', `"${actorId}" may not ${what} of ${centerCode}: only its leader in charge or an admin`);
  if (actor.id === subjectId) throw new WaiveError('own', `"${actorId}" may not ${what} of their own`);
  return actor;
}

/**
 * Waives one entry; the person gets a card saying so (outbox key per entry, so once), with the new totals of the weeks and
 * months already announced that it changes (the next announcement of each lists the correction).
 */
export async function waiveEntry(db: Db, book: Rulebook, entryId: number, actorId: string, reason: string, now: Date) {
  if (!reason.trim()) throw new WaiveError('reason', 'a waiver needs a reason (e.g. 已批准请假, 系统故障)');
  return db.transaction(async (tx) => {
    const [e] = await tx.select().from(ledger).where(eq(ledger.id, entryId));
    if (!e) throw new WaiveError('missing', `no ledger entry ${entryId}`);
    const actor = await judge(tx, actorId, e.centerCode, e.personId, now, 'waive entries');
    const [done] = await tx
      .update(ledger)
      .set({ waivedAt: now, waivedBy: actor.id, waiveReason: reason.trim() })
      .where(and(eq(ledger.id, entryId), isNull(ledger.waivedAt)))
      .returning();
    if (!done) throw new WaiveError('already', `entry ${entryId} is already waived`);
    const person = await getPersonById(tx, done.personId);
    const corrected = (await correctionsOfWaived(tx, book, [done], now)).map((c) => ({
      periodText: c.periodText,
      yuan: c.yuan,
      points: c.points,
    }));
    if (person?.openId)
      await enqueue(
        tx,
        now,
        cardToPerson(
          `waived:${done.id}`,
          person.openId,
          waivedNoticeCard({ entry: entryText(done), by: actor.name, reason: done.waiveReason!, corrected }),
          `ledger:${done.id}`,
        ),
      );
    return done;
  });
}

/** The rules whose deductions are red lines (flagged and escalated, no points). */
export const redlineRuleIds = (book: Rulebook): string[] => book.rules.filter((r) => r.kind === 'deduction' && r.redline).map((r) => r.id);

/** Resolves a red line with a note; an ordinary deduction is refused (its points are waived through its ledger entry). */
export async function resolveRedline(db: Db, book: Rulebook, deductionId: number, actorId: string, note: string, now: Date) {
  if (!note.trim()) throw new WaiveError('reason', 'resolving a red line needs a note (what was done)');
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(deductions).where(eq(deductions.id, deductionId));
    if (!d) throw new WaiveError('missing', `no red line ${deductionId}`);
    if (!redlineRuleIds(book).includes(d.ruleId)) {
      const [entry] = await tx
        .select({ id: ledger.id })
        .from(ledger)
        .where(and(eq(ledger.sourceType, 'deduction'), eq(ledger.sourceId, String(d.id))));
      throw new WaiveError(
        'notRedline',
        `deduction ${deductionId} is not a red line (${d.ruleId}, ${d.points} points)${entry ? `: waive its ledger entry instead (steward ledger waive ${entry.id})` : ''}`,
      );
    }
    const actor = await judge(tx, actorId, d.centerCode, d.personId, now, 'resolve red lines');
    const [done] = await tx
      .update(deductions)
      .set({ resolvedAt: now, resolvedBy: actor.id, resolveNote: note.trim() })
      .where(and(eq(deductions.id, deductionId), isNull(deductions.resolvedAt)))
      .returning();
    if (!done) throw new WaiveError('already', `red line ${deductionId} is already resolved`);
    return done;
  });
}
