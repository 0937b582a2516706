// Builds what a form depends on (the center, its posts and supervisors, who files, the period) from the database.
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { centerRoles, centers, people } from '../../db/schema/index.ts';
import type { DutyOrg } from '../../rules/duties/duty-org.ts';
import type { RecordContext } from './record-form.ts';

export async function loadRecordContext(
  db: Db,
  personId: string,
  centerCode: string,
  today: string,
  periodKey?: string,
): Promise<RecordContext | null> {
  const [center] = await db.select().from(centers).where(eq(centers.code, centerCode));
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!center || !person) return null;
  const sup = await db
    .select({ id: people.id, name: people.name })
    .from(centerRoles)
    .innerJoin(people, eq(people.id, centerRoles.personId))
    .where(
      and(
        eq(centerRoles.centerCode, centerCode),
        eq(centerRoles.role, 'supervisor'),
        lte(centerRoles.validFrom, today),
        or(isNull(centerRoles.validTo), gt(centerRoles.validTo, today)),
      ),
    );
  return {
    center: { code: center.code, name: center.name, posts: center.posts, headcount: center.headcount, households: center.households },
    person: { id: person.id, name: person.name },
    supervisors: sup,
    today,
    periodKey,
  };
}

/** The same, from the org the scheduler already holds (no queries inside a pass). */
export function recordContextFromOrg(
  org: DutyOrg,
  personId: string,
  centerCode: string,
  today: string,
  periodKey?: string,
): RecordContext | null {
  const center = org.centers.get(centerCode);
  const person = org.people.get(personId);
  if (!center || !person) return null;
  const supervisors = org.assignments
    .filter(
      (a) => a.centerCode === centerCode && a.role === 'supervisor' && a.validFrom <= today && (a.validTo === null || a.validTo > today),
    )
    .map((a) => ({ id: a.personId, name: org.people.get(a.personId)?.name ?? a.personId }));
  return {
    center: { code: center.code, name: center.name, posts: center.posts, headcount: center.headcount, households: center.households },
    person: { id: person.id, name: person.name },
    supervisors,
    today,
    periodKey,
  };
}

/** The center where a person holds a post (manager or supervisor) on a day, if any. */
export async function postOf(db: Db, personId: string, day: string): Promise<{ centerCode: string; role: string } | null> {
  const rows = await db
    .select({ centerCode: centerRoles.centerCode, role: centerRoles.role })
    .from(centerRoles)
    .where(
      and(
        eq(centerRoles.personId, personId),
        lte(centerRoles.validFrom, day),
        or(isNull(centerRoles.validTo), gt(centerRoles.validTo, day)),
      ),
    );
  return rows.find((r) => r.role === 'manager') ?? rows.find((r) => r.role === 'supervisor') ?? null;
}

/** The centers where a person holds a post (manager or supervisor) on a day. */
export async function centersPostedAt(db: Db, personId: string, day: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ centerCode: centerRoles.centerCode })
    .from(centerRoles)
    .where(
      and(
        eq(centerRoles.personId, personId),
        inArray(centerRoles.role, ['manager', 'supervisor']),
        lte(centerRoles.validFrom, day),
        or(isNull(centerRoles.validTo), gt(centerRoles.validTo, day)),
      ),
    );
  return rows.map((r) => r.centerCode).sort();
}
