// A manager appointed on 2026-09-28 files the onboarding records over the stand-in (owners known, owners' information,
// visits), and the day's patrols count for the day's quota only once the posts are covered as the headcount requires.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { centerRoles, people } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { GOOD } from '../features/records/fixtures.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { filingAs } from '../helpers/filing.ts';

describe.each(DRIVERS)('a new manager and the day patrols over the stand-in on %s', (driver) => {
  const clock = new FixedClock('2026-09-28T08:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-09-01' });
  const { duty, recordsOf, file, again, shown } = filingAs(w);

  beforeEach(async () => {
    // m1 (张伟) is newly appointed to C001 (820 households, 35 staff, 4 posts) on Monday 2026-09-28
    await w.db.update(people).set({ since: '2026-09-28', appointed: '2026-09-28' }).where(eq(people.id, 'm1'));
    await w.db.update(centerRoles).set({ validFrom: '2026-09-28' }).where(eq(centerRoles.personId, 'm1'));
    clock.set('2026-09-28T08:00:00+08:00');
    await w.tick();
    clock.set('2026-09-28T10:00:00+08:00');
  });

  it('认识业主: the latest cumulative count of owners known counts for the first week (5, in full though it has 3 workdays) and for all 820 owners', async () => {
    const first = await file('认识业主', { known: '2', names: '3-2-801 陈女士' });
    expect(first.toast?.type).toBe('success');
    expect(shown(first.messageId)).toContain('新任首周认识业主 上任首周 2/5');
    expect(shown(first.messageId)).toContain('认识全部业主 上任首月 2/820');
    const res = await again(first.messageId, { known: '5', names: '5-1-302 王先生' });
    expect(res.toast?.type).toBe('success');
    // the latest figure (5), not the number of records (2) nor their sum (7)
    expect(shown(first.messageId)).toContain('新任首周认识业主 上任首周 5/5');
    expect(shown(first.messageId)).toContain('认识全部业主 上任首月 5/820');
    expect(await duty('customer.know_all_owners', 'onboarding-month:2026-09-28')).toMatchObject({ progress: 5, target: 820 });
  });

  it('a count of owners over the households of the center is refused, naming the field, and nothing is stored', async () => {
    const res = await file('认识业主', { known: '900' });
    expect(res.toast).toEqual({ type: 'error', content: '已认识业主（累计）：不能超过本项目总户数 820 户' });
    expect(await recordsOf('owners_known')).toEqual([]);
    expect(await duty('customer.know_all_owners', 'onboarding-month:2026-09-28')).toMatchObject({ progress: 0 });
  });

  it('了解业主信息 adds up households to 15 a workday; a visit counts for the visits (all 14 in this first week over National Day), not for knowing every owner', async () => {
    const info = await file('了解业主信息', { households: '8', list: '1 栋 8 户' });
    expect(shown(info.messageId)).toContain('新任每日了解业主信息 9月28日 周一 8/15');
    await again(info.messageId, { households: '7', list: '2 栋 7 户' });
    expect(shown(info.messageId)).toContain('新任每日了解业主信息 9月28日 周一 15/15');

    const visit = await file('拜访', GOOD.owner_visit!);
    expect(shown(visit.messageId)).toContain('新任首周拜访 上任首周 1/14');
    expect(shown(visit.messageId)).toContain('新任每日拜访 9月28日 周一 1/2');
    expect(shown(visit.messageId)).not.toContain('认识全部业主');

    const records = await file('熟悉业主资料', { total: '820' });
    expect(shown(records.messageId)).toContain('新任首周熟悉业主资料 上任首周 820/820');

    // the day is over: 15 households' information met, one visit of two short
    clock.set('2026-09-29T08:00:00+08:00');
    await w.tick();
    expect(await duty('customer.onboarding_daily_info', '2026-09-28')).toMatchObject({ status: 'done', progress: 15 });
    expect(await duty('customer.onboarding_daily', '2026-09-28')).toMatchObject({ status: 'short', progress: 1 });
  });

  it('two patrols that leave a post uncovered (35 staff: every post once) do not meet the day; two that cover every post do', async () => {
    const am = await file('巡查', { time: '09:40 +0800', posts: ['大门岗', '南门岗'], books: 'yes' });
    expect(am.toast?.type).toBe('success');
    expect(shown(am.messageId)).toContain('日查 9月28日 周一 1/2');
    expect(shown(am.messageId)).toContain('今日岗位覆盖：监控中心、巡逻岗 尚未达到要求，覆盖达标前今日日查不计完成');
    clock.set('2026-09-28T15:00:00+08:00');
    await again(am.messageId, { time: '14:30 +0800', posts: ['监控中心'], books: 'yes' });
    // two patrols, one post still uncovered: the day stays one short
    expect(shown(am.messageId)).toContain('日查 9月28日 周一 1/2');
    expect(shown(am.messageId)).toContain('今日岗位覆盖：巡逻岗 尚未达到要求');
    expect(await recordsOf('day_patrol')).toHaveLength(2);

    clock.set('2026-09-29T10:00:00+08:00');
    await w.tick();
    expect(await duty('quality.day_patrol', '2026-09-28')).toMatchObject({ status: 'short', progress: 1, target: 2 });

    const next = await file('巡查', { time: '09:40 +0800', posts: ['大门岗', '南门岗'], books: 'yes' });
    clock.set('2026-09-29T15:00:00+08:00');
    await again(next.messageId, { time: '14:30 +0800', posts: ['监控中心', '巡逻岗'], books: 'yes' });
    expect(shown(next.messageId)).toContain('日查 9月29日 周二 2/2');
    expect(shown(next.messageId)).not.toContain('今日岗位覆盖');
    clock.set('2026-09-30T08:00:00+08:00');
    await w.tick();
    expect(await duty('quality.day_patrol', '2026-09-29')).toMatchObject({ status: 'done', progress: 2 });
  });
});
