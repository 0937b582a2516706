// scores: computeScores for a month of 5,000 centers and 10,000 people with ~50,000 ledger entries, on PostgreSQL and PGlite.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { computeScores } from '../src/features/scores/compute-scores.ts';
import { defaultRulebook } from '../src/rules/rulebook/load-rulebook.ts';
import { generateOrg, importGenerated, inMemoryPglite, log, sec, table, throwawayPostgres, writeSection } from './lib.ts';

const CENTERS = Number(process.env.BENCH_SCORE_CENTERS ?? 5000);
const ENTRIES = Number(process.env.BENCH_LEDGER ?? 50_000);
const RUNS = 3;

const RULES = [
  'admin.weekly_plan_progress',
  'admin.monthly_plan',
  'admin.adhoc_task_filing',
  'deduct.repeat_issue',
  'deduct.sleeping_on_duty',
];

async function seed(database: Database) {
  const org = generateOrg(CENTERS, { supervisors: true, since: '2026-10-01' });
  const t = performance.now();
  await importGenerated(database, org, '2026-10-01');
  const importMs = performance.now() - t;
  const t2 = performance.now();
  // entries spread over managers and supervisors, over November; half fines (yuan), half points
  await database.db.execute(
    sql.raw(`insert into ledger (key, rule_id, person_id, center_code, yuan, points, day, reason, source_type, source_id, created_at)
      select 'bench|' || g, (array['${RULES.join("','")}'])[1 + g % ${RULES.length}],
             case when g % 2 = 0 then 'm' else 'v' end || ((g / 2) % ${CENTERS}),
             'C' || lpad(((g / 2) % ${CENTERS})::text, 5, '0'),
             case when g % 3 = 0 then 2 else 0 end, case when g % 3 = 0 then 0 else 2 + g % 2 end,
             date '2026-11-01' + (g % 30), '2026-11-12 周四 12:00 月度计划当周进度未及时提报', 'duty', 'bench' || g, now()
      from generate_series(0, ${ENTRIES - 1}) g`),
  );
  return { importMs, ledgerMs: performance.now() - t2, people: org.people.length };
}

async function measure(driver: string, database: Database) {
  const s = await seed(database);
  const book = defaultRulebook();
  const times: number[] = [];
  let people = 0;
  let centers = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const table = await computeScores(database.db, book, '2026-11', new Date('2026-12-01T01:00:00Z'));
    times.push(performance.now() - t);
    people = table.people?.length ?? 0;
    centers = table.centers?.length ?? 0;
  }
  log(`scores ${driver}: ${times.map((t) => sec(t)).join(' / ')} s, ${people} people, ${centers} centers`);
  return { driver, ...s, times, people, centers };
}

export async function benchScores(): Promise<void> {
  const results = [];
  const pgdb = await throwawayPostgres();
  try {
    results.push(await measure('PostgreSQL', pgdb.database));
  } finally {
    await pgdb.drop();
  }
  const lite = await inMemoryPglite();
  try {
    results.push(await measure('PGlite (in memory)', lite));
  } finally {
    await lite.close();
  }
  const md = `## scores — \`computeScores\` for 2026-11: ${CENTERS.toLocaleString('en')} centers, ${(CENTERS * 2).toLocaleString('en')} managers + supervisors, ${ENTRIES.toLocaleString('en')} ledger entries

Ledger rows inserted directly (one \`insert … select generate_series\`); no duties in the month (the on-time rates are empty), so this
times the ledger side. Target: under 2 s on PostgreSQL.

${table(
  [
    'database',
    'people in org',
    'org import (s)',
    'ledger insert (s)',
    `computeScores, ${RUNS} runs (s)`,
    'best (s)',
    'people scored',
    'centers ranked',
    'target < 2 s',
  ],
  results.map((r) => [
    r.driver,
    r.people,
    sec(r.importMs),
    sec(r.ledgerMs),
    r.times.map((t) => sec(t)).join(' / '),
    sec(Math.min(...r.times)),
    r.people,
    r.centers,
    Math.min(...r.times) < 2000 ? 'met' : 'missed',
  ]),
)}
`;
  writeSection('scores', md);
  log(md);
}
