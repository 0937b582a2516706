// duties: building a month of duties for 10,000 centers (generateDuties, pure), writing them (insertDuties), and the first scheduler pass at that size.
import { sql } from 'drizzle-orm';
import { insertDuties } from '../src/db/queries/duties.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { loadWorkCalendar } from '../src/rules/calendar/index.ts';
import { loadDutyOrg } from '../src/rules/duties/duty-org.ts';
import { generateDuties } from '../src/rules/duties/generate-duties.ts';
import { defaultRulebook } from '../src/rules/rulebook/load-rulebook.ts';
import { runTick } from '../src/scheduler/tick.ts';
import { dailyReportOnly, TICK_AT, TICK_DAY } from './fanout.ts';
import { generateOrg, importGenerated, log, sec, table, throwawayPostgres, writeSection } from './lib.ts';

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

  // a month of every default rule for CENTERS centers
  const a = await throwawayPostgres();
  try {
    const org = generateOrg(CENTERS, { since: '2026-11-01' });
    await time(`importOrg (${CENTERS} centers, ${org.people.length} people)`, () => importGenerated(a.database, org, '2026-11-01'));
    const dutyOrg = await time('loadDutyOrg', () => loadDutyOrg(a.database.db));
    const calendar = await loadWorkCalendar();
    const book = defaultRulebook();
    const specs = await time('generateDuties, default rulebook, 2026-11-01 … 2026-11-30 (pure)', () => generateDuties(book, dutyOrg, calendar, '2026-11-01', '2026-11-30'), (s) => `${s.length} duties`);
    await time('insertDuties (one transaction, PostgreSQL)', () => a.database.db.transaction((tx) => insertDuties(tx, specs, new Date())), (n) => `${n} rows`);
    await time('insertDuties again (all conflicts, idempotent)', () => a.database.db.transaction((tx) => insertDuties(tx, specs, new Date())), (n) => `${n} new rows`);
    const size = await a.database.db.execute(sql`select pg_size_pretty(pg_total_relation_size('duties')) as s`);
    steps.push(['duties table size', 0, String(((size as any).rows ?? size)[0].s)]);
  } finally {
    await a.drop();
  }

  // the first scheduler pass at that size: daily report only, 16:15 — materialise 85 days, enqueue the last calls
  const b = await throwawayPostgres();
  try {
    const org = generateOrg(CENTERS, { since: TICK_DAY });
    await importGenerated(b.database, org, TICK_DAY);
    const rules = await dailyReportOnly();
    await time('runTick first pass at 16:15 (daily report only: materialise + last calls)', () => runTick({ db: b.database.db, rules, log: silentLogger }, TICK_AT), (r) => `${r.materialized?.created ?? 0} duties, ${r.enqueued.length} messages enqueued`);
    await time('runTick again at 16:16 (nothing new)', () => runTick({ db: b.database.db, rules, log: silentLogger }, new Date(TICK_AT.getTime() + 60_000)), (r) => `${r.enqueued.length} messages enqueued`);
  } finally {
    await b.drop();
  }

  const md = `## duties — ${CENTERS.toLocaleString('en')} centers (one manager each), PostgreSQL

${table(['step', 'seconds', 'result'], steps.map(([l, d, n]) => [l, d ? sec(d) : '', n]))}
`;
  writeSection('duties', md);
  log(md);
}
