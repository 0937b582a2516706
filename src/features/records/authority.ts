// Who may file a record for whom: the person themself, the leader in charge of their center, or an admin.
import type { Db } from '../../db/client.ts';
import { listCenterRolesOn } from '../../db/queries/org.ts';
import type { Person } from '../../db/schema/index.ts';
import { isAdmin } from '../leave/leave-authority.ts';

export async function mayFileFor(db: Db, actor: Person, ownerId: string, centerCode: string, day: string): Promise<boolean> {
  if (actor.id === ownerId) return true;
  if (await isAdmin(db, actor)) return true;
  const roles = await listCenterRolesOn(db, day);
  return roles.some((r) => r.role === 'leader' && r.personId === actor.id && r.centerCode === centerCode);
}
