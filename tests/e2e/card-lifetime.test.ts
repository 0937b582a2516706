// Cards live 14 days (卡片 JSON 2.0: "卡片可交互和可更新时间统一为 14 天"): on fake time, over a stand-in as strict as Feishu,
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
// every long-lived flow is reached from a fresh card — a complaint's next step, a patrol problem's 已整改, a staff
// opinion's 已答复, a receipt's 修改 — and a reminder whose record was filed elsewhere is patched to 「已提交」.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { complaints, duties, followups, submissions } from '../../src/db/schema/index.ts';
import { validateCard } from '../../src/lark/cards/validate.ts';
import { CARD_EXPIRED } from '../../src/sandbox/lark-standin/card-callbacks.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { startAt, useLarkWorld } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;
const text = (content: unknown) => JSON.stringify(content);
const buttons = (content: Json): { name: string; text: string; value: Json }[] =>
  (content?.body?.elements ?? [])
    .filter((e: Json) => e.tag === 'button')
    .map((e: Json) => ({ name: e.name, text: e.text.content, value: e.behaviors[0].value }));

describe.each(DRIVERS)('cards that outlive 14 days on %s', (driver) => {
  const clock = new FixedClock('2026-11-23T09:00:00+08:00');
  // the stand-in keeps the bot's time: a card's age is measured as Feishu would
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01', standin: { now: () => clock.now().getTime() } });
  const say = (openId: string, words: string) => w.say(openId, words);
  const latest = (messageId: string) => w.standin.message(messageId)!.updates.at(-1);
  /** Sends 待办 and clicks the first button that matches: on the first screen, else through 查看本周 and 更多. */
  async function fromTodo(openId: string, match: (b: { text: string; value: Json }) => boolean) {
    const todo = await say(openId, '待办');
    let shown: unknown = todo.content;
    for (let page = 0; page < 50; page++) {
      expect(validateCard(shown)).toEqual([]);
      const b = buttons(shown).find(match);
      if (b) return w.standin.clickButton({ messageId: todo.messageId, user: openId, buttonName: b.name });
      const next = buttons(shown).find((x) => x.name === 'todo_week' || x.name === 'todo_more');
      expect(next, `not in 待办: ${text(shown)}`).toBeDefined();
      shown = (await w.standin.clickButton({ messageId: todo.messageId, user: openId, buttonName: next!.name })).card;
    }
    throw new Error('待办 has more than 50 pages');
  }

  beforeEach(() => startAt(w, clock, '2026-11-23T06:00:00+08:00', '2026-11-23T09:00:00+08:00'));

  it('a complaint registered, 20 days later: its old card is expired, its next step comes fresh from 待办 and from 「投诉 1」, and is filed', async () => {
    const list = await say('ou_m1', '投诉');
    await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'new_complaint' });
    await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_m1',
      values: {
        owner: '陈女士',
        household: '3-2-801',
        channel: 'phone',
        what: '楼上漏水',
        category: 'repair',
        in_remit: 'yes',
        severity: 'normal',
      },
    });
    await w.standin.submitForm({
      messageId: list.messageId,
      user: 'ou_m1',
      values: { plan: '更换楼板防水层', milestone: '2026-12-10 +0800' },
    });
    expect(title(latest(list.messageId))).toBe('投诉 #1 · 整改中');
    expect(text(latest(list.messageId))).toContain('发送「投诉 1」可随时获取最新卡片');

    clock.set('2026-12-13T09:00:00+08:00');
    const stale = await w.standin.clickButton({ messageId: list.messageId, user: 'ou_m1', buttonName: 'complaint_fixed' });
    expect(stale).toMatchObject({ ok: false, blocked: CARD_EXPIRED });
    expect((await w.db.select().from(complaints))[0]!.status).toBe('planned');

    // 待办 lists it (past its milestone, first); 处理 sends the complaint with its step as a new message
    const sent = await fromTodo('ou_m1', (b) => b.value.a === 'complaint.send' && b.value.id === 1);
    expect(sent.toast).toEqual({ type: 'success', content: '已发送最新卡片' });
    await w.flush();
    const fresh = w.lastTo('ou_m1');
    expect(title(fresh.content)).toBe('投诉 #1 · 整改中');
    expect(validateCard(fresh.content)).toEqual([]);
    await w.standin.clickButton({ messageId: fresh.messageId, user: 'ou_m1', buttonName: 'complaint_fixed' });
    expect(title(latest(fresh.messageId))).toBe('投诉 #1 · 已整改，待回访');

    // weeks later again, the number typed in chat gives the current step
    clock.set('2027-01-05T10:00:00+08:00');
    const byNumber = await say('ou_m1', '投诉 1');
    expect(title(byNumber.content)).toBe('投诉 #1 · 已整改，待回访');
    expect(validateCard(byNumber.content)).toEqual([]);
    const closed = await w.standin.submitForm({
      messageId: byNumber.messageId,
      user: 'ou_m1',
      values: { satisfied: 'yes', note: '业主满意' },
    });
    expect(closed.toast?.content).toBe('已结案');
    expect((await w.db.select().from(complaints))[0]).toMatchObject({ status: 'closed', satisfied: true });

    // the center's supervisor sees it without a step to take; a number that does not exist gets a plain answer
    const seen = await say('ou_v1', '投诉 1');
    expect(title(seen.content)).toBe('投诉 #1 · 已结案');
    expect(text(seen.content)).not.toContain('"tag":"form"');
    expect(text((await say('ou_m1', '投诉#99')).content)).toContain('没有找到投诉 #99');
  });

  it("a patrol problem's 已整改 and a staff opinion's 已答复 work from 待办 when their receipts have expired", async () => {
    const patrol = await say('ou_m1', '巡查');
    await w.standin.submitForm({
      messageId: patrol.messageId,
      user: 'ou_m1',
      values: {
        time: '07:30 +0800',
        posts: ['大门岗'],
        books: 'yes',
        problems: '南门岗监控黑屏',
        measure: '报修',
        milestone: '2026-12-20 +0800',
      },
    });
    const opinion = await say('ou_m1', '员工意见');
    await w.standin.submitForm({
      messageId: opinion.messageId,
      user: 'ou_m1',
      values: { staff: '赵六', opinion: '希望调整夜班排班', deadline: '2026-12-18 +0800' },
    });
    expect(buttons(latest(patrol.messageId)).map((b) => b.text)).toContain('已整改');

    clock.set('2026-12-13T09:00:00+08:00');
    expect(await w.standin.clickButton({ messageId: patrol.messageId, user: 'ou_m1', buttonName: 'fix_issue' })).toMatchObject({
      blocked: CARD_EXPIRED,
    });
    expect(await w.standin.clickButton({ messageId: opinion.messageId, user: 'ou_m1', buttonName: 'answer_opinion' })).toMatchObject({
      blocked: CARD_EXPIRED,
    });

    const fixed = await fromTodo('ou_m1', (b) => b.text === '已整改');
    expect(fixed.toast?.content).toBe('已确认');
    const answered = await fromTodo('ou_m1', (b) => b.text === '已答复');
    expect(answered.toast?.content).toBe('已确认');
    const clocks = await w.db.select().from(followups).orderBy(followups.id);
    expect(clocks.map((c) => [c.ruleId, c.status])).toEqual([
      ['quality.patrol_issue', 'done'],
      ['hr.staff_opinion', 'done'],
    ]);
    // closed clocks leave 待办
    const after = await say('ou_m1', '待办');
    expect(buttons(after.content).some((b) => b.text === '已整改' || b.text === '已答复')).toBe(false);
  });

  it('a daily report filed from 待办: the 15:30 reminder in the chat is patched to 「已提交」, not left as an open form', async () => {
    clock.set('2026-11-24T15:30:00+08:00');
    await w.tick();
    const reminder = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).find((m) => title(m.content) === '待提交：日报')!;
    expect(text(reminder.content)).toContain('"tag":"form"');

    const [today] = await w.db
      .select()
      .from(duties)
      .where(and(eq(duties.personId, 'm1'), eq(duties.ruleId, 'admin.daily_report'), eq(duties.dueDay, '2026-11-24')));
    const opened = await fromTodo('ou_m1', (b) => b.value.a === 'record.open' && b.value.d === today!.id);
    expect(opened.toast?.content).toBe('表单已发送');
    await w.flush();
    const form = w.lastTo('ou_m1');
    const filed = await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_m1',
      values: { done: '完成消防通道清理', plan: '明日跟进车库照明' },
    });
    expect(filed.toast?.content).toBe('已提交');
    await w.flush();

    const shown = latest(reminder.messageId);
    expect(title(shown)).toBe('已提交：日报');
    expect(text(shown)).not.toContain('"tag":"form"');
    expect(text(shown)).toContain('按时提交');
    expect(validateCard(shown)).toEqual([]);
    expect(title(latest(form.messageId))).toBe('已提交：日报'); // the card it was filed from became the receipt
  });

  it('a receipt’s 修改 is reachable fresh: 「日报」 again before the deadline gives the filed one’s receipt, whose 修改 makes version 2', async () => {
    clock.set('2026-11-24T15:00:00+08:00');
    const form = await say('ou_m1', '日报');
    await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_m1',
      values: { done: '完成消防通道清理', plan: '明日跟进车库照明' },
    });
    clock.set('2026-11-24T16:00:00+08:00');
    const receipt = await say('ou_m1', '日报');
    expect(receipt.messageId).not.toBe(form.messageId);
    expect(title(receipt.content)).toBe('已提交：日报');
    expect(validateCard(receipt.content)).toEqual([]);
    await w.standin.clickButton({ messageId: receipt.messageId, user: 'ou_m1', buttonName: 'edit_record' });
    const edited = await w.standin.submitForm({
      messageId: receipt.messageId,
      user: 'ou_m1',
      values: { done: '完成消防通道清理和楼道照明', plan: '明日跟进车库照明' },
    });
    expect(edited.toast?.content).toBe('已提交');
    const versions = await w.db.select().from(submissions).where(eq(submissions.formId, 'daily_report')).orderBy(submissions.version);
    expect(versions.map((s) => s.version)).toEqual([1, 2]);
    // after the deadline, 日报 is the next day's form again
    clock.set('2026-11-24T17:00:00+08:00');
    expect(text((await say('ou_m1', '日报')).content)).toContain('"tag":"form"');
  });
});
