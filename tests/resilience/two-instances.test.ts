// Two service instances on one PostgreSQL database and one Lark stand-in, a week of 15-minute passes run side by side:
// every reminder goes out once (one outbox row per key, one message per uuid), none after its deadline; each batch of a
// pass is done by one of the two.
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { duties, outbox, people, type Duty } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { larkUuid } from '../../src/outbox/sender.ts';
import type { ReminderStep, Rule } from '../../src/rules/rulebook/schema.ts';
import { startLarkStandin, type LarkStandin } from '../../src/sandbox/lark-standin/index.ts';
import { stepInstant } from '../../src/scheduler/reminders.ts';
import { minutePass } from '../../src/scheduler/claim.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import type { Service } from '../../src/service.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, EXAMPLE_USERS, VERIFICATION_TOKEN } from '../helpers/lark-world.ts';
import { importExampleOrg } from '../helpers/org.ts';
import { testRules } from '../helpers/rules.ts';
import { testService } from '../helpers/service.ts';
import { createPostgresDatabase, hasPostgres } from '../helpers/test-db.ts';
import { selectDuties } from '../../src/db/queries/duties.ts';

const rules = testRules();
const START = new Date('2026-11-23T00:00:00+08:00'); // Monday
const END = new Date('2026-11-30T00:00:00+08:00');
const STEP_MS = 15 * 60_000;

describe('two instances on one PostgreSQL database', () => {
  if (!hasPostgres('the two-instance test')) return;
  const clock = new FixedClock(START);
  let pgdb: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let dbs: Database[] = [];
  let services: Service[] = [];
  let standin: LarkStandin;

  beforeAll(async () => {
    pgdb = await createPostgresDatabase();
    dbs = [await openDatabase({ url: pgdb.url, poolSize: 5 }), await openDatabase({ url: pgdb.url, poolSize: 5 })];
    await dbs[0]!.migrate();
    standin = await startLarkStandin({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      encryptKey: ENCRYPT_KEY,
    });
    for (const u of EXAMPLE_USERS) standin.addUser(u);
    standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1', 'ou_l1'] });
    await importExampleOrg(dbs[0]!.db, '2026-11-01');
    await dbs[0]!.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    const env = {
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: APP_SECRET,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_DOMAIN: standin.url,
    };
    // each instance: its own pool, LarkClient (token cache, limiter) and OutboxSender
    services = [
      await testService(dbs[0]!, env, { clock, rules, scheduler: false }),
      await testService(dbs[1]!, env, { clock, rules, scheduler: false }),
    ];
  });
  afterAll(async () => {
    for (const s of services) await s.close();
    for (const d of dbs) await d.close();
    await standin?.close();
    await pgdb?.drop();
  });

  it('a week of concurrent passes and concurrent senders sends each reminder once and none late', async () => {
    const failures: string[] = [];
    let bothFailed = 0;
    const ranBy = [0, 0];
    for (let at = START; at < END; at = new Date(at.getTime() + STEP_MS)) {
      clock.set(at);
      // one pass key for both, as the cron does: the two split the pass's batches (4 centers a batch here)
      const ticks = await Promise.allSettled(
        dbs.map((d, i) => runTick({ db: d.db, rules, log: silentLogger }, at, { pass: minutePass(at), instance: `i${i}`, batchSize: 4 })),
      );
      ticks.forEach((t, i) => t.status === 'rejected' && failures.push(`tick ${i} at ${at.toISOString()}: ${(t.reason as Error).message}`));
      bothFailed += ticks.every((t) => t.status === 'rejected') ? 1 : 0;
      const done = ticks.map((t) => (t.status === 'fulfilled' ? t.value.batches : null));
      if (done[0] && done[1]) {
        // every batch done once between the two: what one ran, the other skipped
        expect(done[0].ran + done[1].ran, at.toISOString()).toBe(done[0].total);
        ranBy[0] += done[0].ran;
        ranBy[1] += done[1].ran;
      }
      await Promise.all(services.map((s) => s.sender!.drain()));
    }
    // a pass that loses a race may fail (the next pass repeats it), but never both at once
    if (failures.length) console.log(`two-instances: ${failures.length} passes failed:\n${failures.slice(0, 10).join('\n')}`);
    expect(bothFailed).toBe(0);
    expect(ranBy[0]).toBeGreaterThan(0); // both instances did part of the work
    expect(ranBy[1]).toBeGreaterThan(0);
    const db = dbs[0]!.db;

    // one row per key, whatever the two instances did
    const perKey = await db
      .select({ key: outbox.key, n: sql<number>`count(*)::int` })
      .from(outbox)
      .groupBy(outbox.key)
      .having(sql`count(*) > 1`);
    expect(perKey).toEqual([]);

    // what the rules say should have been sent: every reminder step of the week
    const done = [
      ...(await selectDuties(db).where(eq(duties.status, 'overdue'))),
      ...(await selectDuties(db).where(eq(duties.status, 'missed'))),
    ];
    const expected = new Map<string, { at: Date; duty: Duty }>();
    for (const duty of done) {
      const steps = ((duty.terms as Rule & { reminders?: ReminderStep[] }).reminders ?? []) as ReminderStep[];
      steps.forEach((s, i) => {
        const stepAt = stepInstant(rules.calendar, duty.dueDay, s);
        if (stepAt >= START && stepAt < END) expected.set(`remind:${duty.key}:${i}`, { at: stepAt, duty });
      });
    }
    expect(expected.size).toBe(16); // daily report 2 × 5 workdays, Thursday's two reports 2 × 2, next month's plan 2
    const sent = await db.select().from(outbox).where(like(outbox.key, 'remind:%'));
    expect(sent.map((r) => r.key).sort()).toEqual([...expected.keys()].sort());
    for (const row of sent) {
      const want = expected.get(row.key)!;
      expect(row.status, row.key).toBe('sent');
      expect(row.createdAt.getTime(), row.key).toBe(want.at.getTime() - 15 * 60_000); // a reminder wave is enqueued 15 min before its step
      expect(row.sentAt!.getTime(), row.key).toBeLessThan(want.duty.dueAt.getTime());
    }

    // the stand-in holds one message per sent row: uuids unique and exactly the sent rows' (a patch updates a sent card)
    const all = await db.select().from(outbox);
    expect(all.filter((r) => r.status !== 'sent' && r.nextAttemptAt < END).map((r) => `${r.key} ${r.status}`)).toEqual([]);
    const uuids = standin.messages().map((m) => m.uuid);
    expect(uuids).toHaveLength(new Set(uuids).size);
    expect(new Set(uuids)).toEqual(new Set(all.filter((r) => r.status === 'sent' && r.kind !== 'patch').map((r) => larkUuid(r.key))));
  });
});
