// Two instances run the first pass of a day for 2,000 centers in 20 batches together (all default rules, supervisors
// included): each duty and each message exists once — exactly what one instance alone makes of the same day on a copy of
// the company. The same at 10,000 centers (34 batches) is `npm run bench -- firstpass`, with its duplicates counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { importOrg } from '../../src/org/import-org.ts';
import { minutePass } from '../../src/scheduler/claim.ts';
import { runTick, type TickReport } from '../../src/scheduler/tick.ts';
import { generateOrg } from '../../bench/lib.ts';
import { testRules } from '../helpers/rules.ts';
import { createPostgresDatabase, hasPostgres, postgresTemplate } from '../helpers/test-db.ts';
import { expectSameAsOneInstance } from './same-as-one.ts';

const CENTERS = 2_000;
/** small batches, so the two instances contend over as many batches as a 10,000-center company has */
const BATCH = 100;
const rules = testRules();
const SINCE = '2026-12-02';
/** the first start: the horizon stored, yesterday's morning cards and today's reminders done */
const SEED_AT = new Date('2026-12-02T18:00:00+08:00');
/** the first pass of Thursday: the new day of the horizon, a morning card for each of 20,000 people */
const AT = new Date('2026-12-03T08:31:00+08:00');

describe('two instances run the first pass of a day for 2,000 centers together', () => {
  if (!hasPostgres('the two-instance test')) return;
  let shared: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let alone: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let dbs: Database[] = [];
  let single: Database;

  beforeAll(async () => {
    shared = await createPostgresDatabase(postgresTemplate());
    const seed = await openDatabase({ url: shared.url, poolSize: 3 });
    await importOrg(seed.db, generateOrg(CENTERS, { supervisors: true, since: SINCE }), { today: SINCE, source: 'test', sha256: 'test' });
    await runTick({ db: seed.db, rules, log: silentLogger }, SEED_AT, { batchSize: BATCH });
    await seed.db.delete(outbox);
    await seed.close();
    alone = await createPostgresDatabase(shared.url); // the same company as of last night, for one instance alone
    dbs = [await openDatabase({ url: shared.url, poolSize: 3 }), await openDatabase({ url: shared.url, poolSize: 3 })];
    single = await openDatabase({ url: alone.url, poolSize: 3 });
  });
  afterAll(async () => {
    for (const d of [...dbs, single]) await d?.close();
    await shared?.drop();
    await alone?.drop();
  });

  it('they split the batches; each duty and each message once, the same as one instance makes', async () => {
    const pass = minutePass(AT);
    const reports: TickReport[] = await Promise.all(
      dbs.map((d, i) => runTick({ db: d.db, rules, log: silentLogger }, AT, { pass, instance: `i${i}`, batchSize: BATCH })),
    );
    const one = await runTick({ db: single.db, rules, log: silentLogger }, AT, { batchSize: BATCH });
    expect(reports[0]!.batches.total).toBeGreaterThanOrEqual(CENTERS / BATCH);
    expect(one.materialized?.created).toBeGreaterThan(CENTERS); // the day the horizon gained
    await expectSameAsOneInstance(dbs[0]!, reports, single, one, CENTERS * 2);
  });
});
