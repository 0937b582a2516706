// A week of the scheduler on fake time against the Lark stand-in, killed and restarted in the middle:
// every reminder goes out exactly once, on time (in the ten minutes before its step), never after it, and never in quiet hours.
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { duties, outbox, people, type Duty } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { shanghaiTime } from '../../src/lib/shanghai.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { larkUuid, OutboxSender } from '../../src/outbox/sender.ts';
import type { ReminderStep, Rule } from '../../src/rules/rulebook/schema.ts';
import { stepInstant } from '../../src/scheduler/reminders.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import { testService } from '../helpers/service.ts';
import { useLarkWorld, APP_ID, APP_SECRET, VERIFICATION_TOKEN, ENCRYPT_KEY } from '../helpers/lark-world.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { selectDuties } from '../../src/db/queries/duties.ts';

const rules = testRules();
const START = new Date('2026-11-23T00:00:00+08:00'); // Monday
const END = new Date('2026-11-30T00:00:00+08:00');
const DOWN_FROM = new Date('2026-11-25T15:00:00+08:00'); // killed on Wednesday afternoon…
const DOWN_TO = new Date('2026-11-25T18:00:00+08:00'); // …and restarted in the evening
const CRASHED_TICK = new Date('2026-11-24T15:15:00+08:00'); // a pass that dies half-way through its transaction (building the 15:30 wave)
const CRASHED_SENDER = new Date('2026-11-26T08:30:00+08:00'); // a sender that dies holding its rows (the morning cards)
const STEP_MS = 5 * 60_000; // the sender's beat; the scheduler passes every TICK_MS
const TICK_MS = 15 * 60_000;
const WINDOW_MS = 10 * 60_000; // a reminder arrives in the ten minutes before its step…
const LEAD_MS = 15 * 60_000; // …enqueued by the pass fifteen minutes before it

describe.each(DRIVERS)('a week of the scheduler on %s', (driver) => {
  const clock = new FixedClock(START);
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  it('sends every reminder exactly once and none late, across a crash, a kill and a restart', async () => {
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1')); // l1 resolved by the directory
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1', 'ou_l1'] }); // the weekly scores go there
    const env = {
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: APP_SECRET,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_DOMAIN: w.standin.url,
    };
    let service = w.service;
    const deps = () => ({ db: w.db, rules, log: silentLogger });

    for (let at = START; at < END; at = new Date(at.getTime() + STEP_MS)) {
      clock.set(at);
      if (at >= DOWN_FROM && at < DOWN_TO) continue; // the process is gone
      if (at.getTime() === DOWN_TO.getTime()) {
        // the restart: a new process (new client, new sender) on the same database
        service = await testService(w.database, env, { clock, rules, scheduler: false });
      }
      if (at.getTime() === CRASHED_TICK.getTime()) {
        const boom = () => Promise.reject(new Error('killed mid-pass'));
        await expect(runTick(deps(), at, { reminderBody: boom })).rejects.toThrow('killed mid-pass');
      }
      if (at.getTime() % TICK_MS === 0) await runTick(deps(), at);
      if (at.getTime() === CRASHED_SENDER.getTime()) {
        const dying = new OutboxSender({ db: w.db, clock, client: service.ctx.lark!, log: silentLogger });
        expect((await dying.claim(100)).length).toBeGreaterThan(0); // claimed, then the process dies
        continue;
      }
      await service.sender!.drain();
    }
    if (service !== w.service) await service.close();

    // what the rules say should have been sent: every reminder step of the week, except those in the downtime
    const open = await selectDuties(w.db).where(and(eq(duties.status, 'overdue')));
    const expected = new Map<string, { at: Date; duty: Duty }>();
    for (const duty of [...open, ...(await selectDuties(w.db).where(eq(duties.status, 'missed')))]) {
      const steps = ((duty.terms as Rule & { reminders?: ReminderStep[] }).reminders ?? []) as ReminderStep[];
      steps.forEach((s, i) => {
        const stepAt = stepInstant(rules.calendar, duty.dueDay, s);
        const enqueueAt = new Date(stepAt.getTime() - LEAD_MS);
        if (stepAt >= START && stepAt < END && !(enqueueAt >= DOWN_FROM && enqueueAt < DOWN_TO))
          expected.set(`remind:${duty.key}:${i}`, { at: stepAt, duty });
      });
    }
    const sent = await w.db.select().from(outbox).where(like(outbox.key, 'remind:%'));
    expect(sent.map((r) => r.key).sort()).toEqual([...expected.keys()].sort());
    // daily report 2 × 5 workdays − Wednesday's 2 (down), Thursday's two reports 2 × 2, next month's plan 2
    expect(expected.size).toBe(14);
    for (const row of sent) {
      const want = expected.get(row.key)!;
      expect(row.createdAt.getTime(), row.key).toBe(want.at.getTime() - LEAD_MS); // enqueued by the pass fifteen minutes ahead
      expect(row.status).toBe('sent');
      expect(row.sentAt!.getTime(), row.key).toBeGreaterThanOrEqual(want.at.getTime() - WINDOW_MS); // arrived in the ten minutes…
      expect(row.sentAt!.getTime(), row.key).toBeLessThan(want.at.getTime()); // …before its step, never after it
      expect(row.sentAt!.getTime(), row.key).toBeLessThan(want.duty.dueAt.getTime()); // delivered before its deadline
    }

    // the stand-in holds exactly one message per sent row, whatever crashed in between (a patch, e.g. an earlier
    // reminder losing its form to the last call, updates a sent card and is no message of its own)
    const all = await w.db.select().from(outbox);
    expect(all.filter((r) => r.status !== 'sent' && r.nextAttemptAt < END)).toEqual([]);
    const uuids = w.standin.messages().map((m) => m.uuid);
    expect(uuids).toHaveLength(new Set(uuids).size);
    expect(new Set(uuids)).toEqual(new Set(all.filter((r) => r.status === 'sent' && r.kind !== 'patch').map((r) => larkUuid(r.key))));

    // nothing while the process was down; the overdue notice of Wednesday's report once it was back
    expect(all.filter((r) => r.createdAt >= DOWN_FROM && r.createdAt < DOWN_TO)).toEqual([]);
    const wednesday = all.find((r) => r.key.startsWith('overdue:admin.daily_report|m1|C001|2026-11-25'));
    expect(wednesday?.createdAt.toISOString()).toBe(DOWN_TO.toISOString());

    // nothing went out in quiet hours, and no reminders or morning cards at the weekend
    for (const r of all) {
      const time = shanghaiTime(r.nextAttemptAt);
      expect(time >= '08:00' && time < '21:00', `${r.key} at ${time}`).toBe(true);
    }
    expect(all.filter((r) => /^(remind|morning):/.test(r.key) && ['2026-11-28', '2026-11-29'].some((d) => r.key.includes(d)))).toEqual([]);
    // each workday one morning card per person with duties
    expect(
      all
        .filter((r) => r.key.startsWith('morning:m1:'))
        .map((r) => r.key.slice(-10))
        .sort(),
    ).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  });
});
