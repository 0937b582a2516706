// A complaint walked through every state over the stand-in, its clocks firing on fake time, and the monthly rates.
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { complaints, complaintSteps } from '../../src/db/schema/index.ts';
import { complaintKpis, sumKpis } from '../../src/features/complaints/complaint-kpis.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { startAt, useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const _HOUR = 3600_000;
const title = (content: Json): string | undefined => content?.header?.title?.content;

describe.each(DRIVERS)('complaints on %s', (driver) => {
  const clock = new FixedClock('2026-11-23T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const tick = () => w.tick();
  const say = (openId: string, words: string) => w.say(openId, words);
  const latest = (messageId: string) => w.standin.message(messageId)!.updates.at(-1);

  beforeEach(() => startAt(w, clock, '2026-11-23T06:00:00+08:00', '2026-11-23T09:00:00+08:00'));

  it('walks received → plan → fixed → not satisfied (reopened) → plan → fixed → satisfied → closed, the clocks reminding and escalating', async () => {
    // registered in chat: a major complaint alerts the quality center and customer service at once
    const list = await say('ou_m1', '投诉');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'new_complaint' });
    const reg = await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_m1',
      values: {
        owner: '陈女士',
        household: '3-2-801',
        channel: 'phone',
        what: '楼上漏水三天无人处理',
        category: 'repair',
        in_remit: 'yes',
        severity: 'major',
      },
    });
    expect(reg.toast?.content).toBe('已登记');
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 已受理，待制定方案');
    await w.flush();
    for (const who of ['ou_q1', 'ou_s1']) {
      const alert = w.standin.messages({ chatId: w.standin.p2pChatId(who) }).at(-1)!;
      expect(title(alert.content)).toBe('重大投诉：阳光花园物业服务中心');
      expect(alert.urgent).toEqual([who]);
    }

    // no plan: reminded at 24 h, escalated to the leader at 48 h
    clock.set('2026-11-24T08:59:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
    clock.set('2026-11-24T09:00:00+08:00');
    expect(await tick()).toContain('张伟 投诉 #1 未制定方案');
    clock.set('2026-11-25T09:00:00+08:00');
    expect(await tick()).toContain('李强 督办：投诉 #1');

    // the plan with its milestone; past the milestone: reminded, then escalated
    await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_m1',
      values: { plan: '联系楼上业主维修防水', milestone: '2026-11-26 +0800' },
    });
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 整改中');
    clock.set('2026-11-27T09:00:00+08:00');
    expect(await tick()).toContain('张伟 投诉 #1 已过节点');
    clock.set('2026-11-28T09:00:00+08:00');
    expect(await tick()).toContain('李强 督办：投诉 #1');

    // fixed, called back: not satisfied → reopened, and its clock starts again
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_fixed' });
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 已整改，待回访');
    const unhappy = await w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values: { satisfied: 'no', note: '仍有渗水' } });
    expect(unhappy.toast?.content).toBe('业主不满意，已重新打开');
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 业主不满意，重新处理');
    clock.set('2026-11-29T09:10:00+08:00');
    expect(await tick()).toContain('张伟 投诉 #1 未制定方案');

    // the second round ends satisfied: closed, and the closure reported to the quality center and customer service
    await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_m1',
      values: { plan: '更换楼板防水层', milestone: '2026-12-02 +0800' },
    });
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_fixed' });
    const happy = await w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values: { satisfied: 'yes', note: '' } });
    expect(happy.toast?.content).toBe('已结案');
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 已结案');
    await w.flush();
    expect(title(w.standin.messages({ chatId: w.standin.p2pChatId('ou_q1') }).at(-1)!.content)).toBe('投诉结案：阳光花园物业服务中心');

    // every step stored with who and when; no clock after closing
    const steps = await w.db.select().from(complaintSteps).orderBy(complaintSteps.id);
    expect(steps.map((s) => [s.step, s.by])).toEqual([
      ['received', 'm1'],
      ['plan', 'm1'],
      ['fixed', 'm1'],
      ['callback', 'm1'],
      ['plan', 'm1'],
      ['fixed', 'm1'],
      ['callback', 'm1'],
    ]);
    const [c] = await w.db.select().from(complaints);
    expect(c).toMatchObject({ status: 'closed', satisfied: true, reopenCount: 1 });
    clock.set('2026-12-05T09:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('投诉'))).toEqual([]);
  });

  it('someone outside the center cannot act on a complaint; a double click moves it once', async () => {
    const list = await say('ou_m1', '投诉');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'new_complaint' });
    await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_m1',
      values: {
        owner: '王先生',
        household: '1-1-101',
        channel: 'visit',
        what: '门禁坏了',
        category: 'repair',
        in_remit: 'yes',
        severity: 'normal',
      },
    });
    const stranger = await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_v1',
      values: { plan: 'x', milestone: '2026-11-25 +0800' },
    });
    expect(stranger.toast?.type).toBe('error');
    const values = { plan: '更换门禁读卡器', milestone: '2026-11-25 +0800' };
    await Promise.all([
      w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values }),
      w.standin.submitForm({ messageId: list.messageId, user: 'ou_m1', values }),
    ]);
    expect((await w.db.select().from(complaintSteps)).map((s) => s.step)).toEqual(['received', 'plan']);
  });

  it('the monthly rates on a month of recorded complaints match the hand-computed figures', async () => {
    // C001: 5 received in November; 4 closed in November, 1 of them received in October (does not count towards November's rate)
    // C002: 2 received, 0 closed. Call-backs in November: C001 5 (4 satisfied), C002 1 (not satisfied).
    const at = (d: string) => new Date(`${d}+08:00`);
    const add = async (center: string, received: string, closed: string | null, callbacks: ('yes' | 'no')[], n: string, inRemit = true) => {
      const [c] = await w.db
        .insert(complaints)
        .values({
          centerCode: center,
          managerId: 'm1',
          owner: '业主',
          household: '1-1',
          channel: 'phone',
          what: '问题',
          category: 'repair',
          inRemit,
          major: false,
          status: closed ? 'closed' : 'planned',
          receivedAt: at(received),
          closedAt: closed ? at(closed) : null,
          registeredBy: 'm1',
          nonce: n,
        })
        .returning();
      for (const [i, s] of callbacks.entries()) {
        await w.db.insert(complaintSteps).values({
          complaintId: c!.id,
          step: 'callback',
          by: 'm1',
          at: at(closed ?? '2026-11-20T10:00:00'),
          values: { satisfied: s },
          nonce: `${n}:${i}`,
        });
      }
    };
    await add('C001', '2026-10-28T10:00:00', '2026-11-03T10:00:00', ['yes'], 'a'); // October's: only its call-back counts
    await add('C001', '2026-11-02T10:00:00', '2026-11-05T10:00:00', ['yes'], 'b');
    await add('C001', '2026-11-06T10:00:00', '2026-11-15T10:00:00', ['no', 'yes'], 'c');
    await add('C001', '2026-11-10T10:00:00', '2026-11-29T10:00:00', ['yes'], 'd');
    await add('C001', '2026-11-20T10:00:00', null, [], 'e');
    await add('C001', '2026-11-30T23:00:00', '2026-12-01T10:00:00', [], 'f'); // closed in December: not closed for November
    await add('C002', '2026-11-11T10:00:00', null, ['no'], 'g');
    await add('C002', '2026-11-12T10:00:00', null, [], 'h');
    await add('C002', '2026-11-13T10:00:00', '2026-11-13T15:00:00', [], 'i', false); // outside the remit: counted apart

    const nov = await complaintKpis(w.db, '2026-11');
    // C001: received 5 (b c d e f), closed by the month's end 3 (b c d) → 60 %; call-backs 5 (a b c c d), satisfied 4 → 80 %
    expect(nov.find((k) => k.centerCode === 'C001')).toEqual({
      centerCode: 'C001',
      received: 5,
      closed: 3,
      calledBack: 5,
      satisfied: 4,
      outsideRemit: 0,
      closureRate: 0.6,
      satisfaction: 0.8,
    });
    // C002: received 2 within the remit, closed 0 → 0 % (the one outside the remit, closed, is not in the rate); call-backs 1, satisfied 0 → 0 %
    expect(nov.find((k) => k.centerCode === 'C002')).toEqual({
      centerCode: 'C002',
      received: 2,
      closed: 0,
      calledBack: 1,
      satisfied: 0,
      outsideRemit: 1,
      closureRate: 0,
      satisfaction: 0,
    });
    // the leader of both: 3 of 7 closed, 4 of 6 satisfied
    const leader = sumKpis(nov, 'l1');
    expect([leader.received, leader.closed, leader.calledBack, leader.satisfied]).toEqual([7, 3, 6, 4]);
    expect(leader.closureRate).toBeCloseTo(3 / 7, 10);
    expect(leader.satisfaction).toBeCloseTo(4 / 6, 10);
    // on the 20th at 10:00 (the cut-off is now): C001 has received 3 (b c d; e comes at 10:00), closed by then 2 (b c)
    const mid = await complaintKpis(w.db, '2026-11', at('2026-11-20T10:00:00'));
    expect(mid.find((k) => k.centerCode === 'C001')).toMatchObject({ received: 3, closed: 2 });
  });

  it('on the 20th a center below 70 % / 80 % is warned, manager and leader, once', async () => {
    await w.db.insert(complaints).values({
      centerCode: 'C001',
      managerId: 'm1',
      owner: '业主',
      household: '1-1',
      channel: 'phone',
      what: '问题',
      category: 'repair',
      inRemit: true,
      major: false,
      status: 'planned',
      receivedAt: new Date('2026-11-05T10:00:00+08:00'),
      registeredBy: 'm1',
      nonce: 'x',
    });
    clock.set('2026-11-20T09:59:00+08:00');
    expect((await tick()).filter((m) => m.includes('预警'))).toEqual([]);
    clock.set('2026-11-20T10:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('预警')).sort()).toEqual([
      '张伟 投诉指标预警：阳光花园物业服务中心',
      '李强 投诉指标预警：阳光花园物业服务中心',
    ]);
    clock.set('2026-11-20T11:00:00+08:00');
    expect((await tick()).filter((m) => m.includes('预警'))).toEqual([]);
  });
});
