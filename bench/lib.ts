// Shared bench helpers: throwaway PostgreSQL databases, generated orgs, percentiles, machine facts and result sections.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../src/db/client.ts';
import { importOrg } from '../src/org/import-org.ts';
import type { OrgFile } from '../src/org/org-file.ts';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const RESULTS_DIR = new URL('./results/', import.meta.url).pathname;

export const APP_ID = 'cli_a1b2c3d4e5f60718';
export const APP_SECRET = 'bench-secret';
export const VERIFICATION_TOKEN = 'vt-bench';
export const ENCRYPT_KEY = 'ek-bench';

/** A fresh PostgreSQL database (migrated); `drop` closes it and drops the database. */
export async function throwawayPostgres(poolSize = 10): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  const name = `steward_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize });
  await database.migrate();
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close().catch(() => {});
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function inMemoryPglite(): Promise<Database> {
  const database = await openDatabase({});
  await database.migrate();
  return database;
}

/**
 * An org of `centers` centers: one manager each (open_id ou_m<i>), optionally one supervisor each,
 * one leader per 50 centers, plus one quality, admin and customer-service person.
 */
export function generateOrg(centers: number, o: { supervisors?: boolean; since?: string } = {}): OrgFile {
  const people: OrgFile['people'] = [];
  const list: OrgFile['centers'] = [];
  const since = o.since;
  const person = (id: string, name: string, role: OrgFile['people'][number]['roles'][number]) =>
    people.push({ id, name, open_id: `ou_${id}`, roles: [role], leave: [], ...(since ? { since } : {}) });
  const leaders = Math.ceil(centers / 50);
  for (let l = 0; l < leaders; l++) person(`l${l}`, `领导${l}`, 'leader');
  person('q0', '品质', 'quality');
  person('a0', '行政', 'admin');
  person('s0', '客服', 'customer_service');
  for (let i = 0; i < centers; i++) {
    person(`m${i}`, `经理${i}`, 'manager');
    if (o.supervisors) person(`v${i}`, `主管${i}`, 'supervisor');
    list.push({
      code: `C${String(i).padStart(5, '0')}`,
      name: `第${i}物业服务中心`,
      headcount: 30,
      households: 800,
      posts: ['大门岗', '监控中心'],
      manager: `m${i}`,
      supervisors: o.supervisors ? [`v${i}`] : [],
      leader: `l${Math.floor(i / 50)}`,
    });
  }
  return {
    company: '压测物业',
    chats: { announcements: 'oc_announce' },
    departments: { quality_center: ['q0'], admin: ['a0'], customer_service: ['s0'] },
    people,
    centers: list,
  };
}

export async function importGenerated(database: Database, org: OrgFile, today: string) {
  return importOrg(database.db, org, { today, source: 'bench', sha256: 'bench' });
}

/** The rows of a raw query, on either driver. */
export async function queryRows<T = Record<string, unknown>>(db: Db, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–');
export const sec = (msValue: number) => (msValue / 1000).toFixed(2);

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** Writes one benchmark's markdown section (bench/results/<name>.md), read back by run.ts into RESULTS.md. */
export function writeSection(name: string, markdown: string): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}${name}.md`, `${markdown.trimEnd()}\n`);
}

export function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export const log = (...a: unknown[]) => console.error('[bench]', ...a);
