// Who may record leave for whom: a leader for the managers and supervisors of the centers they lead; an admin for anyone with a post.
import type { Db } from '../../db/client.ts';
import { listCenterRolesOn, listDepartmentMembers, listPeople } from '../../db/queries/org.ts';
import type { Person } from '../../db/schema/index.ts';

const POST_NAMES: Record<string, string> = { manager: '经理', supervisor: '主管' };

export async function isAdmin(db: Db, person: Person): Promise<boolean> {
  if (person.roles.includes('admin')) return true;
  return (await listDepartmentMembers(db, { activeOnly: true })).some((m) => m.department === 'admin' && m.personId === person.id);
}

export async function leaveCandidates(db: Db, actor: Person, today: string): Promise<{ id: string; name: string; post: string }[]> {
  const roles = await listCenterRolesOn(db, today);
  const admin = await isAdmin(db, actor);
  const led = new Set(roles.filter((r) => r.role === 'leader' && r.personId === actor.id).map((r) => r.centerCode));
  const names = new Map((await listPeople(db, { activeOnly: true })).map((p) => [p.id, p.name]));
  const out = new Map<string, { id: string; name: string; post: string }>();
  for (const r of roles) {
    if (r.role === 'leader' || !names.has(r.personId)) continue;
    if (admin || led.has(r.centerCode))
      out.set(r.personId, { id: r.personId, name: names.get(r.personId)!, post: POST_NAMES[r.role] ?? r.role });
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}
