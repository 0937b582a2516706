// The slice of the organisation duties are computed from (people, centers, role assignments with history, leave), loaded in one go.
import { isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { centerRoles, centers, leaves, people } from '../../db/schema/index.ts';

export interface DutyPerson {
  id: string;
  name: string;
  openId: string | null;
  roles: string[];
  since: string;
  appointed: string | null;
  active: boolean;
  leave: { from: string; to: string; reason: string | null }[];
}

export interface DutyCenter {
  code: string;
  name: string;
  households: number;
  headcount: number;
  posts: string[];
  active: boolean;
}

export interface DutyAssignment {
  centerCode: string;
  role: string;
  personId: string;
  validFrom: string;
  /** exclusive; null = still holds it */
  validTo: string | null;
}

export interface DutyOrg {
  people: Map<string, DutyPerson>;
  centers: Map<string, DutyCenter>;
  assignments: DutyAssignment[];
}

export async function loadDutyOrg(db: Db): Promise<DutyOrg> {
  // one after another: inside a scheduler pass `db` is a transaction, whose single connection runs one query at a time
  const ps = await db.select().from(people);
  const cs = await db.select().from(centers);
  const rs = await db.select().from(centerRoles);
  const ls = await db.select().from(leaves).where(isNull(leaves.cancelledAt));
  const leaveOf = new Map<string, DutyPerson['leave']>();
  for (const l of ls) {
    const list = leaveOf.get(l.personId) ?? [];
    list.push({ from: l.fromDay, to: l.toDay, reason: l.reason });
    leaveOf.set(l.personId, list);
  }
  return {
    people: new Map(
      ps.map((p) => [
        p.id,
        {
          id: p.id,
          name: p.name,
          openId: p.openId,
          roles: p.roles,
          since: p.since,
          appointed: p.appointed,
          active: p.active,
          leave: leaveOf.get(p.id) ?? [],
        },
      ]),
    ),
    centers: new Map(
      cs.map((c) => [
        c.code,
        { code: c.code, name: c.name, households: c.households, headcount: c.headcount, posts: c.posts, active: c.active },
      ]),
    ),
    assignments: rs.map((r) => ({
      centerCode: r.centerCode,
      role: r.role,
      personId: r.personId,
      validFrom: r.validFrom,
      validTo: r.validTo,
    })),
  };
}
