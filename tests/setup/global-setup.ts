// Once per test run: builds dist/ if stale, and migrates the template databases every test file starts from (PGlite, PostgreSQL).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { createPostgresDatabase } from '../helpers/test-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a file holding a dump of a migrated PGlite data folder */
    pgliteTemplate: string;
    /** the URL of a migrated PostgreSQL database to copy (TEMPLATE), or '' without TEST_DATABASE_URL */
    postgresTemplate: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // npm start (and the tests that spawn it) builds dist/ when stale; building here once keeps parallel files from each doing it
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed (see above)');

  const dir = mkdtempSync(path.join(tmpdir(), 'steward-templates-'));
  const pglite = await openDatabase({});
  await pglite.migrate();
  const client = (pglite.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  await pglite.close();
  const pgliteFile = path.join(dir, 'pglite.tar');
  writeFileSync(pgliteFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', pgliteFile);

  let dropPostgres = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const template = await createPostgresDatabase();
    const database = await openDatabase({ url: template.url, poolSize: 1 });
    await database.migrate();
    await database.close();
    project.provide('postgresTemplate', template.url);
    dropPostgres = template.drop;
  } else {
    project.provide('postgresTemplate', '');
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropPostgres();
  };
}
