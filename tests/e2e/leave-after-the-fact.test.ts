// Leave recorded after its first days passed: those days' duties are put as if it had been recorded ahead, fines booked for
// them are waived (请假, by whom), an announced week is corrected; further back than the late-filing window is refused.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { duties, ledger, leaves } from '../../src/db/schema/index.ts';
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { startAt, useLarkWorld } from '../helpers/lark-world.ts';
import { exampleOrg, importExampleOrg } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const text = (content: Json) => JSON.stringify(content);
const title = (content: Json): string | undefined => content?.header?.title?.content;

describe.each(DRIVERS)('leave recorded after the fact on %s', (driver) => {
  const clock = new FixedClock('2026-12-07T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  async function recordLeave(openId: string, values: { person: string; from: string; to: string; reason?: string }) {
    await w.standin.sendText({ from: openId, text: '请假' });
    await w.settle();
    const card = w.standin.messages({ chatId: w.standin.p2pChatId(openId) }).at(-1)!;
    const res = await w.standin.submitForm({
      messageId: card.messageId,
      user: openId,
      values: { ...values, from: `${values.from} +0800`, to: `${values.to} +0800` },
    });
    await w.flush();
    return { res, receipt: w.standin.message(card.messageId)!.updates.at(-1) };
  }

  it('sick leave recorded at 16:40 for today takes the missed daily report off 今日逾期, 团队 and the on-time rate', async () => {
    await startAt(w, clock, '2026-12-07T08:00:00+08:00', '2026-12-07T16:40:00+08:00');
    await w.tick(); // 16:30 passed: today's daily report is overdue
    expect(text((await w.say('ou_a1', '今日逾期')).content)).toContain('张伟');
    expect(text((await w.say('ou_l1', '团队')).content)).toContain('日报逾期');
    const owed = async () => Number(/按时率 [^（]*（\d+\/(\d+)）/.exec(text((await w.say('ou_m1', '我的积分 本月')).content))![1]);
    const before = await owed();

    const { res, receipt } = await recordLeave('ou_a1', { person: 'm1', from: '2026-12-07', to: '2026-12-08', reason: '病假' });
    expect(res.toast).toEqual({ type: 'success', content: '已登记' });
    expect(text(receipt)).toContain('已过截止时间的 1 项待办一并按请假处理，不计逾期');
    const [report] = await w.db
      .select()
      .from(duties)
      .where(and(eq(duties.ruleId, 'admin.daily_report'), eq(duties.personId, 'm1'), eq(duties.dueDay, '2026-12-07')));
    expect([report!.status, report!.statusNote]).toEqual(['suspended', '请假 2026-12-07—2026-12-08（病假）']);

    expect(text((await w.say('ou_a1', '今日逾期')).content)).not.toContain('张伟');
    expect(text((await w.say('ou_l1', '团队')).content)).not.toContain('日报逾期');
    expect(await owed()).toBe(before - 1); // the daily report no longer counts as owed
  });

  it('an admin records last Thursday’s leave after the week was announced: its fines are waived, the person told, the next week’s announcement corrects it', async () => {
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1'] });
    await startAt(w, clock, '2026-11-30T08:00:00+08:00', '2026-12-07T09:00:00+08:00');
    // Wednesday's self-review and Thursday's two reports were never filed (2 yuan each); week 49 is announced at 09:00
    await w.tick();
    const week49 = w.standin.messages({ chatId: 'oc_announce' }).find((m) => title(m.content) === '2026年第49周 考核公示')!;
    expect(text(week49.content)).toContain('（张伟）6 元');

    clock.set('2026-12-07T10:00:00+08:00');
    const { res } = await recordLeave('ou_a1', { person: 'm1', from: '2026-12-03', to: '2026-12-04', reason: '病假' });
    expect(res.toast).toEqual({ type: 'success', content: '已登记' });
    const thursday = (await w.db.select().from(ledger)).filter((e) => e.day === '2026-12-03');
    expect(thursday.map((e) => [Number(e.yuan), e.waivedBy, e.waiveReason])).toEqual([
      [2, 'a1', '请假（孙丽登记）'],
      [2, 'a1', '请假（孙丽登记）'],
    ]);
    // Thursday's patrols were short, and that day is now leave
    const [patrol] = await w.db
      .select()
      .from(duties)
      .where(and(eq(duties.ruleId, 'quality.day_patrol'), eq(duties.personId, 'm1'), eq(duties.periodKey, '2026-12-03')));
    expect(patrol!.status).toBe('suspended');
    const notice = w.lastTo('ou_m1');
    expect(title(notice.content)).toBe('请假已登记');
    expect(text(notice.content)).toContain('已免除 2 笔罚款或扣分（4 元）');
    expect(text(notice.content)).toContain('已公示的合计更正为：2026年第49周 2 元 · 0 分');

    // the next Monday: week 50 announced, with week 49's correction
    clock.set('2026-12-14T09:00:00+08:00');
    await w.tick();
    const week50 = w.standin.messages({ chatId: 'oc_announce' }).find((m) => title(m.content) === '2026年第50周 考核公示')!;
    expect(text(week50.content)).toContain('2026年第49周 张伟：更正为 2 元 · 0 分');
    expect(text(week50.content)).not.toContain('病假'); // why stays with the person
  });

  it('leave added to the org file after the fact is honoured by the next pass over the same window', async () => {
    await startAt(w, clock, '2026-11-30T08:00:00+08:00', '2026-12-07T09:00:00+08:00');
    await w.tick();
    const org = exampleOrg();
    org.people.find((p) => p.id === 'm1')!.leave = [{ from: '2026-12-03', to: '2026-12-04', reason: '病假' }];
    await importExampleOrg(w.db, '2026-12-07', org);
    clock.set('2026-12-07T09:05:00+08:00');
    await w.tick();
    const thursday = (await w.db.select().from(ledger)).filter((e) => e.day === '2026-12-03');
    expect(thursday.map((e) => e.waiveReason)).toEqual(['请假（组织文件登记）', '请假（组织文件登记）']);
    const wednesday = (await w.db.select().from(ledger)).find((e) => e.day === '2026-12-02')!;
    expect(wednesday.waivedAt).toBeNull(); // the self-review was due before the leave
  });

  it('leave further back than the late-filing window is refused, naming what to do instead; a leader records from today', async () => {
    await startAt(w, clock, '2026-12-07T08:00:00+08:00', '2026-12-07T10:00:00+08:00');
    const admin = await recordLeave('ou_a1', { person: 'm1', from: '2026-11-29', to: '2026-12-01' });
    expect(admin.res.toast).toEqual({
      type: 'error',
      content: '开始日期：最多补登 7 天内的请假。更早的罚款请在积分中逐条免除（注明请假）',
    });
    const leader = await recordLeave('ou_l1', { person: 'm1', from: '2026-12-04', to: '2026-12-07' });
    expect(leader.res.toast?.content).toBe('开始日期：只能登记今天起的请假。更早的请假请联系行政管理部补登，或在积分中免除相应罚款');
    expect(await w.db.select().from(leaves)).toEqual([]);
  });
});
