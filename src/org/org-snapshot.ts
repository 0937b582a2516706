// The organisation as stored, in one structure: for `steward org show` and for anything that needs the whole org.
import type { Db } from '../db/client.ts';
import { getCompany, listCenterRoles, listCenters, listChats, listDepartmentMembers, listPeople } from '../db/queries/org.ts';

export async function loadOrgSnapshot(db: Db) {
  const [companyRow, people, centers, roles, members, chats] = await Promise.all([
    getCompany(db),
    listPeople(db),
    listCenters(db),
    listCenterRoles(db),
    listDepartmentMembers(db, { activeOnly: true }),
    listChats(db),
  ]);
  const departments: Record<string, string[]> = {};
  for (const m of members) (departments[m.department] ??= []).push(m.personId);
  return {
    company: companyRow?.name ?? null,
    announcementsChat: companyRow?.announcementsChat ?? null,
    departments,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      openId: p.openId,
      email: p.email,
      mobile: p.mobile,
      roles: p.roles,
      since: p.since,
      active: p.active,
    })),
    centers: centers.map((c) => {
      const mine = roles.filter((r) => r.centerCode === c.code);
      const current = mine.filter((r) => r.validTo === null);
      return {
        code: c.code,
        name: c.name,
        headcount: c.headcount,
        households: c.households,
        posts: c.posts,
        chat: c.chat,
        active: c.active,
        manager: current.find((r) => r.role === 'manager')?.personId ?? null,
        supervisors: current.filter((r) => r.role === 'supervisor').map((r) => r.personId),
        leader: current.find((r) => r.role === 'leader')?.personId ?? null,
        history: mine.map((r) => ({ role: r.role, personId: r.personId, from: r.validFrom, to: r.validTo })),
      };
    }),
    chats: chats.map((c) => ({ chatId: c.chatId, name: c.name, purpose: c.purpose, botMember: c.botMember })),
  };
}

export type OrgSnapshot = Awaited<ReturnType<typeof loadOrgSnapshot>>;
