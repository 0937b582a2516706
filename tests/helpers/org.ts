// The example organisation, imported into a test database.
import { readFileSync } from 'node:fs';
import type { Db } from '../../src/db/client.ts';
import { importOrg } from '../../src/org/import-org.ts';
import { parseOrgFile, type OrgFile } from '../../src/org/org-file.ts';

export const EXAMPLE_ORG_PATH = new URL('../../examples/org.yaml', import.meta.url).pathname;

export function exampleOrg(): OrgFile {
  return parseOrgFile(readFileSync(EXAMPLE_ORG_PATH, 'utf8'), 'org.yaml');
}

export async function importExampleOrg(db: Db, today = '2026-11-27', org: OrgFile = exampleOrg()) {
  return importOrg(db, org, { today, source: 'examples/org.yaml', sha256: 'test' });
}

/** The example org with a second center, 翠湖苑 (C002), run by 陈静 (m2) under `leader` (l1, or a new leader 王磊 l2). */
export function exampleOrgWithSecondCenter(leader: 'l1' | 'l2' = 'l1'): OrgFile {
  const org = exampleOrg();
  org.people.push({ id: 'm2', name: '陈静', open_id: 'ou_m2', roles: ['manager'], since: '2026-11-01', leave: [] });
  if (leader === 'l2') org.people.push({ id: 'l2', name: '王磊', open_id: 'ou_l2', roles: ['leader'], since: '2026-11-01', leave: [] });
  org.centers.push({
    code: 'C002',
    name: '翠湖苑物业服务中心',
    headcount: 18,
    households: 400,
    posts: ['大门岗', '监控中心'],
    manager: 'm2',
    supervisors: [],
    leader,
  });
  return org;
}
