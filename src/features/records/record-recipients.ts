// Who a filed record goes to: the recipients its rule names, for its center on the day (reports and event records).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listDepartmentMembers } from '../../db/queries/org.ts';
import { centerRoles, people } from '../../db/schema/index.ts';
import type { DutyOrg, DutyPerson } from '../../rules/duties/duty-org.ts';
import type { Rule } from '../../rules/rulebook/schema.ts';
import { recipientIds } from '../../scheduler/recipients.ts';

/** Daily quotas stay with their owner; reports, event records and what a rule sends to the manager are forwarded. */
function forwards(rule: Rule): boolean {
  return rule.kind === 'deadline' || rule.kind === 'anchored' || rule.kind === 'follow_up' || rule.recipients.includes('manager');
}

/** The org slice recipients are resolved in, for one center: its role holders and the departments. */
async function recipientView(db: Db, centerCode: string): Promise<{ org: DutyOrg; departments: Map<string, string[]> }> {
  const roles = await db.select().from(centerRoles).where(eq(centerRoles.centerCode, centerCode));
  const members = await listDepartmentMembers(db, { activeOnly: true });
  const departments = new Map<string, string[]>();
  for (const m of members) departments.set(m.department, [...(departments.get(m.department) ?? []), m.personId]);
  const admins = await db
    .select()
    .from(people)
    .where(and(eq(people.active, true)));
  const ids = new Set([
    ...roles.map((r) => r.personId),
    ...members.map((m) => m.personId),
    ...admins.filter((p) => p.roles.includes('admin')).map((p) => p.id),
  ]);
  const rows = ids.size
    ? await db
        .select()
        .from(people)
        .where(inArray(people.id, [...ids]))
    : [];
  const peopleMap = new Map<string, DutyPerson>(
    rows.map((p) => [
      p.id,
      { id: p.id, name: p.name, openId: p.openId, roles: p.roles, since: p.since, appointed: p.appointed, active: p.active, leave: [] },
    ]),
  );
  return {
    org: {
      people: peopleMap,
      centers: new Map(),
      assignments: roles.map((r) => ({
        centerCode: r.centerCode,
        role: r.role,
        personId: r.personId,
        validFrom: r.validFrom,
        validTo: r.validTo,
      })),
    },
    departments,
  };
}

export async function recipientsFor(
  db: Db,
  rules: Rule[],
  centerCode: string,
  day: string,
  opts: { all?: boolean } = {},
): Promise<{ id: string; openId: string | null }[]> {
  const wanted = rules.filter((r) => opts.all || forwards(r)).flatMap((r) => r.recipients);
  if (wanted.length === 0) return [];
  const view = await recipientView(db, centerCode);
  const ids = new Set(wanted.flatMap((w) => recipientIds(view, w, centerCode, day)));
  return [...ids].map((id) => ({ id, openId: view.org.people.get(id)?.active ? (view.org.people.get(id)?.openId ?? null) : null }));
}
