// Two instances run the first pass of a day together over 500 centers (all default rules, supervisors included): they split
// the batches, and every duty and every message exists once — exactly what one instance alone makes of the same day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { importOrg } from '../../src/org/import-org.ts';
import { minutePass } from '../../src/scheduler/claim.ts';
import { runTick, type TickReport } from '../../src/scheduler/tick.ts';
import { generateOrg } from '../../bench/lib.ts';
import { testRules } from '../helpers/rules.ts';
import { createPostgresDatabase, hasPostgres } from '../helpers/test-db.ts';
import { expectSameAsOneInstance } from './same-as-one.ts';

const CENTERS = 500;
const rules = testRules();
const SINCE = '2026-11-01';
const AT = new Date('2026-12-03T08:31:00+08:00'); // a Thursday: catch-up, morning cards, the first materialisation

describe('two instances run a large first pass together', () => {
  if (!hasPostgres('the two-instance test')) return;
  let shared: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let alone: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let dbs: Database[] = [];
  let single: Database;

  beforeAll(async () => {
    [shared, alone] = [await createPostgresDatabase(), await createPostgresDatabase()];
    dbs = [await openDatabase({ url: shared.url, poolSize: 3 }), await openDatabase({ url: shared.url, poolSize: 3 })];
    single = await openDatabase({ url: alone.url, poolSize: 3 });
    await dbs[0]!.migrate();
    await single.migrate();
    const org = generateOrg(CENTERS, { supervisors: true, since: SINCE });
    for (const d of [dbs[0]!, single]) await importOrg(d.db, org, { today: SINCE, source: 'test', sha256: 'test' });
  });
  afterAll(async () => {
    for (const d of [...dbs, single]) await d?.close();
    await shared?.drop();
    await alone?.drop();
  });

  it('splits the batches between them; each duty and each message once, the same as one instance makes', async () => {
    const pass = minutePass(AT);
    const reports: TickReport[] = await Promise.all(
      dbs.map((d, i) => runTick({ db: d.db, rules, log: silentLogger }, AT, { pass, instance: `i${i}`, batchSize: 40 })),
    );
    expect(reports[0]!.batches.total).toBeGreaterThan(10);

    // the same pass again under the same key: nothing left to do; the next minute: nothing new to send
    const again = await Promise.all(dbs.map((d) => runTick({ db: d.db, rules, log: silentLogger }, AT, { pass, batchSize: 40 })));
    expect(again.map((r) => r.batches.ran)).toEqual([0, 0]);
    const next = new Date(AT.getTime() + 60_000);
    const later = await Promise.all(
      dbs.map((d, i) =>
        runTick({ db: d.db, rules, log: silentLogger }, next, { pass: minutePass(next), instance: `i${i}`, batchSize: 40 }),
      ),
    );
    expect(later.flatMap((r) => r.enqueued)).toEqual([]);

    // one instance alone on its own copy of the company, same day and time
    const one = await runTick({ db: single.db, rules, log: silentLogger }, AT, { batchSize: 40 });
    expect(one.materialized?.created).toBeGreaterThan(CENTERS * 50);
    await expectSameAsOneInstance(dbs[0]!, reports, single, one, CENTERS * 2);
  });
});
