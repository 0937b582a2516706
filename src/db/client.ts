// Opens the database: embedded PGlite on disk (no DATABASE_URL) or PostgreSQL through node-postgres; one schema for both.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { maskUrl } from '../config.ts';
import { lockDataDir } from './pglite-lock.ts';
import * as schema from './schema/index.ts';

type Schema = typeof schema;
/** A database or a transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, '../../migrations');

export interface Database {
  readonly db: Db;
  readonly driver: 'pglite' | 'postgres';
  /** Where the data lives, safe to print (password masked). */
  readonly location: string;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  readonly code = 'DATABASE_UNREACHABLE' as const;
  constructor(location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || cause.constructor.name : String(cause);
    super(`cannot reach the database at ${location}: ${reason.split('\n')[0]}`);
    this.name = 'DatabaseUnreachableError';
  }
}

export interface OpenOptions {
  /** PostgreSQL URL; absent → embedded PGlite. */
  url?: string;
  /** Folder for PGlite's data; absent (with no url) → in memory. */
  dataDir?: string;
  /** Pool size for node-postgres. */
  poolSize?: number;
  /** PGlite only: start a new data folder (or memory) from this dump of one (`dumpDataDir`) instead of an empty one. */
  pgliteTemplate?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolSize ?? 10) : openPglite(opts.dataDir, opts.pgliteTemplate);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const location = maskUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* idle client errors surface on the next query; never crash the process */
  });
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  const handle: Database = {
    db,
    driver: 'postgres',
    location,
    migrate: () => migratePg(drizzlePg(pool, { schema, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
  try {
    await handle.ping();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseUnreachableError(location, e);
  }
  return handle;
}

async function openPglite(dataDir?: string, template?: Blob): Promise<Database> {
  let client: PGlite;
  let location = 'memory (embedded)';
  let unlock = () => {};
  if (dataDir) {
    const dir = path.resolve(dataDir, 'pglite');
    mkdirSync(path.dirname(dir), { recursive: true });
    location = `${dir} (embedded)`;
    unlock = lockDataDir(dir);
    try {
      client = new PGlite(dir, template ? { loadDataDir: template } : {});
      await client.waitReady;
    } catch (e) {
      unlock();
      throw new DatabaseUnreachableError(location, e);
    }
  } else {
    client = new PGlite(template ? { loadDataDir: template } : {});
    await client.waitReady;
  }
  const raw = drizzlePglite(client, { schema, casing: 'snake_case' });
  return {
    db: raw as unknown as Db,
    driver: 'pglite',
    location,
    migrate: () => migratePglite(raw, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await raw.execute(sql`select 1`);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}
