// Who belongs to the quality center (品质管理中心): the quality role, or a member of the department.
import type { Db } from '../../db/client.ts';
import { listDepartmentMembers } from '../../db/queries/org.ts';
import type { Person } from '../../db/schema/index.ts';

export async function isQualityCenter(db: Db, person: Person): Promise<boolean> {
  if (person.roles.includes('quality')) return true;
  return (await listDepartmentMembers(db, { activeOnly: true })).some((m) => m.department === 'quality_center' && m.personId === person.id);
}
