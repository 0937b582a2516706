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
