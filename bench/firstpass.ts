// firstpass: the first scheduler pass of a day for 10,000 centers, all default rules, by one instance and by two sharing it.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { createCalendar } from '../src/rules/calendar/index.ts';
import { defaultRulebook } from '../src/rules/rulebook/load-rulebook.ts';
import type { RulesContext } from '../src/rules/rules-context.ts';
import { BATCH_CENTERS } from '../src/scheduler/batches.ts';
import { minutePass } from '../src/scheduler/claim.ts';
import { runTick, type TickReport } from '../src/scheduler/tick.ts';
import { ADMIN_URL, generateOrg, importGenerated, log, queryRows, sec, table, throwawayPostgres, writeSection } from './lib.ts';

const CENTERS = Number(process.env.BENCH_CENTERS ?? 10_000);
/** the day before: the first start, every duty of the horizon materialised, yesterday's deadlines passed */
const SEED_AT = new Date('2026-12-02T18:00:00+08:00');
/** the first pass of Thursday: the day's duties, last night's deadlines closed, a morning card for everyone */
const PASS_AT = new Date('2026-12-03T08:30:00+08:00');

async function counts(d: Database): Promise<{ duties: number; messages: number; duplicates: number }> {
  const [n] = await queryRows(
    d.db,
    sql`select (select count(*) from duties)::int as duties, (select count(*) from outbox where created_at = ${PASS_AT})::int as messages`,
  );
  // messages of the pass per person × kind × subject (the morning card per person, a notice per duty): more than one is a duplicate
  const [dup] = await queryRows(
    d.db,
    sql`select coalesce(sum(n - 1), 0)::int as duplicates from (
      select count(*) as n from outbox where created_at = ${PASS_AT} group by target, split_part(key, ':', 1), source having count(*) > 1) t`,
  );
  return { duties: Number(n!.duties), messages: Number(n!.messages), duplicates: Number(dup!.duplicates) };
}

async function cloneDatabase(template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${template}_c${Math.random().toString(16).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function benchFirstpass(): Promise<void> {
  const rules: RulesContext = { book: defaultRulebook(), calendar: createCalendar(), version: 'default' };
  const rows: (string | number)[][] = [];
  const seed = await throwawayPostgres(4);
  const template = new URL(seed.url).pathname.slice(1);
  let seedNote = '';
  try {
    const org = generateOrg(CENTERS, { supervisors: true, since: '2026-11-01' });
    await importGenerated(seed.database, org, '2026-11-01');
    let t = performance.now();
    const first = await runTick({ db: seed.database.db, rules, log: silentLogger }, SEED_AT, { pass: minutePass(SEED_AT) });
    seedNote = `first start the day before (${SEED_AT.toISOString()}): ${sec(performance.now() - t)} s, ${first.materialized?.created ?? 0} duties, ${first.enqueued.length} messages`;
    log(`firstpass seed: ${seedNote}`);
    await seed.database.close();

    for (const instances of [1, 2]) {
      const copy = await cloneDatabase(template);
      const dbs = await Promise.all(Array.from({ length: instances }, () => openDatabase({ url: copy.url, poolSize: 4 })));
      try {
        t = performance.now();
        const reports: TickReport[] = await Promise.all(
          dbs.map((d, i) => runTick({ db: d.db, rules, log: silentLogger }, PASS_AT, { pass: minutePass(PASS_AT), instance: `i${i}` })),
        );
        const took = performance.now() - t;
        const c = await counts(dbs[0]!);
        const ms = reports.flatMap((r) => r.batches.ms.map((b) => b.ms)).sort((a, b) => a - b);
        const created = reports.reduce((n, r) => n + (r.materialized?.created ?? 0), 0);
        const enqueued = reports.reduce((n, r) => n + r.enqueued.length, 0);
        rows.push([
          instances === 1 ? 'one instance' : 'two instances',
          sec(took),
          `${reports[0]!.batches.total} (${reports.map((r) => r.batches.ran).join(' + ')})`,
          `${(ms[Math.floor(ms.length / 2)]! / 1000).toFixed(2)} / ${(ms.at(-1)! / 1000).toFixed(2)}`,
          `${created.toLocaleString('en')} new, ${c.duties.toLocaleString('en')} stored`,
          `${enqueued.toLocaleString('en')} (${c.messages.toLocaleString('en')} rows)`,
          c.duplicates,
          reports.reduce((n, r) => n + r.batches.failed, 0),
        ]);
        log(`firstpass ${instances} instance(s): ${sec(took)} s, ${enqueued} messages, ${c.duplicates} duplicates`);
      } finally {
        for (const d of dbs) await d.close();
        await copy.drop();
      }
    }
  } finally {
    await seed.drop();
  }

  const md = `## firstpass — the first scheduler pass of a day, ${CENTERS.toLocaleString('en')} centers, all default rules, PostgreSQL

${CENTERS.toLocaleString('en')} centers (a manager and a supervisor each, ${Math.ceil(CENTERS / 50)} leaders), the whole default rulebook. Seeded by
the ${seedNote}. Measured: the pass at ${PASS_AT.toISOString()} (Thursday 08:30 Shanghai: the day's materialisation,
yesterday's deadlines closing, a morning card for everyone), on a copy of the seeded database for each row.
Batches of ${BATCH_CENTERS} centers plus the global batch, each its own transaction, claimed with \`FOR UPDATE SKIP LOCKED\`
under the minute's pass key. "Two instances" are two \`runTick\` loops with their own pools (4 connections each) in this
one Node process, both started at once (so they share one core for JavaScript; PostgreSQL uses the others).
Duplicates: outbox rows per recipient × kind × subject beyond the first (the outbox key makes a same-key row impossible).

${table(['instances', 'seconds', 'batches (ran by each)', 'batch s p50 / max', 'duties', 'messages enqueued', 'duplicates', 'failed batches'], rows)}

Target: within 60 s with one instance, 0 duplicates with two. ${process.env.BENCH_SHARED ? 'The machine was shared with other work during this run.' : ''}
`;
  writeSection('firstpass', md);
  log(md);
}
