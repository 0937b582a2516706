// Who may file a record for whom (the person themself, the leader in charge of their center, or an admin), and where.
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCenterRolesOn } from '../../db/queries/org.ts';
import { centerRoles, type Person } from '../../db/schema/index.ts';
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
