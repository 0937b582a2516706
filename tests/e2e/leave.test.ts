// 请假 in chat: a leader records leave for a manager through a card form; the duties in it are suspended; others are refused.
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { duties, leaves, people } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const cardTitle = (content: Json): string | undefined => content?.header?.title?.content;

describe.each(DRIVERS)('leave in chat on %s', (driver) => {
  const clock = new FixedClock('2026-11-27T10:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });

  async function openLeaveCard(openId: string) {
    await w.standin.sendText({ from: openId, text: '请假' });
    await w.settle();
    return w.standin.messages({ chatId: w.standin.p2pChatId(openId) }).at(-1)!;
  }

  it("the leader records a manager's leave: stored once, the manager is told, and the duties in it are suspended", async () => {
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    const card = await openLeaveCard('ou_l1');
    expect(cardTitle(card.content)).toBe('登记请假');
    expect(JSON.stringify(card.content)).toContain('张伟（经理）');

    const values = { person: 'm1', from: '2026-11-30 +0800', to: '2026-12-01 +0800', reason: '年假' };
    const res = await w.standin.submitForm({ messageId: card.messageId, user: 'ou_l1', values });
    expect(res.toast).toEqual({ type: 'success', content: '已登记' });
    expect(cardTitle(w.standin.message(card.messageId)!.updates.at(-1))).toBe('登记请假 · 已完成');
    expect(await w.db.select().from(leaves)).toEqual([
      expect.objectContaining({ personId: 'm1', fromDay: '2026-11-30', toDay: '2026-12-01', source: 'chat', createdBy: 'l1' }),
    ]);
    await w.flush();
    expect(cardTitle(w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).at(-1)!.content)).toBe('请假已登记');

    await runTick({ db: w.db, rules: testRules(), log: silentLogger }, clock.now());
    const monday = await w.db
      .select()
      .from(duties)
      .where(and(eq(duties.ruleId, 'admin.daily_report'), eq(duties.dueDay, '2026-11-30')));
    expect(monday).toEqual([
      expect.objectContaining({ personId: 'm1', status: 'suspended', statusNote: '请假 2026-11-30—2026-12-01（年假）' }),
    ]);
  });

  it('an end before the start is refused, naming the field, and nothing is stored', async () => {
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    const card = await openLeaveCard('ou_l1');
    const res = await w.standin.submitForm({
      messageId: card.messageId,
      user: 'ou_l1',
      values: { person: 'm1', from: '2026-12-03 +0800', to: '2026-12-01 +0800' },
    });
    expect(res.toast).toEqual({ type: 'error', content: '结束日期：不能早于开始日期' });
    expect(await w.db.select().from(leaves)).toEqual([]);
  });

  it('a manager asking for 请假 is told to ask their leader; the admin may record leave for anyone with a post', async () => {
    expect(JSON.stringify((await openLeaveCard('ou_m1')).content)).toContain('请假由分管领导或行政管理部登记');
    const adminCard = await openLeaveCard('ou_a1');
    expect(JSON.stringify(adminCard.content)).toContain('王芳（主管）');
  });

  it("someone else clicking the leader's card is refused and nothing is stored", async () => {
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    const card = await openLeaveCard('ou_l1');
    const res = await w.standin.submitForm({
      messageId: card.messageId,
      user: 'ou_v1',
      values: { person: 'm1', from: '2026-11-30 +0800', to: '2026-11-30 +0800' },
    });
    expect(res.toast).toEqual({ type: 'error', content: '只能为您分管的人员登记请假' });
    expect(await w.db.select().from(leaves)).toEqual([]);
  });
});
