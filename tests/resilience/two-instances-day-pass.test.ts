// Two instances run the first pass of a day for 10,000 centers together (all default rules, supervisors included): each
// duty and each message exists once — exactly what one instance alone makes of the same day on a copy of the company.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { duties, outbox } from '../../src/db/schema/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { importOrg } from '../../src/org/import-org.ts';
import { minutePass } from '../../src/scheduler/claim.ts';
import { runTick, type TickReport } from '../../src/scheduler/tick.ts';
import { generateOrg } from '../../bench/lib.ts';
import { testRules } from '../helpers/rules.ts';
import { createPostgresDatabase, hasPostgres } from '../helpers/test-db.ts';

const CENTERS = 10_000;
const rules = testRules();
const SINCE = '2026-12-02';
/** the first start: the horizon stored, yesterday's morning cards and today's reminders done */
const SEED_AT = new Date('2026-12-02T18:00:00+08:00');
/** the first pass of Thursday: the new day of the horizon, a morning card for each of 20,000 people */
const AT = new Date('2026-12-03T08:31:00+08:00');

describe('two instances run the first pass of a day for 10,000 centers together', () => {
  if (!hasPostgres('the two-instance test')) return;
  let shared: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let alone: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let dbs: Database[] = [];
  let single: Database;

  beforeAll(async () => {
    shared = await createPostgresDatabase();
    const seed = await openDatabase({ url: shared.url, poolSize: 3 });
    await seed.migrate();
    await importOrg(seed.db, generateOrg(CENTERS, { supervisors: true, since: SINCE }), { today: SINCE, source: 'test', sha256: 'test' });
    await runTick({ db: seed.db, rules, log: silentLogger }, SEED_AT);
    await seed.db.delete(outbox);
    await seed.close();
    alone = await createPostgresDatabase(shared.url); // the same company as of last night, for one instance alone
    dbs = [await openDatabase({ url: shared.url, poolSize: 3 }), await openDatabase({ url: shared.url, poolSize: 3 })];
    single = await openDatabase({ url: alone.url, poolSize: 3 });
  }, 900_000);
  afterAll(async () => {
    for (const d of [...dbs, single]) await d?.close();
    await shared?.drop();
    await alone?.drop();
  });

  it('they split the batches; each duty and each message once, the same as one instance makes', { timeout: 900_000 }, async () => {
    const pass = minutePass(AT);
    const reports: TickReport[] = await Promise.all(dbs.map((d, i) => runTick({ db: d.db, rules, log: silentLogger }, AT, { pass, instance: `i${i}` })));
    const [a, b] = reports.map((r) => r.batches);
    expect(a!.failed + b!.failed).toBe(0);
    expect(a!.ran + b!.ran).toBe(a!.total); // each batch done by exactly one of them
    expect(a!.ran).toBeGreaterThan(0);
    expect(b!.ran).toBeGreaterThan(0);
    const created = reports.reduce((n, r) => n + (r.materialized?.created ?? 0), 0);
    expect(created).toBeGreaterThan(CENTERS); // the day the horizon gained

    const one = await runTick({ db: single.db, rules, log: silentLogger }, AT);
    expect(one.materialized?.created).toBe(created);
    expect(reports.flatMap((r) => r.enqueued).length).toBe(one.enqueued.length);

    // every duty once: the same keys as one instance stored, none twice
    const count = async (d: Database, q: ReturnType<typeof sql>) => Number(((await d.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    const twiceDuties = sql`select count(*)::int as n from (select key from duties group by key having count(*) > 1) t`;
    expect(await count(dbs[0]!, twiceDuties)).toBe(0);
    const total = sql`select count(*)::int as n from duties`;
    expect(await count(dbs[0]!, total)).toBe(await count(single, total));
    const keys = async (d: Database, table: typeof duties | typeof outbox) => (await d.db.select({ key: table.key }).from(table).orderBy(table.key)).map((r) => r.key);
    expect(await keys(dbs[0]!, duties)).toEqual(await keys(single, duties));
    expect(await keys(dbs[0]!, outbox)).toEqual(await keys(single, outbox));

    // every message once per person and kind (morning card, catch-up) and per person and duty (notices)
    const twiceMessages = sql`select count(*)::int as n from (select target from outbox group by target, split_part(key, ':', 1), source having count(*) > 1) t`;
    expect(await count(dbs[0]!, twiceMessages)).toBe(0);
    expect(await count(dbs[0]!, sql`select count(*)::int as n from outbox where key like 'morning:%'`)).toBe(CENTERS * 2); // every manager and supervisor, once
  });
});
