// What a manager sees on a phone (issue 15), over the stand-in: an on-time report counts at once in 我的积分, empty
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
// required fields are named, the morning card and 待办 fit a screenful, a month end's shortfalls come as one card, the
// announcement's card comes before its Excel file and says 本期无扣分 instead of an empty chart, and one duty has one
// live form at a time (a later reminder takes the form over; a stale form never files twice).
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { selectDuties } from '../../src/db/queries/duties.ts';
import { duties, outbox, people, submissions } from '../../src/db/schema/index.ts';
import { TODO_SCREEN } from '../../src/lark/cards/record-cards.ts';
import { CARD_LIMITS, countElements, sentBodyBytes, validateCard } from '../../src/lark/cards/validate.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import type { StoredMessage } from '../../src/sandbox/lark-standin/index.ts';
import { startAt, useLarkWorld, type World } from '../helpers/lark-world.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;
const text = (content: unknown) => JSON.stringify(content);
const hasForm = (content: unknown) => text(content).includes('"tag":"form"');
/** What the person sees now: the card's last update, or the card as sent. */
const shown = (w: World, m: StoredMessage) => w.standin.message(m.messageId)!.updates.at(-1) ?? m.content;
const chat = (w: World, openId: string) => w.standin.messages({ chatId: w.standin.p2pChatId(openId) });
/** The markdown lines of a card (one string per line, every element). */
const lines = (content: Json): string[] =>
  (content?.body?.elements ?? []).flatMap((e: Json) => (e.tag === 'markdown' ? String(e.content).split('\n') : []));
const buttons = (content: Json): { name: string; text: string }[] =>
  (content?.body?.elements ?? []).filter((e: Json) => e.tag === 'button').map((e: Json) => ({ name: e.name, text: e.text.content }));

function expectAccepted(card: unknown) {
  expect(validateCard(card)).toEqual([]);
  expect(countElements(card)).toBeLessThanOrEqual(CARD_LIMITS.elements);
  expect(sentBodyBytes(card)).toBeLessThanOrEqual(CARD_LIMITS.bodyBytes);
}

describe.each(DRIVERS)('a new manager, from the first day, on %s', (driver) => {
  // everyone starts on Tuesday 2026-11-24 (as the playground's demo people start on the day it is first opened)
  const clock = new FixedClock('2026-11-24T06:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-24' });
  const score = async () => lines((await w.say('ou_m1', '我的积分')).content).find((l) => l.startsWith('按时率'))!;

  beforeEach(async () => {
    await w.db.update(people).set({ since: '2026-11-24' });
    await startAt(w, clock, '2026-11-24T06:00:00+08:00', '2026-11-24T15:30:00+08:00');
  });

  it('an on-time daily report counts at once in 我的积分; what is still before its deadline is said plainly, never a miss', async () => {
    await w.tick();
    const before = /^按时率 —（尚无到期的事项），另有 (\d+) 项未到期$/.exec(await score());
    expect(before).not.toBeNull();

    const reminder = chat(w, 'ou_m1').find((m) => title(m.content) === '待提交：日报')!;
    const res = await w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_m1', values: { done: '巡查3个岗位，处理2件报修' } });
    expect(res.toast).toEqual({ type: 'success', content: '已提交' });
    // the report counts now, hours before its 16:30 deadline; the one it was leaves the 未到期 count
    expect(await score()).toBe(`按时率 100%（1/1），另有 ${Number(before![1]) - 1} 项未到期`);

    // the next day's report is never filed: once its deadline passes it is a miss
    clock.set('2026-11-25T16:31:00+08:00');
    await w.tick();
    expect(await score()).toMatch(/^按时率 50%（1\/2）(，另有 \d+ 项未到期)?$/);
  });

  it('an empty required field is named: the client names every empty one, and the bot names each one that reaches it', async () => {
    const form = await w.say('ou_m1', '夜查');
    expect(hasForm(form.content)).toBe(true);
    // the client (the stand-in, as Feishu's) sends nothing and names the fields by their labels on the card
    const blocked = await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: {} });
    expect(blocked.blocked).toBe('有必填项未填写');
    expect(blocked.missing).toEqual(['夜查时间', '检查岗位', '发现睡岗（人）']); // as the card reads (the input's label carries its unit)
    // a submit that arrives without the fields (an old client): the bot's toast names them all, and nothing is stored
    const raw = await w.standin.clickButton({ messageId: form.messageId, user: 'ou_m1', buttonName: 'submit_night_check' });
    expect(raw.toast).toEqual({ type: 'error', content: '有必填项未填写：夜查日期、夜查时间、检查岗位、发现睡岗' });
    expect(await w.db.select().from(submissions)).toEqual([]);
    // one field left: that one
    const daily = await w.say('ou_m1', '日报');
    expect((await w.standin.submitForm({ messageId: daily.messageId, user: 'ou_m1', values: { done: '   ' } })).missing).toEqual([
      '今日完成工作',
    ]);
  });

  it('the morning card fits a phone: today first, a few lines a list, the quotas in one line, the rest behind 查看本周', async () => {
    clock.set('2026-11-26T08:30:00+08:00'); // Thursday: the daily report, two weekly reports and the day's quotas
    await w.tick();
    const morning = chat(w, 'ou_m1').find((m) => title(m.content) === '今日待办')!;
    expectAccepted(morning.content);
    expect(hasForm(morning.content)).toBe(false); // a list, never a second form next to the reminders
    const md = lines(morning.content);
    expect(md.findIndex((l) => l.startsWith('**今天到期**'))).toBeLessThan(md.findIndex((l) => l.startsWith('**进行中**')));
    expect(md.filter((l) => l.startsWith('- ')).length).toBeLessThanOrEqual(10); // two lists of at most 5
    expect(md.filter((l) => l.startsWith('**进行中**'))).toHaveLength(1); // every running quota in one line
    expect(buttons(morning.content)).toEqual([{ name: 'todo_week', text: '查看本周' }]);
    const week = await w.standin.clickButton({ messageId: morning.messageId, user: 'ou_m1', buttonName: 'todo_week' });
    expect(title(week.card)).toBe('张伟 的本周待办');
    expectAccepted(week.card);

    // 待办: today's items first, at most a screenful with a button each, the rest behind one 查看本周
    const todo = await w.say('ou_m1', '待办');
    expectAccepted(todo.content);
    const today = buttons(todo.content).filter((b) => b.name.startsWith('today_'));
    expect(today.length).toBeGreaterThan(0);
    expect(today.length).toBeLessThanOrEqual(TODO_SCREEN);
    expect(buttons(todo.content).filter((b) => b.name === 'todo_week')).toHaveLength(1);
  });

  it('deadlines passing together for one person come as one notice, not one card each', async () => {
    clock.set('2026-11-26T16:31:00+08:00'); // Thursday 16:30: the daily report and the company plan progress
    const sent = await w.tick();
    expect(sent.filter((s) => s.startsWith('张伟 已逾期'))).toEqual(['张伟 已逾期：2 项']);
    const notice = chat(w, 'ou_m1').find((m) => title(m.content) === '已逾期：2 项')!;
    expectAccepted(notice.content);
    expect(text(notice.content)).toContain('日报');
    expect(text(notice.content)).toContain('公司计划进度');
  });
});

describe.each(DRIVERS)('a month end on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T06:00:00+08:00');
  // several senders at once: the group's messages still arrive in the order they were enqueued
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01', service: { sender: { concurrency: 10 } } });

  beforeEach(async () => {
    await startAt(w, clock, '2026-11-24T06:00:00+08:00', '2026-12-01T09:00:00+08:00');
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1', 'ou_l1', 'ou_m1'] });
  });

  it("the month's shortfalls come as one card per person listing them; the announcement's card comes before its Excel file and says 本期无扣分", async () => {
    const sent = await w.tick();
    // 张伟: every quota that closed short with a notice is in one card
    // the quotas whose rule asks for a notice, closed short in the last day (the month's: the week's closed on Sunday)
    const short = await selectDuties(w.db).where(and(eq(duties.personId, 'm1'), eq(duties.status, 'short')));
    const noticed = short.filter(
      (d) =>
        (d.terms as { notify_shortfall?: boolean }).notify_shortfall !== false &&
        clock.now().getTime() - d.dueAt.getTime() <= 24 * 3600_000,
    );
    expect(noticed.length).toBeGreaterThan(1);
    expect(sent.filter((s) => s.startsWith('张伟 未完成'))).toEqual([`张伟 未完成：${noticed.length} 项指标`]);
    const card = chat(w, 'ou_m1').find((m) => title(m.content) === `未完成：${noticed.length} 项指标`)!;
    expectAccepted(card.content);
    expect(lines(card.content).filter((l) => l.startsWith('- **'))).toHaveLength(noticed.length);

    // the announcement: the card, then the file it says follows
    const group = w.standin.messages({ chatId: 'oc_announce' });
    expect(group.map((m) => m.msgType)).toEqual(['interactive', 'file']);
    expect(title(group[0]!.content)).toBe('2026年11月 考核公示');
    expect(text(group[0]!.content)).toContain('完整表格见随后的 Excel 文件');
    // nobody has points this month: a line, not a chart of zeros
    expect(text(group[0]!.content)).not.toContain('"tag":"chart"');
    expect(lines(group[0]!.content)).toContain('本期无扣分');
    expectAccepted(group[0]!.content);
  });
});

describe.each(DRIVERS)('one duty, one live form, on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T06:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-24' });
  const liveForms = () => chat(w, 'ou_m1').filter((m) => hasForm(shown(w, m)));

  beforeEach(async () => {
    await startAt(w, clock, '2026-11-24T06:00:00+08:00', '2026-11-24T08:30:00+08:00');
  });

  it('the morning card carries no form; the 16:15 last call takes the form over from the 15:30 card, and filing settles both', async () => {
    await w.tick();
    expect(chat(w, 'ou_m1').map((m) => title(m.content))).toEqual(['今日待办']);
    clock.set('2026-11-24T15:30:00+08:00');
    await w.tick();
    expect(liveForms().map((m) => title(m.content))).toEqual(['待提交：日报']);
    const first = liveForms()[0]!;

    // the last call is enqueued at 16:00 to arrive before 16:15; the 15:30 card loses its form just after it arrives
    clock.set('2026-11-24T16:00:00+08:00');
    await w.tick();
    expect(liveForms().map((m) => title(m.content))).toEqual(['待提交：日报']); // not yet: there is always one to fill
    clock.set('2026-11-24T16:15:00+08:00');
    await w.flush();
    expect(liveForms().map((m) => title(m.content))).toEqual(['最后提醒：日报']);
    expect(title(shown(w, first))).toBe('日报：请在最新卡片中提交');
    expectAccepted(shown(w, first));

    // filed from the last call: the 15:30 card now says it was filed
    const last = liveForms()[0]!;
    expect(
      (await w.standin.submitForm({ messageId: last.messageId, user: 'ou_m1', values: { done: '完成消防通道清理' } })).toast?.content,
    ).toBe('已提交');
    await w.flush();
    expect(title(shown(w, first))).toBe('已提交：日报');
    expect(liveForms()).toEqual([]);
  });

  it('a report filed before the last call goes out: the last call is never sent', async () => {
    clock.set('2026-11-24T15:30:00+08:00');
    await w.tick();
    clock.set('2026-11-24T16:00:00+08:00');
    await w.tick(); // the last call waits in the outbox for its place in the wave (16:05–16:15)
    const reminder = chat(w, 'ou_m1').find((m) => title(m.content) === '待提交：日报')!;
    clock.set('2026-11-24T16:02:00+08:00');
    expect(
      (await w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_m1', values: { done: '完成消防通道清理' } })).toast?.content,
    ).toBe('已提交');
    clock.set('2026-11-24T16:20:00+08:00');
    await w.flush();
    expect(chat(w, 'ou_m1').map((m) => title(m.content))).not.toContain('最后提醒：日报');
    expect(title(shown(w, reminder))).toBe('已提交：日报');
    // the last call and the patch that would have taken the 15:30 card's form: both dropped from the outbox
    const rows = await w.db.select().from(outbox).where(eq(outbox.status, 'cancelled'));
    expect(rows.map((r) => r.key).sort()).toEqual([
      'remind:admin.daily_report|m1|C001|2026-11-24:1',
      'reminder-moved:remind:admin.daily_report|m1|C001|2026-11-24:0',
    ]);
  });

  it('a form asked for in chat before the reminder was filed never files twice: it answers with the filed receipt', async () => {
    clock.set('2026-11-24T15:00:00+08:00');
    const asked = await w.say('ou_m1', '日报');
    expect(hasForm(asked.content)).toBe(true);
    clock.set('2026-11-24T15:30:00+08:00');
    await w.tick();
    const reminder = chat(w, 'ou_m1').find((m) => title(m.content) === '待提交：日报')!;
    await w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_m1', values: { done: '巡查3个岗位' } });
    await w.flush();

    const again = await w.standin.submitForm({ messageId: asked.messageId, user: 'ou_m1', values: { done: '又写了一遍' } });
    expect(again.toast).toEqual({ type: 'info', content: '日报已提交过，本次未重复保存' });
    expect(title(again.card)).toBe('已提交：日报');
    expect(text(again.card)).toContain('巡查3个岗位');
    const stored = await w.db.select().from(submissions).where(eq(submissions.formId, 'daily_report'));
    expect(stored.map((s) => s.values.done)).toEqual(['巡查3个岗位']);
    expect(w.standin.messages({ receiveId: 'ou_a1' }).filter((m) => title(m.content)?.startsWith('日报 · '))).toHaveLength(1); // forwarded once
    expect(liveForms()).toEqual([]);
  });
});
