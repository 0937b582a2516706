// How duties are stored: rule terms once per version (by hash), the past never rewritten, bulk inserts idempotent, the upgrade from terms on every row.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/db/client.ts';
import { insertDuties, selectDuties } from '../../src/db/queries/duties.ts';
import { duties, ruleVersions } from '../../src/db/schema/index.ts';
import { loadDutyOrg } from '../../src/rules/duties/duty-org.ts';
import { generateDuties } from '../../src/rules/duties/generate-duties.ts';
import { jsonbText, termsHash } from '../../src/rules/duties/rule-version.ts';
import { dutyKey, type DutySpec } from '../../src/rules/duties/types.ts';
import type { Rule } from '../../src/rules/rulebook/schema.ts';
import { importExampleOrg } from '../helpers/org.ts';
import { testRules } from '../helpers/rules.ts';
import { createPostgresDatabase, DRIVERS, useTestDatabase } from '../helpers/test-db.ts';

const rules = testRules();
const NOW = new Date('2026-11-01T00:00:00Z');
const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);

describe.each(DRIVERS)('duty storage on %s', (driver) => {
  const t = useTestDatabase(driver);
  const month = async (book = rules.book, from = '2026-11-01', to = '2026-11-30') =>
    generateDuties(book, await loadDutyOrg(t.db), rules.calendar, from, to);

  beforeEach(async () => {
    await t.reset();
    await importExampleOrg(t.db, '2026-11-01');
  });

  it('the terms of a rule are stored once however many duties use them, and again-loaded rulebooks find the same version', async () => {
    const specs = await month();
    expect(await insertDuties(t.db, specs, NOW)).toBe(specs.length);
    const versions = await t.db.select().from(ruleVersions);
    expect(versions).toHaveLength(new Set(specs.map((s) => s.ruleId)).size);
    // a fresh load of the same rulebook: new objects, the same hashes, no new versions
    const again = generateDuties(testRules().book, await loadDutyOrg(t.db), rules.calendar, '2026-12-01', '2026-12-31');
    await insertDuties(t.db, again, NOW);
    expect(await t.db.$count(ruleVersions)).toBe(new Set([...specs, ...again].map((s) => s.ruleId)).size);
    // each duty reads its rule's terms through its version
    const [report] = await selectDuties(t.db).where(eq(duties.key, 'admin.daily_report|m1|C001|2026-11-02'));
    expect((report!.terms as Rule).title).toBe('日报');
  });

  it('the hash is sha256 of the terms as PostgreSQL prints the jsonb, so SQL and the code agree on every version', async () => {
    await insertDuties(t.db, await month(), NOW);
    const rows = rowsOf<{ hash: string; sql_hash: string; text: string; rule_id: string }>(
      await t.db.execute(
        sql`select hash, rule_id, terms::text as text, encode(sha256(convert_to(terms::text, 'UTF8')), 'hex') as sql_hash from rule_versions`,
      ),
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.hash).toBe(r.sql_hash);
      expect(jsonbText(rules.book.rules.find((x) => x.id === r.rule_id))).toBe(r.text);
    }
  });

  it('changing a rule adds a version: a duty created before keeps the terms it was created under, the new ones get the new terms', async () => {
    await insertDuties(t.db, await month(), NOW);
    const changed = {
      ...rules.book,
      rules: rules.book.rules.map((r) => (r.id === 'admin.daily_report' ? { ...r, title: '工作日报', time: '17:00' } : r)),
    };
    const december = await month(changed as typeof rules.book, '2026-12-01', '2026-12-31');
    expect(termsHash(changed.rules.find((r) => r.id === 'admin.daily_report')!)).not.toBe(
      termsHash(rules.book.rules.find((r) => r.id === 'admin.daily_report')!),
    );
    await insertDuties(t.db, december, new Date('2026-12-01T00:00:00Z'));
    const reports = await t.db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, 'admin.daily_report'));
    expect(reports.map((v) => (v.terms as Rule).title).sort()).toEqual(['工作日报', '日报']);
    const [old] = await selectDuties(t.db).where(eq(duties.key, 'admin.daily_report|m1|C001|2026-11-02'));
    const [fresh] = await selectDuties(t.db).where(eq(duties.key, 'admin.daily_report|m1|C001|2026-12-01'));
    expect(old!.terms).toMatchObject({ title: '日报', time: '16:30' });
    expect(fresh!.terms).toMatchObject({ title: '工作日报', time: '17:00' });
    // re-inserting November under the new rulebook does not rewrite the past either
    await insertDuties(t.db, await month(changed as typeof rules.book), NOW);
    const [still] = await selectDuties(t.db).where(eq(duties.key, 'admin.daily_report|m1|C001|2026-11-02'));
    expect(still!.terms).toMatchObject({ title: '日报' });
  });

  it('the bulk insert is idempotent: a repeat, and repeats inside one call, add nothing and leave one row per key', async () => {
    const specs = await month();
    const first = await insertDuties(t.db, [...specs, ...specs.slice(0, 50)], NOW);
    expect(first).toBe(specs.length);
    expect(await insertDuties(t.db, specs, NOW)).toBe(0);
    expect(await t.db.$count(duties)).toBe(specs.length);
    const [dups] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from (select key from duties group by key having count(*) > 1) d`),
    );
    expect(dups!.n).toBe(0);
  });

  it('every field survives the array literals: quotes, backslashes, commas, braces, empty text, nulls, instants', async () => {
    const [base] = await month();
    const odd: DutySpec = {
      ...base!,
      centerCode: '"q",\\b{c}',
      periodKey: '',
      statusNote: 'say "hi", {x}\\y NULL',
      target: null,
      status: 'suspended',
    };
    const nul: DutySpec = { ...base!, periodKey: 'NULL', statusNote: null, target: 7 };
    expect(await insertDuties(t.db, [odd, nul], NOW)).toBe(2);
    // the stored key is computed by PostgreSQL from the four columns, the same text as the generator's
    const [a] = await selectDuties(t.db).where(eq(duties.key, dutyKey(odd.ruleId, odd.personId, odd.centerCode, '')));
    expect(a).toMatchObject({
      centerCode: odd.centerCode,
      periodKey: '',
      statusNote: odd.statusNote,
      target: null,
      status: 'suspended',
      dueAt: odd.dueAt,
      closesAt: odd.closesAt,
      createdAt: NOW,
    });
    const [b] = await selectDuties(t.db).where(eq(duties.key, dutyKey(nul.ruleId, nul.personId, nul.centerCode, 'NULL')));
    expect(b).toMatchObject({ statusNote: null, target: 7, periodStart: base!.periodStart, dueDay: base!.dueDay });
  });
});

/** The statements of one migration file. */
const statements = (file: string) =>
  readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
const BEFORE = [
  '0000_org.sql',
  '0001_lark_edge.sql',
  '0002_duties.sql',
  '0003_records.sql',
  '0004_followups.sql',
  '0005_redline_resolution.sql',
];

describe.each(DRIVERS)('upgrading a database whose duties carry their terms, on %s', (driver) => {
  it('the migration moves each distinct terms to one version, points every duty at it, and drops the column', async () => {
    let query: (q: string) => Promise<Record<string, unknown>[]>;
    let close: () => Promise<void>;
    if (driver === 'pglite') {
      const lite = new PGlite();
      query = async (q) => (await lite.query<Record<string, unknown>>(q)).rows;
      close = () => lite.close();
    } else {
      const pgdb = await createPostgresDatabase();
      const client = new pg.Client({ connectionString: pgdb.url });
      await client.connect();
      query = async (q) => (await client.query(q)).rows;
      close = async () => {
        await client.end();
        await pgdb.drop();
      };
    }
    try {
      for (const f of BEFORE) for (const s of statements(f)) await query(s);
      await query(`insert into people (id, name, since) values ('m1', '张伟', '2026-11-01')`);
      const old = JSON.stringify({ id: 'admin.daily_report', title: '日报', time: '16:30' });
      const changed = JSON.stringify({ title: '工作日报', id: 'admin.daily_report', time: '17:00' });
      const duty = (key: string, terms: string) =>
        `insert into duties (key, rule_id, kind, person_id, center_code, period_key, period_start, period_end, due_day, due_at, closes_at, terms, created_at)
         values ('${key}', 'admin.daily_report', 'deadline', 'm1', 'C001', '${key}', '2026-11-02', '2026-11-02', '2026-11-02', now(), now(), '${terms}', now())`;
      await query(duty('a', old));
      await query(duty('b', old));
      await query(duty('c', changed));
      for (const s of statements('0006_rule_versions.sql')) await query(s);
      const versions = await query(`select id, hash, terms::text as text, terms->>'title' as title from rule_versions order by id`);
      expect(versions.map((v) => v.title).sort()).toEqual(['工作日报', '日报']);
      for (const v of versions) expect(v.hash).toBe(termsHash(JSON.parse(v.text as string)));
      const rows = await query(
        `select d.key, v.terms->>'title' as title from duties d join rule_versions v on v.id = d.rule_version_id order by d.key`,
      );
      expect(rows).toEqual([
        { key: 'a', title: '日报' },
        { key: 'b', title: '日报' },
        { key: 'c', title: '工作日报' },
      ]);
      expect(await query(`select 1 from information_schema.columns where table_name = 'duties' and column_name = 'terms'`)).toEqual([]);
    } finally {
      await close();
    }
  });
});
