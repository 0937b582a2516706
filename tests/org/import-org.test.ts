import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/db/client.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { listCenterRoles, listCenterRolesOn, listDepartmentMembers, listPeople } from '../../src/db/queries/org.ts';
import { centerRoles, centers, chats, company, orgImports, people } from '../../src/db/schema/index.ts';
import { importOrg } from '../../src/org/import-org.ts';
import { parseOrgFile, type OrgFile } from '../../src/org/org-file.ts';
import { DRIVERS, useTestDatabase } from '../helpers/test-db.ts';

const exampleText = readFileSync(new URL('../../examples/org.yaml', import.meta.url), 'utf8');
const example = () => parseOrgFile(exampleText, 'org.yaml');
const opts = (today: string) => ({ today, source: 'org.yaml', sha256: 'x' });

async function count(db: Db, table: PgTable) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

describe.each(DRIVERS)('org import on %s', (driver) => {
  const t = useTestDatabase(driver);
  beforeEach(() => t.reset());

  it('importing the example twice leaves one copy of everything', async () => {
    const first = await importOrg(t.db, example(), opts('2026-11-27'));
    expect(first).toMatchObject({ peopleAdded: 6, centersAdded: 1, rolesOpened: 3, departmentChanges: 3 });
    const second = await importOrg(t.db, example(), opts('2026-11-28'));
    expect(Object.values(second).every((n) => n === 0)).toBe(true);

    expect(await count(t.db, people)).toBe(6);
    expect(await count(t.db, centers)).toBe(1);
    expect(await count(t.db, centerRoles)).toBe(3);
    expect(await count(t.db, company)).toBe(1);
    expect(await count(t.db, chats)).toBe(2); // oc_announce and oc_c001
    expect(await count(t.db, orgImports)).toBe(2); // each import is recorded
    expect(await listDepartmentMembers(t.db)).toHaveLength(3);
  });

  it("a person's since defaults to the day of the first import and does not move on re-import", async () => {
    await importOrg(t.db, example(), opts('2026-11-27'));
    await importOrg(t.db, example(), opts('2026-12-05'));
    const byId = new Map((await listPeople(t.db)).map((p) => [p.id, p]));
    expect(byId.get('m1')!.since).toBe('2026-11-01');
    expect(byId.get('v1')!.since).toBe('2026-11-27');
  });

  it("the first manager's duty starts on their since date", async () => {
    await importOrg(t.db, example(), opts('2026-11-27'));
    const onNov1 = await listCenterRolesOn(t.db, '2026-11-01');
    expect(onNov1.map((r) => `${r.role}:${r.personId}`)).toEqual(['manager:m1']);
  });

  it("changing a center's manager moves the duty from the day of the change and keeps the history", async () => {
    await importOrg(t.db, example(), opts('2026-11-27'));
    const changed: OrgFile = example();
    changed.people.push({ id: 'm2', name: '陈静', open_id: 'ou_m2', roles: ['manager'], leave: [] });
    changed.centers[0]!.manager = 'm2';
    const summary = await importOrg(t.db, changed, opts('2026-12-03'));
    expect(summary).toMatchObject({ peopleAdded: 1, rolesOpened: 1, rolesClosed: 1 });

    const managers = (await listCenterRoles(t.db, { centerCode: 'C001' })).filter((r) => r.role === 'manager');
    expect(managers.map((r) => [r.personId, r.validFrom, r.validTo])).toEqual([
      ['m1', '2026-11-01', '2026-12-03'],
      ['m2', '2026-12-03', null],
    ]);
    expect((await listCenterRolesOn(t.db, '2026-12-02')).find((r) => r.role === 'manager')!.personId).toBe('m1');
    expect((await listCenterRolesOn(t.db, '2026-12-03')).find((r) => r.role === 'manager')!.personId).toBe('m2');
    // m1 is still in the file: active, no longer managing
    expect((await listPeople(t.db)).find((p) => p.id === 'm1')!.active).toBe(true);
  });

  it("a successor's since in the file dates the change, when it is after the predecessor's start", async () => {
    await importOrg(t.db, example(), opts('2026-11-27'));
    const changed = example();
    changed.people.push({ id: 'm2', name: '陈静', open_id: 'ou_m2', roles: ['manager'], since: '2026-11-20', leave: [] });
    changed.centers[0]!.manager = 'm2';
    await importOrg(t.db, changed, opts('2026-11-27'));
    const managers = (await listCenterRoles(t.db, { centerCode: 'C001' })).filter((r) => r.role === 'manager');
    expect(managers.map((r) => [r.personId, r.validFrom, r.validTo])).toEqual([
      ['m1', '2026-11-01', '2026-11-20'],
      ['m2', '2026-11-20', null],
    ]);
  });

  it('a manager moved to a new center on 2026-11-16 starts there that day, not back at their since (2026-11-01)', async () => {
    await importOrg(t.db, example(), opts('2026-11-01'));
    const moved = example();
    moved.people.push({ id: 'm2', name: '陈静', open_id: 'ou_m2', roles: ['manager'], leave: [] });
    moved.centers[0]!.manager = 'm2';
    moved.centers.push({ ...moved.centers[0]!, code: 'C002', name: '翠湖苑物业服务中心', manager: 'm1', supervisors: [], chat: undefined });
    await importOrg(t.db, moved, opts('2026-11-16'));
    const posts = (await listCenterRoles(t.db)).filter((r) => r.role === 'manager');
    expect(posts.map((r) => [r.centerCode, r.personId, r.validFrom, r.validTo])).toEqual([
      ['C001', 'm1', '2026-11-01', '2026-11-16'],
      ['C001', 'm2', '2026-11-16', null],
      ['C002', 'm1', '2026-11-16', null],
    ]);
  });

  it('people removed from the file are deactivated, never deleted, and their roles are closed', async () => {
    await importOrg(t.db, example(), opts('2026-11-27'));
    const smaller = example();
    smaller.people = smaller.people.filter((p) => p.id !== 'v1');
    smaller.centers[0]!.supervisors = [];
    const summary = await importOrg(t.db, smaller, opts('2026-12-01'));
    expect(summary).toMatchObject({ peopleDeactivated: 1, rolesClosed: 1 });

    const v1 = (await listPeople(t.db)).find((p) => p.id === 'v1');
    expect(v1).toMatchObject({ active: false, name: '王芳' });
    const supervisor = (await listCenterRoles(t.db, { personId: 'v1' }))[0]!;
    expect([supervisor.validFrom, supervisor.validTo]).toEqual(['2026-11-27', '2026-12-01']);

    // coming back reactivates the same person, with a new assignment
    await importOrg(t.db, example(), opts('2026-12-10'));
    expect((await listPeople(t.db)).find((p) => p.id === 'v1')!.active).toBe(true);
    expect((await listCenterRoles(t.db, { personId: 'v1' })).map((r) => [r.validFrom, r.validTo])).toEqual([
      ['2026-11-27', '2026-12-01'],
      ['2026-12-10', null],
    ]);
  });

  it('an open_id that moves to a new id is handed over, not refused', async () => {
    await importOrg(t.db, example(), opts('2026-11-27'));
    const rekeyed = example();
    rekeyed.people = rekeyed.people.map((p) => (p.id === 's1' ? { ...p, id: 's9' } : p));
    rekeyed.departments.customer_service = ['s9'];
    await importOrg(t.db, rekeyed, opts('2026-11-28'));
    const byId = new Map((await listPeople(t.db)).map((p) => [p.id, p]));
    expect(byId.get('s9')!.openId).toBe('ou_s1');
    expect(byId.get('s1')).toMatchObject({ active: false, openId: null });
  });

  it('an import that fails half-way writes nothing (one transaction)', async () => {
    const broken = example();
    // bypass validation: a center whose leader does not exist trips the foreign key after people were written
    broken.centers[0]!.leader = 'nobody';
    await expect(importOrg(t.db, broken, opts('2026-11-27'))).rejects.toThrow();
    expect(await count(t.db, people)).toBe(0);
    expect(await count(t.db, centers)).toBe(0);
    expect(await count(t.db, orgImports)).toBe(0);
  });
});
