// The complaint chain past the fix: the call-back chased on the rule's clock, customer service following each step and
// recording the call-back, the short path outside the remit, and the 投诉 list paged through all open complaints.
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { complaints, complaintSteps } from '../../src/db/schema/index.ts';
import { complaintKpis } from '../../src/features/complaints/complaint-kpis.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { startAt, useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';
import { RuleSchema, type FollowUp } from '../../src/rules/rulebook/schema.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;
/** The card as text, its markdown escapes undone (「#」 is sent as &#35;). */
const text = (content: Json): string => JSON.stringify(content).replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));

describe.each(DRIVERS)('the complaint chain on %s', (driver) => {
  const clock = new FixedClock('2026-12-01T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const tick = () => w.tick();
  const latest = (messageId: string) => w.standin.message(messageId)!.updates.at(-1);
  const lastIn = (openId: string) => w.standin.messages({ chatId: w.standin.p2pChatId(openId) }).at(-1)!;

  beforeEach(() => startAt(w, clock, '2026-12-01T06:00:00+08:00', '2026-12-01T09:00:00+08:00'));

  /** Registers a complaint in chat as `who`; returns the list message the card lives on. */
  async function register(who: string, values: Record<string, string>) {
    const list = await w.say(who, '投诉');
    await w.standin.clickButton({ messageId: list.messageId, user: who, buttonName: 'new_complaint' });
    const reg = await w.standin.submitForm({
      messageId: list.messageId,
      user: who,
      values: { owner: '陈女士', household: '3-2-801', channel: 'phone', category: 'repair', severity: 'normal', ...values },
    });
    expect(reg.toast?.content).toBe('已登记');
    return list;
  }

  it('a fixed complaint not called back within 24 h reminds the manager and customer service, then the leader is told; the call-back stops it', async () => {
    const list = await register('ou_m1', { what: '电梯异响', in_remit: 'yes' });
    await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_m1',
      values: { plan: '请维保单位检修', milestone: '2026-12-03 +0800' },
    });
    clock.set('2026-12-02T10:00:00+08:00');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_fixed' });
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 已整改，待回访');

    clock.set('2026-12-03T09:59:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
    clock.set('2026-12-03T10:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉')).sort()).toEqual(['周杰 投诉 #1 待回访', '张伟 投诉 #1 待回访']);
    expect(text(lastIn('ou_m1').content)).toContain('已整改（12月2日 周三 10:00）超过 24 小时仍未回访业主');
    clock.set('2026-12-03T12:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
    clock.set('2026-12-04T10:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉'))).toEqual(['李强 督办：投诉 #1']);
    expect(text(lastIn('ou_l1').content)).toContain('仍未回访业主');

    // the call-back closes it: no clock after
    await w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values: { satisfied: 'yes', note: '已无异响' } });
    clock.set('2026-12-06T10:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
  });

  it("the call-back's time, the reminders and the escalation come from the complaint rule's data", async () => {
    const rules = w.service.ctx.rules.book.rules;
    const before = [...rules];
    const i = rules.findIndex((r) => r.id === 'customer.complaint');
    // a company's rule (as its rulebook file would say it, checked by the rulebook's schema): call back within 48 h,
    // escalate 12 h after the reminder, to the quality center
    const mine = rules[i] as FollowUp;
    rules[i] = RuleSchema.parse({
      ...mine,
      stages: mine.stages.map((s) =>
        s.name === 'callback' ? { ...s, within_hours: 48, escalate_after_hours: 12, escalate_to: ['quality_center'] } : s,
      ),
    });
    try {
      const list = await register('ou_m1', { what: '路灯不亮', in_remit: 'yes' });
      await w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values: { plan: '更换灯泡', milestone: '2026-12-02 +0800' } });
      await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_fixed' });
      clock.set('2026-12-02T09:00:00+08:00');
      expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
      clock.set('2026-12-03T09:00:00+08:00');
      expect((await tick()).filter((m) => m.includes('投诉')).sort()).toEqual(['周杰 投诉 #1 待回访', '张伟 投诉 #1 待回访']);
      expect(text(lastIn('ou_m1').content)).toContain('再过 12 小时将上报');
      clock.set('2026-12-03T21:00:00+08:00');
      expect((await tick()).filter((m) => m.includes('投诉'))).toEqual(['赵敏 督办：投诉 #1']);
      // switched off: no clocks at all
      rules[i] = RuleSchema.parse({ ...rules[i]!, enabled: false });
      await w.db.update(complaints).set({ status: 'received', reopenCount: 5 });
      clock.set('2026-12-05T09:00:00+08:00');
      expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
    } finally {
      rules.splice(0, rules.length, ...before);
    }
  });

  it('customer service registers a complaint without the plan form, hears each step in a line, records the call-back, and the card shows who did what with the notes', async () => {
    const list = await w.say('ou_s1', '投诉');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_s1', buttonName: 'new_complaint' });
    await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_s1',
      values: {
        owner: '陈女士',
        household: '3-2-801',
        channel: 'phone',
        what: '楼道灯坏了',
        category: 'repair',
        in_remit: 'yes',
        severity: 'normal',
      },
    });
    // customer service's own card: the complaint, no form it may not use
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 已受理，待制定方案');
    expect(text(latest(list.messageId))).not.toContain('complaint.plan');
    await w.flush();
    // the manager got it with the plan form
    const assigned = lastIn('ou_m1');
    expect(text(assigned.content)).toContain('complaint.plan');
    // the plan is not customer service's: a submit of it (a forwarded card) is refused
    const refused = await w.standin.submitForm({
      messageId: assigned.messageId,
      user: 'ou_s1',
      values: { plan: 'x', milestone: '2026-12-02 +0800' },
    });
    expect(refused.toast).toMatchObject({ type: 'error', content: '只能处理本服务中心、分管或职责范围内的投诉' });

    await w.standin.submitForm({
      messageId: assigned.messageId,
      user: 'ou_m1',
      values: { plan: '更换灯管', milestone: '2026-12-02 +0800' },
    });
    await w.flush();
    expect(title(lastIn('ou_s1').content)).toBe('投诉 #1 · 整改中');
    expect(text(lastIn('ou_s1').content)).toContain('方案 张伟');
    await w.standin.clickButton({ messageId: assigned.messageId, user: 'ou_m1', buttonName: 'complaint_fixed' });
    await w.flush();
    const line = lastIn('ou_s1');
    expect(title(line.content)).toBe('投诉 #1 · 已整改，待回访');

    // 查看: the complaint's card, with the call-back form for customer service
    await w.standin.clickButton({ messageId: line.messageId, user: 'ou_s1', buttonName: 'send_complaint' });
    await w.flush();
    const fresh = lastIn('ou_s1');
    expect(title(fresh.content)).toBe('投诉 #1 · 已整改，待回访');
    const unhappy = await w.standin.submitForm({
      messageId: fresh.messageId,
      user: 'ou_s1',
      values: { satisfied: 'no', note: '灯仍闪烁' },
    });
    expect(unhappy.toast?.content).toBe('业主不满意，已重新打开');
    // reopened: customer service sees it, without the plan form
    const after = text(latest(fresh.messageId));
    expect(after).toContain('回访 周杰');
    expect(after).toContain('不满意：灯仍闪烁');
    expect(after).not.toContain('complaint.plan');
    const steps = await w.db.select().from(complaintSteps).orderBy(complaintSteps.id);
    expect(steps.map((s) => [s.step, s.by])).toEqual([
      ['received', 's1'],
      ['plan', 'm1'],
      ['fixed', 'm1'],
      ['callback', 's1'],
    ]);
    // the manager's fresh card: who called back, with the notes, and the plan form again
    const card = await w.say('ou_m1', '投诉 1');
    expect(text(card.content)).toContain('回访 周杰');
    expect(text(card.content)).toContain('complaint.plan');
  });

  it('a plan’s milestone lies between today and the complaint rule’s latest day (90 days unless the rulebook says otherwise)', async () => {
    const list = await register('ou_m1', { what: '楼道灯不亮', in_remit: 'yes' });
    const plan = (milestone: string) =>
      w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values: { plan: '更换灯具', milestone: `${milestone} +0800` } });
    expect((await plan('2026-11-30')).toast).toEqual({ type: 'error', content: '完成节点：不能早于今天' });
    expect((await plan('2027-03-02')).toast).toEqual({ type: 'error', content: '完成节点：不能晚于 2027-03-01' });
    const rules = w.service.ctx.rules.book.rules;
    const before = [...rules];
    const i = rules.findIndex((r) => r.id === 'customer.complaint');
    rules[i] = RuleSchema.parse({ ...rules[i]!, max_days: 14 });
    try {
      expect((await plan('2026-12-16')).toast).toEqual({ type: 'error', content: '完成节点：不能晚于 2026-12-15' });
      expect((await plan('2026-12-15')).toast?.type).toBe('success');
    } finally {
      rules.splice(0, rules.length, ...before);
    }
  });

  it('outside the remit: answered or passed on, then closed; its clock asks for the answer; the figures count it apart', async () => {
    const list = await register('ou_m1', { what: '小区外施工噪音', in_remit: 'no' });
    expect(text(latest(list.messageId))).toContain('complaint.answer');
    expect(text(latest(list.messageId))).not.toContain('complaint.plan');
    expect(text((await w.say('ou_m1', '待办')).content)).toContain('小区外施工噪音 · 非物业职责，待答复或转交');
    clock.set('2026-12-02T09:00:00+08:00');
    expect(await tick()).toContain('张伟 投诉 #1 未答复业主');
    const missing = await w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values: { way: 'passed', detail: ' ' } });
    expect(missing.toast?.type ?? missing.blocked).toBeTruthy();
    // not customer service's to close; a double click closes it once
    const refused = await w.standin.submitForm({ messageId: list.messageId, user: 'ou_s1', values: { way: 'answered', detail: '已解释' } });
    expect(refused.toast?.type).toBe('error');
    const values = { way: 'passed', detail: '已转交城管执法队' };
    const [done] = await Promise.all([
      w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values }),
      w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values }),
    ]);
    expect(['已结案', '已收到，无需重复提交', '投诉状态已变化，请查看最新卡片']).toContain(done.toast?.content);
    expect((await w.db.select().from(complaintSteps)).map((s) => s.step)).toEqual(['received', 'answered']);
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 已结案');
    expect(text(latest(list.messageId))).toContain('已转交责任单位：已转交城管执法队');
    const [c] = await w.db.select().from(complaints);
    expect(c).toMatchObject({ status: 'closed', inRemit: false });
    const [k] = await complaintKpis(w.db, '2026-12');
    expect(k).toMatchObject({ received: 0, closed: 0, outsideRemit: 1, closureRate: null });
    clock.set('2026-12-05T09:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
  });

  it('the 投诉 list says how many are open and pages through all of them, newest first', async () => {
    for (let i = 1; i <= 23; i++) {
      await w.db.insert(complaints).values({
        centerCode: 'C001',
        managerId: 'm1',
        owner: `业主${i}`,
        household: `1-1-${i}`,
        channel: 'phone',
        what: `问题${i}`,
        category: 'repair',
        inRemit: true,
        major: false,
        status: i === 5 ? 'closed' : 'received',
        receivedAt: new Date(Date.parse('2026-11-01T10:00:00+08:00') + i * 3600_000),
        registeredBy: 'm1',
        nonce: `n${i}`,
      });
    }
    const list = await w.say('ou_m1', '投诉');
    const first = text(list.content);
    expect(first).toContain('未结案 22 件 · 第 1/3 页');
    expect(first.indexOf('#23 业主23')).toBeLessThan(first.indexOf('#22 业主22'));
    expect(first).not.toContain('#13 业主13');
    expect(first).toContain('更多（还有 12 件）');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_more' });
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_more' });
    const last = text(latest(list.messageId));
    expect(last).toContain('第 3/3 页');
    expect(last).toContain('#1 业主1');
    expect(last).not.toContain('#5 业主5');
    expect(last).not.toContain('complaint_more');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_back' });
    expect(text(latest(list.messageId))).toContain('第 2/3 页');
  });
});
