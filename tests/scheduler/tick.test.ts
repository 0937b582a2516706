// One scheduler pass at a time, on fake time: reminders, overdue notices, digests, quiet hours, morning cards, nudges, catch-up.
import { and, eq, like, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { duties, outbox, people, personSettings } from '../../src/db/schema/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import { exampleOrg, importExampleOrg } from '../helpers/org.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS, useTestDatabase } from '../helpers/test-db.ts';

const rules = testRules();
const at = (iso: string) => new Date(iso);
const tick = (db: Db, iso: string, opts = {}) => runTick({ db, rules, log: silentLogger }, at(iso), opts);
const rowsLike = (db: Db, pattern: string) => db.select().from(outbox).where(like(outbox.key, pattern)).orderBy(outbox.id);
const _titleOf = (row: { content: unknown }) => (row.content as { header: { title: { content: string } } }).header.title.content;

describe.each(DRIVERS)('a scheduler pass on %s', (driver) => {
  const t = useTestDatabase(driver);
  beforeEach(async () => {
    await t.reset();
    await importExampleOrg(t.db, '2026-11-01');
    await t.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1')); // as the directory resolves li@example.com
    // the first pass of the month: duties exist from the 1st, nothing owed before the week we look at
    await tick(t.db, '2026-11-23T06:00:00+08:00');
    await t.db.delete(outbox);
  });

  it('the daily report: the 15:30 card and the 16:15 last call enqueued 15 minutes ahead to arrive in the 10 before, overdue notice and a digest at 16:30', async () => {
    await tick(t.db, '2026-11-24T15:14:00+08:00');
    expect(await rowsLike(t.db, 'remind:admin.daily_report|%')).toHaveLength(0);
    const r1515 = await tick(t.db, '2026-11-24T15:15:00+08:00');
    expect(r1515.enqueued.map((e) => e.title)).toContain('待提交：日报');
    const [card] = await rowsLike(t.db, 'remind:admin.daily_report|%');
    expect(card!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(at('2026-11-24T15:20:00+08:00').getTime());
    expect(card!.nextAttemptAt.getTime()).toBeLessThan(at('2026-11-24T15:30:00+08:00').getTime());
    await tick(t.db, '2026-11-24T15:45:00+08:00'); // nothing new between the steps
    const r1600 = await tick(t.db, '2026-11-24T16:00:00+08:00');
    expect(r1600.enqueued.map((e) => e.title)).toEqual(['最后提醒：日报']);
    const [, lastCall] = await rowsLike(t.db, 'remind:admin.daily_report|%');
    expect(lastCall!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(at('2026-11-24T16:05:00+08:00').getTime());
    expect(lastCall!.nextAttemptAt.getTime()).toBeLessThan(at('2026-11-24T16:15:00+08:00').getTime());
    const r1630 = await tick(t.db, '2026-11-24T16:30:00+08:00');
    expect(r1630.enqueued.map((e) => [e.name, e.title])).toEqual(
      expect.arrayContaining([
        ['张伟', '已逾期：日报'],
        ['孙丽', '逾期汇总：日报'],
      ]),
    );
    const [digest] = await rowsLike(t.db, 'digest:admin.daily_report|%');
    expect(JSON.stringify(digest!.content)).toContain('张伟（阳光花园物业服务中心）');
    const [duty] = await t.db
      .select()
      .from(duties)
      .where(and(eq(duties.ruleId, 'admin.daily_report'), eq(duties.dueDay, '2026-11-24')));
    expect(duty!.status).toBe('overdue');
  });

  it('a report filed before its deadline gets no last call and no overdue notice', async () => {
    await tick(t.db, '2026-11-24T15:30:00+08:00');
    await t.db
      .update(duties)
      .set({ status: 'done', doneAt: at('2026-11-24T15:40:00+08:00') })
      .where(and(eq(duties.ruleId, 'admin.daily_report'), eq(duties.dueDay, '2026-11-24')));
    const later = [await tick(t.db, '2026-11-24T16:15:00+08:00'), await tick(t.db, '2026-11-24T16:30:00+08:00')];
    expect(later.flatMap((r) => r.enqueued).filter((e) => e.title.includes('日报'))).toEqual([]);
  });

  it('a plain new day generates only the days the horizon gained, and stores exactly what a full materialisation would', async () => {
    const keysOf = async () =>
      (await t.db.select({ key: duties.key, status: duties.status, target: duties.target }).from(duties).orderBy(duties.key)).map(
        (d) => `${d.key} ${d.status} ${d.target}`,
      );
    // day by day across a month end and a weekend: each day's first pass is the incremental one
    for (const day of [
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]) {
      const r = await tick(t.db, `${day}T06:00:00+08:00`);
      expect(r.materialized, day).not.toBeNull();
    }
    const daily = await keysOf();
    expect(daily.some((k) => k.startsWith('admin.daily_report|m1|C001|2026-12-16'))).toBe(true); // 12-02 + 14 days
    // the same day forced to a full materialisation (back 45 days, reconciled) finds nothing to add, cancel or change
    const full = await tick(t.db, '2026-12-02T06:01:00+08:00', { rematerialize: true });
    expect(full.materialized).toEqual({ created: 0, cancelled: 0, suspended: 0, reopened: 0 });
    expect(await keysOf()).toEqual(daily);
  });

  it('the same pass twice (a restart, a second instance) sends nothing twice', async () => {
    const first = await tick(t.db, '2026-11-24T15:30:00+08:00');
    const again = await tick(t.db, '2026-11-24T15:30:00+08:00');
    expect(first.enqueued.length).toBeGreaterThan(0);
    expect(again.enqueued).toEqual([]);
  });

  it('a dry run reports what it would send and writes nothing', async () => {
    const dry = await tick(t.db, '2026-11-24T16:30:00+08:00', { dryRun: true });
    expect(dry.enqueued.map((e) => e.title)).toContain('已逾期：日报');
    expect(await t.db.select().from(outbox)).toEqual([]);
    const [duty] = await t.db
      .select()
      .from(duties)
      .where(and(eq(duties.ruleId, 'admin.daily_report'), eq(duties.dueDay, '2026-11-24')));
    expect(duty!.status).toBe('open');
  });

  it('after downtime a passed deadline gets its overdue notice, never the reminders it missed', async () => {
    // down from 15:00 to 16:40: the 15:30 card and the 16:15 last call were missed
    const back = await tick(t.db, '2026-11-24T16:40:00+08:00');
    const titles = back.enqueued.map((e) => e.title);
    expect(titles).toContain('已逾期：日报');
    expect(titles).not.toContain('待提交：日报');
    expect(titles).not.toContain('最后提醒：日报');
  });

  it('a reminder missed by downtime is replaced by the later one, while the deadline is still ahead', async () => {
    const back = await tick(t.db, '2026-11-24T16:20:00+08:00');
    const titles = back.enqueued.map((e) => e.title);
    expect(titles).toContain('最后提醒：日报');
    expect(titles).not.toContain('待提交：日报');
  });

  it('Thursday: the plan progress at 09:30 and 11:30 for 12:00, the company progress at 14:00 and 16:00 for 16:30; leaders get the 12:00 digest', async () => {
    const sent: string[] = [];
    for (const time of ['09:30', '11:30', '12:00', '14:00', '16:00', '16:30']) {
      const r = await tick(t.db, `2026-11-26T${time}:00+08:00`);
      sent.push(...r.enqueued.map((e) => `${time} ${e.name} ${e.title}`));
    }
    expect(sent).toEqual(
      expect.arrayContaining([
        '09:30 张伟 待提交：月度计划当周进度',
        '11:30 张伟 最后提醒：月度计划当周进度',
        '12:00 张伟 已逾期：月度计划当周进度',
        '12:00 李强 逾期汇总：月度计划当周进度',
        '14:00 张伟 待提交：公司计划进度',
        '16:00 张伟 最后提醒：公司计划进度',
        '16:30 孙丽 逾期汇总：公司计划进度',
      ]),
    );
    const [notice] = await rowsLike(t.db, 'overdue:admin.weekly_plan_progress|%');
    expect(JSON.stringify(notice!.content)).toContain('已按规定记罚款 2 元，补交不减免');
  });

  it('nothing goes out in quiet hours: an overdue notice at 23:59 waits for 08:00', async () => {
    // the self-review for November is due on 2026-12-02 23:59
    await tick(t.db, '2026-12-02T09:00:00+08:00');
    const r = await tick(t.db, '2026-12-02T23:59:00+08:00');
    expect(r.enqueued.find((e) => e.title === '已逾期：上月计划自评')).toMatchObject({ notBefore: '2026-12-03T00:00:00.000Z' });
    const [row] = await rowsLike(t.db, 'overdue:admin.monthly_self_review|%');
    expect(row!.nextAttemptAt.toISOString()).toBe('2026-12-03T00:00:00.000Z'); // 08:00 in Shanghai
  });

  it("the morning card comes at the person's own time on workdays, lists the day's duties, and not on rest days", async () => {
    await t.db.insert(personSettings).values({ personId: 'm1', morningTime: '09:00', updatedAt: new Date() });
    const at0830 = await tick(t.db, '2026-11-24T08:30:00+08:00');
    expect(at0830.enqueued.filter((e) => e.title === '今日待办').map((e) => e.name)).toEqual(['王芳']);
    const at0900 = await tick(t.db, '2026-11-24T09:00:00+08:00');
    expect(at0900.enqueued.filter((e) => e.title === '今日待办').map((e) => e.name)).toEqual(['张伟']);
    const [card] = await rowsLike(t.db, 'morning:m1:2026-11-24');
    const text = JSON.stringify(card!.content);
    expect(text).toContain('日报');
    expect(text).toContain('夜查');
    expect((await tick(t.db, '2026-11-28T09:00:00+08:00')).enqueued.filter((e) => e.title === '今日待办')).toEqual([]); // Saturday
  });

  it('pace nudges: no night check by the 15th (a Sunday) nudges on Monday at 10:00, one card a day for all quotas together', async () => {
    await t.reset();
    await importExampleOrg(t.db, '2026-11-01');
    const early = await tick(t.db, '2026-11-16T09:59:00+08:00');
    expect(early.enqueued.filter((e) => e.title === '进度提醒')).toEqual([]);
    const r = await tick(t.db, '2026-11-16T10:00:00+08:00');
    const nudges = r.enqueued.filter((e) => e.title === '进度提醒');
    expect(nudges.map((e) => e.name).sort()).toEqual(['张伟', '王芳']);
    const [m1] = await rowsLike(t.db, 'pace:m1:2026-11-16');
    expect(JSON.stringify(m1!.content)).toContain('夜查');
    expect((await tick(t.db, '2026-11-16T11:00:00+08:00')).enqueued.filter((e) => e.title === '进度提醒')).toEqual([]);
  });

  it('the first start, with duties since the 1st, sends one catch-up card per person, not a message per missed reminder', async () => {
    await t.reset();
    await importExampleOrg(t.db, '2026-11-01');
    const r = await tick(t.db, '2026-11-27T15:31:00+08:00');
    const forM1 = r.enqueued.filter((e) => e.personId === 'm1').map((e) => e.title);
    expect(forM1.filter((title) => title === '逾期事项汇总')).toHaveLength(1);
    expect(forM1.filter((title) => title.startsWith('已逾期'))).toEqual([]);
    const [card] = await rowsLike(t.db, 'catchup:m1:%');
    expect(JSON.stringify(card!.content)).toContain('月度计划当周进度');
  });

  it('the admins are told once that 2027 has no holiday data when it is less than 60 days away', async () => {
    const r = await tick(t.db, '2026-11-24T10:00:00+08:00');
    expect(r.calendarMissing).toEqual([2027]);
    expect(r.enqueued.filter((e) => e.title === '缺少 2027 年节假日数据').map((e) => e.name)).toEqual(['孙丽']);
    expect((await tick(t.db, '2026-11-25T10:00:00+08:00')).enqueued.filter((e) => e.title.startsWith('缺少'))).toEqual([]);
  });

  it('leave suspends the duties that fall in it: no reminders, marked in the duty', async () => {
    const org = exampleOrg();
    org.people[0]!.leave = [{ from: '2026-11-24', to: '2026-11-25', reason: '年假' }];
    await importExampleOrg(t.db, '2026-11-01', org);
    const r = await tick(t.db, '2026-11-24T15:30:00+08:00');
    expect(r.enqueued.filter((e) => e.personId === 'm1' && e.title.includes('日报'))).toEqual([]);
    const [duty] = await t.db
      .select()
      .from(duties)
      .where(and(eq(duties.ruleId, 'admin.daily_report'), eq(duties.dueDay, '2026-11-24')));
    expect(duty).toMatchObject({ status: 'suspended', statusNote: '请假 2026-11-24—2026-11-25（年假）' });
  });

  it("a new manager takes the center's duties from the change; the old manager's later duties are cancelled", async () => {
    const org = exampleOrg();
    org.people.push({ id: 'm2', name: '陈静', open_id: 'ou_m2', roles: ['manager'], leave: [] });
    org.centers[0]!.manager = 'm2';
    await importExampleOrg(t.db, '2026-11-25', org);
    await tick(t.db, '2026-11-25T06:00:00+08:00');
    const owner = async (day: string) =>
      (
        await t.db
          .select()
          .from(duties)
          .where(and(eq(duties.ruleId, 'admin.daily_report'), eq(duties.dueDay, day)))
      ).map((d) => [d.personId, d.status]);
    expect(await owner('2026-11-24')).toEqual([['m1', 'overdue']]); // before the change: still m1's
    expect((await owner('2026-11-26')).sort()).toEqual([
      ['m1', 'cancelled'],
      ['m2', 'open'],
    ]);
    const count = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(duties)
      .where(and(eq(duties.personId, 'm2'), eq(duties.ruleId, 'admin.daily_report')));
    expect(count[0]!.n).toBeGreaterThan(0);
  });
});
