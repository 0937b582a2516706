// A manager appointed on National Day 2026-10-01 owes the whole first week by 2026-10-07 over the stand-in, though
// every day of it is a holiday: 14 visits, 5 owners known and all 820 owners' information.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { centerRoles, duties, people } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { GOOD } from '../features/records/fixtures.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const text = (content: unknown) => JSON.stringify(content);

describe.each(DRIVERS)('a manager appointed on National Day owes the whole first week on %s', (driver) => {
  const clock = new FixedClock('2026-10-01T08:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-09-01' });
  const shown = (messageId: string) => text(w.standin.message(messageId)!.updates.at(-1));
  const firstWeek = async (ruleId: string) =>
    (
      await w.db
        .select()
        .from(duties)
        .where(and(eq(duties.ruleId, ruleId), eq(duties.personId, 'm1'), eq(duties.periodKey, 'onboarding-week:2026-10-01')))
    )[0];

  beforeEach(async () => {
    // m1 (张伟) is newly appointed to C001 (820 households) on Thursday 2026-10-01, the first day of National Day
    await w.db.update(people).set({ since: '2026-10-01', appointed: '2026-10-01' }).where(eq(people.id, 'm1'));
    await w.db.update(centerRoles).set({ validFrom: '2026-10-01' }).where(eq(centerRoles.personId, 'm1'));
    clock.set('2026-10-01T08:00:00+08:00');
    await w.tick();
    clock.set('2026-10-03T10:00:00+08:00');
  });

  it('the first week is stored whole: 14 visits, 5 owners known and 820 owners, each due 2026-10-07 23:59', async () => {
    for (const [ruleId, target] of [
      ['customer.onboarding_week', 14],
      ['customer.onboarding_week_known', 5],
      ['customer.onboarding_week_info', 820],
    ] as const) {
      const d = await firstWeek(ruleId);
      expect(d, ruleId).toMatchObject({ status: 'open', target, periodStart: '2026-10-01', periodEnd: '2026-10-07' });
      expect(d!.dueAt.toISOString(), ruleId).toBe('2026-10-07T15:59:00.000Z');
    }
  });

  it('a visit on the holiday 10-03 counts 1 of 14 for the first week; by 10-08 one visit and no owners known leave the week short', async () => {
    const form = await w.say('ou_m1', '拜访');
    const res = await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: GOOD.owner_visit! });
    expect(res.toast?.type).toBe('success');
    expect(shown(form.messageId)).toContain('新任首周拜访 上任首周 1/14');
    clock.set('2026-10-08T08:00:00+08:00');
    await w.tick();
    expect(await firstWeek('customer.onboarding_week')).toMatchObject({ status: 'short', progress: 1, target: 14 });
    expect(await firstWeek('customer.onboarding_week_known')).toMatchObject({ status: 'short', progress: 0, target: 5 });
  });
});
