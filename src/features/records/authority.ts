// Who may file a record for whom (the person themself, the leader in charge of their center, or an admin), and where;
// who answers for an open complaint or clock after a handover, and who may act on it.
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCenterRolesOn } from '../../db/queries/org.ts';
import { centerRoles, type Duty, type Person } from '../../db/schema/index.ts';
import type { DutyOrg } from '../../rules/duties/duty-org.ts';
import { answererOn, holderOn, postedOn, type OpenItem } from '../../scheduler/recipients.ts';
import { isAdmin } from '../leave/leave-authority.ts';

export async function mayFileFor(db: Db, actor: Person, ownerId: string, centerCode: string, day: string): Promise<boolean> {
  if (actor.id === ownerId) return true;
  if (await isAdmin(db, actor)) return true;
  const roles = await listCenterRolesOn(db, day);
  return roles.some((r) => r.role === 'leader' && r.personId === actor.id && r.centerCode === centerCode);
}

/**
 * A record without a duty is filed under a center where its owner holds a post (manager or supervisor) that day; a
 * card naming any other center was not made for them. (A record with a duty is filed under the duty's own center.)
 */
export async function holdsPostAt(db: Db, ownerId: string, centerCode: string, day: string): Promise<boolean> {
  const rows = await db
    .select({ role: centerRoles.role })
    .from(centerRoles)
    .where(
      and(
        eq(centerRoles.personId, ownerId),
        eq(centerRoles.centerCode, centerCode),
        inArray(centerRoles.role, ['manager', 'supervisor']),
        lte(centerRoles.validFrom, day),
        or(isNull(centerRoles.validTo), gt(centerRoles.validTo, day)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * A duty is filed while its owner holds a post at its center; after they leave it (a handover), only a report that
 * fell due while they held it, late. What the center owes from the handover on is the successor's own duty.
 */
export async function dutyStillTheirs(db: Db, duty: Pick<Duty, 'personId' | 'centerCode' | 'kind' | 'dueDay'>, day: string) {
  if (await holdsPostAt(db, duty.personId, duty.centerCode, day)) return true;
  return duty.kind !== 'quota' && duty.dueDay < day && (await holdsPostAt(db, duty.personId, duty.centerCode, duty.dueDay));
}

/** The posts of some centers, past and present, as the answerer reads them. */
export async function postsOfCenters(db: Db, centerCodes: string[]): Promise<{ org: DutyOrg }> {
  const rows = centerCodes.length ? await db.select().from(centerRoles).where(inArray(centerRoles.centerCode, centerCodes)) : [];
  const assignments = rows.map((r) => ({
    centerCode: r.centerCode,
    role: r.role,
    personId: r.personId,
    validFrom: r.validFrom,
    validTo: r.validTo,
  }));
  return { org: { people: new Map(), centers: new Map(), assignments } };
}

/**
 * Who may act on an open complaint or clock: whoever answers for it that day, its owner while still posted at its
 * center, the center's leader in charge, or an admin. A manager who moved away no longer may; their successor may.
 */
export async function mayActOn(db: Db, actor: Person, item: OpenItem, day: string): Promise<boolean> {
  const posts = await postsOfCenters(db, [item.centerCode]);
  if (answererOn(posts, item, day) === actor.id) return true;
  if (actor.id === item.ownerId && postedOn(posts, item.centerCode, actor.id, day)) return true;
  if (holderOn(posts, item.centerCode, 'leader', day).includes(actor.id)) return true;
  return isAdmin(db, actor);
}

/** Held a post (manager or supervisor) at a center before a day but none that day: moved away or left (a refusal says so). */
export async function leftCenter(db: Db, personId: string, centerCode: string, day: string): Promise<boolean> {
  const rows = await db
    .select({ validTo: centerRoles.validTo })
    .from(centerRoles)
    .where(
      and(
        eq(centerRoles.personId, personId),
        eq(centerRoles.centerCode, centerCode),
        inArray(centerRoles.role, ['manager', 'supervisor']),
        lte(centerRoles.validFrom, day),
      ),
    );
  return rows.length > 0 && rows.every((r) => r.validTo !== null && r.validTo <= day);
}
