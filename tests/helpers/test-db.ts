// Test databases: an in-memory PGlite per test file, and a throwaway PostgreSQL database when TEST_DATABASE_URL is set,
// each a copy of the run's migrated template (tests/setup/global-setup.ts) rather than migrated anew.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, inject, it } from 'vitest';
import { openDatabase, type Database, type Db } from '../../src/db/client.ts';

export type Driver = 'pglite' | 'postgres';

/** Every driver the suite runs on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DRIVERS: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Inside a describe: true when TEST_DATABASE_URL is set; otherwise registers a test that fails loudly (never a skip). */
export function hasPostgres(what: string): boolean {
  if (process.env.TEST_DATABASE_URL) return true;
  it('needs TEST_DATABASE_URL (a PostgreSQL server) to run', () => {
    throw new Error(`TEST_DATABASE_URL is not set: ${what} needs a real PostgreSQL server`);
  });
  return false;
}

let pgliteDump: Blob | undefined;
/** The run's migrated PGlite data folder, as a dump to load (read once per worker). */
export function pgliteTemplate(): Blob {
  pgliteDump ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return pgliteDump;
}

/** The run's migrated PostgreSQL database to copy. */
export function postgresTemplate(): string {
  const url = inject('postgresTemplate');
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/**
 * Creates a PostgreSQL database for one test file (empty, or a copy of `template`'s, which must have no open
 * connections: `postgresTemplate()` for a migrated one); fails loudly when the server cannot be reached.
 */
export async function createPostgresDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `steward_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
  await client.connect().catch((e: Error) => {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL cannot be reached (${e.message}); start it or unset the variable`);
  });
  await client.query(
    template ? `create database ${name} template ${pg.escapeIdentifier(new URL(template).pathname.slice(1))}` : `create database ${name}`,
  );
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function openTestDatabase(driver: Driver): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (driver === 'pglite') {
    const database = await openDatabase({ pgliteTemplate: pgliteTemplate() });
    return { database, dispose: () => database.close() };
  }
  const pgdb = await createPostgresDatabase(postgresTemplate());
  const database = await openDatabase({ url: pgdb.url, poolSize: 5 });
  return {
    database,
    dispose: async () => {
      await database.close();
      await pgdb.drop();
    },
  };
}

/** Empties every table (keeps the schema): call in beforeEach. */
async function truncateAll(db: Db): Promise<void> {
  const rows = (await db.execute(sql`select tablename from pg_tables where schemaname = 'public'`)) as unknown as
    | { rows: { tablename: string }[] }
    | { tablename: string }[];
  const list = Array.isArray(rows) ? rows : rows.rows;
  if (list.length === 0) return;
  await db.execute(sql.raw(`truncate ${list.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`));
}

/** Opens a migrated database of the driver (a copy of the template) for the test file's lifetime. */
export function useTestDatabase(driver: Driver) {
  let handle: { database: Database; dispose: () => Promise<void> } | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  return {
    get database(): Database {
      if (!handle) throw new Error('test database not open yet');
      return handle.database;
    },
    get db(): Db {
      return this.database.db;
    },
    reset: () => truncateAll(handle!.database.db),
  };
}
