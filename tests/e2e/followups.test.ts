// The five other clocks, each filed on time (no penalty) and late (the penalty or escalation its rule names), over the stand-in.
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { followups, ledger } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { startAt, useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;
const text = (content: unknown) => JSON.stringify(content);

describe.each(DRIVERS)('follow-up clocks on %s', (driver) => {
  const clock = new FixedClock('2026-11-23T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const tick = () => w.tick();
  const say = (openId: string, words: string) => w.say(openId, words);
  const file = async (openId: string, words: string, values: Record<string, unknown>) => {
    const form = await say(openId, words);
    const res = await w.standin.submitForm({ messageId: form.messageId, user: openId, values });
    expect(res.toast?.type, res.toast?.content).toBe('success');
    await w.flush();
    return { form, res, receipt: w.standin.message(form.messageId)!.updates.at(-1) };
  };
  const clocks = (ruleId: string) => w.db.select().from(followups).where(eq(followups.ruleId, ruleId)).orderBy(followups.id);

  beforeEach(() => startAt(w, clock, '2026-11-23T06:00:00+08:00', '2026-11-23T10:00:00+08:00'));

  it('an ad-hoc task filed within 24 h of being handed over costs nothing; filed after, 1 yuan in the ledger', async () => {
    await file('ou_m1', '临时任务备案', { task: '迎接区消防检查', by: '刘总', at: '2026-11-23 09:00 +0800' });
    const adhoc = () => w.db.select().from(ledger).where(eq(ledger.ruleId, 'admin.adhoc_task_filing'));
    expect(await adhoc()).toEqual([]);
    const late = await file('ou_m1', '临时任务备案', { task: '年终总结材料', by: '刘总', at: '2026-11-22 08:00 +0800' });
    expect(text(late.receipt)).toContain('按规定罚款 1 元');
    const entries = await adhoc();
    expect(entries).toEqual([
      expect.objectContaining({ ruleId: 'admin.adhoc_task_filing', personId: 'm1', yuan: 1, points: 0, sourceType: 'followup' }),
    ]);
    expect(entries[0]!.reason).toBe('11月22日 周日 临时任务备案「年终总结材料」超过24小时才完成');
    expect((await clocks('admin.adhoc_task_filing')).map((c) => c.status)).toEqual(['done', 'late']);
  });

  it('an owners forum starts a 24-hour clock for its problem list: in time → done and sent to the quality center; late → the manager is told', async () => {
    await file('ou_m1', '业主恳谈会', {
      date: '2026-11-23 +0800',
      time: '08:30 +0800',
      households: '10',
      leader: 'yes',
      problems: '停车难',
    });
    clock.advance(20 * 3600_000);
    await file('ou_m1', '恳谈会问题清单', { forum_date: '2026-11-23 +0800', list: '停车难 — 协调临时车位' });
    expect((await clocks('customer.forum_followup')).map((c) => c.status)).toEqual(['done']);
    expect(title(w.standin.messages({ chatId: w.standin.p2pChatId('ou_q1') }).at(-1)!.content)).toBe('恳谈会问题清单 · 张伟');

    await file('ou_m1', '业主恳谈会', { date: '2026-11-24 +0800', time: '05:00 +0800', households: '8', leader: 'no', problems: '电梯' });
    clock.advance(24 * 3600_000);
    expect(await tick()).toContain('张伟 已逾期：恳谈会问题清单');
    clock.advance(3600_000);
    await file('ou_m1', '恳谈会问题清单', { forum_date: '2026-11-24 +0800', list: '电梯 — 报修' });
    expect((await clocks('customer.forum_followup')).map((c) => c.status)).toEqual(['done', 'late']);
  });

  it('an emergency alerts the leader and the quality center at once; its record in 24 h closes it, otherwise the manager is told, then the leader', async () => {
    const report = await say('ou_m1', '突发事件');
    expect(text(report.content)).toContain('请立即电话报告分管领导和品质管理中心');
    const sent = await w.standin.submitForm({
      messageId: report.messageId,
      user: 'ou_m1',
      values: { what: '3 栋水管爆裂', where: '3 栋地下室' },
    });
    expect(sent.toast?.content).toBe('已上报');
    await w.flush();
    for (const who of ['ou_l1', 'ou_q1']) {
      const alert = w.standin.messages({ chatId: w.standin.p2pChatId(who) }).at(-1)!;
      expect(title(alert.content)).toBe('紧急：突发事件');
      expect(alert.urgent).toEqual([who]);
    }
    // the record, from the button on the reported card, within 24 h
    await w.standin.clickButton({ messageId: report.messageId, user: 'ou_m1', buttonName: 'fill_record' });
    clock.advance(5 * 3600_000);
    await w.standin.submitForm({
      messageId: report.messageId,
      user: 'ou_m1',
      values: { at: '2026-11-23 09:40 +0800', what: '水管爆裂', handling: '关阀抢修', phoned: 'yes' },
    });
    expect((await clocks('quality.emergency')).map((c) => c.status)).toEqual(['done']);

    // a second one, never recorded: overdue at 24 h, escalated to the leader at 48 h
    const again = await say('ou_m1', '突发');
    await w.standin.submitForm({ messageId: again.messageId, user: 'ou_m1', values: { what: '停电', where: '全小区' } });
    clock.advance(24 * 3600_000);
    expect(await tick()).toContain('张伟 已逾期：突发事件处理记录');
    clock.advance(24 * 3600_000);
    expect(await tick()).toContain('李强 督办：突发事件处理记录');
  });

  it('a patrol problem is listed each morning until verified closed; past its milestone the manager is told', async () => {
    await file('ou_m1', '巡查', {
      time: '07:30 +0800',
      posts: ['大门岗'],
      books: 'yes',
      problems: '南门岗监控黑屏',
      measure: '报修',
      milestone: '2026-11-24 +0800',
    });
    clock.set('2026-11-24T08:30:00+08:00');
    await tick();
    const morning = w.standin
      .messages({ chatId: w.standin.p2pChatId('ou_m1') })
      .find((m) => title(m.content) === '今日待办' && text(m.content).includes('南门岗监控黑屏'))!;
    expect(text(morning.content)).toContain('已整改');
    clock.set('2026-11-25T00:30:00+08:00');
    expect(await tick()).toContain('张伟 已逾期：日查问题整改');
    const res = await w.standin.clickButton({ messageId: morning.messageId, user: 'ou_m1', buttonName: 'issue_0' });
    expect(res.toast?.content).toBe('已确认');
    expect((await clocks('quality.patrol_issue')).map((c) => c.status)).toEqual(['late']);
    // one closed before its milestone is done
    clock.set('2026-11-25T10:00:00+08:00');
    await file('ou_m1', '巡查', {
      time: '07:30 +0800',
      posts: ['大门岗'],
      books: 'yes',
      problems: '灭火器过期',
      measure: '更换',
      milestone: '2026-11-27 +0800',
    });
    clock.set('2026-11-27T08:30:00+08:00');
    await tick();
    const m27 = w.standin
      .messages({ chatId: w.standin.p2pChatId('ou_m1') })
      .find((m) => title(m.content) === '今日待办' && text(m.content).includes('灭火器过期'))!;
    await w.standin.clickButton({ messageId: m27.messageId, user: 'ou_m1', buttonName: 'issue_0' });
    expect((await clocks('quality.patrol_issue')).map((c) => c.status)).toEqual(['late', 'done']);
  });

  it('a staff opinion answered by its deadline is done; unanswered, the manager is reminded, then the leader told', async () => {
    const first = await file('ou_m1', '员工意见', { staff: '赵六', opinion: '希望调整夜班排班', deadline: '2026-11-24 +0800' });
    expect(text(first.receipt)).toContain('前答复');
    const [opinion] = await clocks('hr.staff_opinion');
    clock.set('2026-11-24T17:00:00+08:00');
    // the first is answered in time (its receipt's 已答复), the second is not
    await file('ou_m1', '员工意见', { staff: '钱七', opinion: '宿舍热水', deadline: '2026-11-24 +0800' });
    const answered = await w.standin.clickButton({ messageId: first.form.messageId, user: 'ou_m1', buttonName: 'answer_opinion' });
    expect(answered.toast?.content).toBe('已确认');
    expect((await clocks('hr.staff_opinion')).find((c) => c.id === opinion!.id)!.status).toBe('done');
    clock.set('2026-11-24T18:00:00+08:00');
    const overdue = await tick();
    expect(overdue).toContain('张伟 已逾期：员工意见回复');
    const notice = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).find((m) => title(m.content) === '已逾期：员工意见回复')!;
    clock.set('2026-11-25T18:00:00+08:00');
    expect(await tick()).toContain('李强 督办：员工意见回复');
    const res = await w.standin.clickButton({ messageId: notice.messageId, user: 'ou_m1', buttonName: 'close_followup' });
    expect(res.toast?.content).toBe('已确认');
    expect((await clocks('hr.staff_opinion')).map((c) => c.status)).toEqual(['done', 'late']);
  });
});
