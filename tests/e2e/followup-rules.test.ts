// Follow-ups as rulebook data: the forum's list from the forum's own time, tasks handed over, bounds on entered deadlines,
// and a company's rulebook switching a follow-up off or changing its clock, over the stand-in.
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { followups, ledger } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { startAt, useLarkWorld, type World } from '../helpers/lark-world.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;
const text = (content: unknown) => JSON.stringify(content);
const at = (iso: string) => new Date(iso).getTime();

function helpers(w: World) {
  const submit = async (openId: string, words: string, values: Record<string, unknown>) => {
    const form = await w.say(openId, words);
    const res = await w.standin.submitForm({ messageId: form.messageId, user: openId, values });
    await w.flush();
    return { form, res, receipt: w.standin.message(form.messageId)!.updates.at(-1) };
  };
  const file = async (openId: string, words: string, values: Record<string, unknown>) => {
    const r = await submit(openId, words, values);
    expect(r.res.toast?.type, r.res.toast?.content).toBe('success');
    return r;
  };
  const clocks = (ruleId: string) => w.db.select().from(followups).where(eq(followups.ruleId, ruleId)).orderBy(followups.id);
  const fines = (ruleId: string) => w.db.select().from(ledger).where(eq(ledger.ruleId, ruleId)).orderBy(ledger.id);
  const chat = (openId: string) => w.standin.messages({ chatId: w.standin.p2pChatId(openId) });
  return { submit, file, clocks, fines, chat };
}

const PATROL = { time: '07:30 +0800', posts: ['大门岗'], books: 'yes', problems: '南门岗监控黑屏', measure: '报修' };

describe.each(DRIVERS)('follow-ups by the default rulebook on %s', (driver) => {
  const clock = new FixedClock('2026-12-07T08:18:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const { submit, file, clocks, fines, chat } = helpers(w);
  beforeEach(() => startAt(w, clock, '2026-12-07T06:00:00+08:00', '2026-12-07T08:18:00+08:00'));

  it("the forum's problem list is due 24 h after the forum itself, whenever within that the forum is filed", async () => {
    await file('ou_m1', '业主恳谈会', { date: '2026-12-07 +0800', time: '08:00 +0800', households: '9', leader: 'no', problems: '电梯' });
    const [c] = await clocks('customer.forum_followup');
    expect(c!.startedAt.getTime()).toBe(at('2026-12-07T08:00:00+08:00'));
    expect(c!.dueAt.getTime()).toBe(at('2026-12-08T08:00:00+08:00'));
  });

  it('a forum filed later than 24 h after it was held makes its problem list due at once', async () => {
    const old = await file('ou_m1', '业主恳谈会', {
      date: '2026-12-01 +0800',
      time: '19:00 +0800',
      households: '12',
      leader: 'yes',
      problems: '停车难',
    });
    expect(text(old.receipt)).toContain('请立即提交「恳谈会问题清单」');
    const [c] = await clocks('customer.forum_followup');
    expect(c!.startedAt.getTime()).toBe(at('2026-12-01T19:00:00+08:00'));
    expect(c!.dueAt.getTime()).toBe(at('2026-12-07T08:18:00+08:00'));
    clock.set('2026-12-07T08:20:00+08:00');
    expect((await w.tick()).filter((x) => x.includes('恳谈会'))).toEqual(['张伟 已逾期：恳谈会问题清单']);
  });

  it("a task the admin department hands to a center starts its manager's 24-hour clock with the filing form prefilled; filed from it in time, nothing is fined", async () => {
    const form = await w.say('ou_a1', '交办任务');
    const res = await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_a1',
      values: { center: 'C001', task: '迎接区消防检查', at: '2026-12-07 08:00 +0800' },
    });
    expect(res.toast).toMatchObject({ type: 'success', content: '已登记' });
    await w.flush();
    expect(title(w.standin.message(form.messageId)!.updates.at(-1) as Json)).toBe('交办任务 · 已登记');
    const handed = chat('ou_m1').at(-1)!;
    expect(title(handed.content)).toBe('交办任务 · 请备案');
    expect(text(handed.content)).toContain('12月8日 周二 08:00');
    const [c] = await clocks('admin.adhoc_task_filing');
    expect(c).toMatchObject({ personId: 'm1', centerCode: 'C001', subject: '迎接区消防检查', status: 'open' });
    expect(c!.dueAt.getTime()).toBe(at('2026-12-08T08:00:00+08:00'));

    // the manager files as it stands: the task, who handed it and when are filled in
    clock.set('2026-12-07T15:00:00+08:00');
    const filed = await w.standin.submitForm({ messageId: handed.messageId, user: 'ou_m1', values: {} });
    expect(filed.toast?.type, filed.toast?.content).toBe('success');
    await w.flush();
    const receipt = text(w.standin.message(handed.messageId)!.updates.at(-1));
    expect(receipt).toContain('迎接区消防检查');
    expect(receipt).toContain('孙丽');
    expect((await clocks('admin.adhoc_task_filing')).map((x) => x.status)).toEqual(['done']);
    expect(await fines('admin.adhoc_task_filing')).toEqual([]);
  });

  it('an ad-hoc task left unfiled 24 h after its hand-over books the 1 yuan once and tells the manager; filed late after that, nothing more is booked', async () => {
    const form = await w.say('ou_a1', '交办任务');
    await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_a1',
      values: { center: 'C001', task: '年终总结材料', at: '2026-12-07 08:00 +0800' },
    });
    await w.flush();
    clock.set('2026-12-08T08:05:00+08:00');
    expect((await w.tick()).filter((x) => x.includes('临时任务'))).toEqual(['张伟 已逾期：临时任务备案']);
    const entries = await fines('admin.adhoc_task_filing');
    expect(entries).toEqual([expect.objectContaining({ personId: 'm1', yuan: 1, day: '2026-12-08', sourceType: 'followup' })]);
    expect(entries[0]!.reason).toBe('12月7日 周一 临时任务备案「年终总结材料」超过24小时未完成');
    const notice = chat('ou_m1').at(-1)!;
    expect(text(notice.content)).toContain('按规定罚款 1 元');
    // its 填写 opens the form in place, prefilled; filed now it is late, and the fine is not booked again
    clock.set('2026-12-08T10:00:00+08:00');
    await w.standin.clickButton({ messageId: notice.messageId, user: 'ou_m1', buttonName: 'fill_record' });
    const filed = await w.standin.submitForm({ messageId: notice.messageId, user: 'ou_m1', values: {} });
    expect(filed.toast?.type, filed.toast?.content).toBe('success');
    expect((await clocks('admin.adhoc_task_filing')).map((x) => x.status)).toEqual(['late']);
    clock.set('2026-12-09T10:00:00+08:00');
    await w.tick();
    expect(await fines('admin.adhoc_task_filing')).toHaveLength(1);
  });

  it("a handed-over task is in its manager's 待办; its 填报 sends the filing form, filled in, as a new message", async () => {
    const form = await w.say('ou_a1', '交办任务');
    await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_a1',
      values: { center: 'C001', task: '配合社区垃圾分类检查', at: '2026-12-07 08:00 +0800' },
    });
    await w.flush();
    clock.set('2026-12-08T09:00:00+08:00');
    const todo = await w.say('ou_m1', '待办');
    expect(text(todo.content)).toContain('临时任务备案：配合社区垃圾分类检查');
    const res = await w.standin.clickButton({ messageId: todo.messageId, user: 'ou_m1', buttonName: 'today_0' });
    expect(res.toast?.content).toBe('表单已发送');
    await w.flush();
    const sent = chat('ou_m1').at(-1)!;
    expect(title(sent.content)).toBe('临时任务备案');
    const filed = await w.standin.submitForm({ messageId: sent.messageId, user: 'ou_m1', values: {} });
    expect(filed.toast?.type, filed.toast?.content).toBe('success');
    expect((await clocks('admin.adhoc_task_filing')).map((x) => x.status)).toEqual(['late']);
    expect(await fines('admin.adhoc_task_filing')).toHaveLength(1);
  });

  it('a task filed from chat meets the handed-over task only when it is the same task', async () => {
    const form = await w.say('ou_a1', '交办任务');
    await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_a1',
      values: { center: 'C001', task: '迎接区消防检查', at: '2026-12-07 08:00 +0800' },
    });
    await w.flush();
    await file('ou_m1', '临时任务备案', { task: '更换大堂灯具', by: '李强', at: '2026-12-07 08:10 +0800' });
    expect((await clocks('admin.adhoc_task_filing')).map((x) => [x.subject, x.status])).toEqual([
      ['迎接区消防检查', 'open'],
      ['更换大堂灯具', 'done'],
    ]);
    await file('ou_m1', '临时任务备案', { task: '迎接区消防检查', by: '孙丽', at: '2026-12-07 08:00 +0800' });
    expect((await clocks('admin.adhoc_task_filing')).map((x) => [x.subject, x.status])).toEqual([
      ['迎接区消防检查', 'done'],
      ['更换大堂灯具', 'done'],
    ]);
  });

  it('a handed-over task filed late before any pass books its fine as of the filing', async () => {
    const form = await w.say('ou_a1', '交办');
    await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_a1',
      values: { center: 'C001', task: '清点消防器材', at: '2026-12-07 08:10 +0800' },
    });
    await w.flush();
    const handed = chat('ou_m1').at(-1)!;
    clock.set('2026-12-09T09:00:00+08:00');
    const filed = await w.standin.submitForm({ messageId: handed.messageId, user: 'ou_m1', values: {} });
    expect(filed.toast?.type, filed.toast?.content).toBe('success');
    await w.flush();
    expect(text(w.standin.message(handed.messageId)!.updates.at(-1))).toContain('按规定罚款 1 元');
    const entries = await fines('admin.adhoc_task_filing');
    expect(entries).toEqual([expect.objectContaining({ personId: 'm1', yuan: 1, day: '2026-12-09' })]);
    expect(entries[0]!.reason).toContain('才完成');
    expect((await clocks('admin.adhoc_task_filing')).map((x) => x.status)).toEqual(['late']);
  });

  it('only the general manager, the admin department and leaders hand over tasks, and only of the last 24 hours', async () => {
    expect(text((await w.say('ou_m1', '交办任务')).content)).toContain('只有总经理、行政管理部和分管领导可以登记交办任务');
    // the leader, for a center they lead
    const form = await w.say('ou_l1', '交办任务');
    const old = await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_l1',
      values: { center: 'C001', task: '补栽绿化', at: '2026-12-06 08:00 +0800' },
    });
    expect(old.toast).toMatchObject({ type: 'error', content: '交办时间：只能登记 24 小时内交办的任务' });
    const ahead = await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_l1',
      values: { center: 'C001', task: '补栽绿化', at: '2026-12-07 09:00 +0800' },
    });
    expect(ahead.toast).toMatchObject({ type: 'error', content: '交办时间：不能晚于现在' });
    const ok = await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_l1',
      values: { center: 'C001', task: '补栽绿化', at: '2026-12-07 07:30 +0800' },
    });
    expect(ok.toast?.content).toBe('已登记');
    expect(await clocks('admin.adhoc_task_filing')).toHaveLength(1);
  });

  it("a patrol problem's milestone and a staff opinion's reply deadline lie between today and 90 days ahead; outside, the toast names the field", async () => {
    const far = await submit('ou_m1', '巡查', { ...PATROL, milestone: '9999-12-31 +0800' });
    expect(far.res.toast).toMatchObject({ type: 'error', content: '整改节点：不能晚于 2027-03-07' });
    const past = await submit('ou_m1', '员工意见', { staff: '赵六', opinion: '宿舍热水', deadline: '2026-12-06 +0800' });
    expect(past.res.toast).toMatchObject({ type: 'error', content: '答复期限：不能早于今天' });
    const beyond = await submit('ou_m1', '员工意见', { staff: '赵六', opinion: '宿舍热水', deadline: '2027-03-08 +0800' });
    expect(beyond.res.toast).toMatchObject({ type: 'error', content: '答复期限：不能晚于 2027-03-07' });
    expect(await w.db.select().from(followups)).toEqual([]);
    await file('ou_m1', '员工意见', { staff: '赵六', opinion: '宿舍热水', deadline: '2027-03-07 +0800' });
    await file('ou_m1', '巡查', { ...PATROL, milestone: '2026-12-07 +0800' });
    expect((await w.db.select().from(followups)).map((f) => f.ruleId).sort()).toEqual(['hr.staff_opinion', 'quality.patrol_issue']);
  });
});

const OFF = `
rules:
  quality.patrol_issue:
    enabled: false
`;

describe.each(DRIVERS)('a follow-up switched off by the company on %s', (driver) => {
  const clock = new FixedClock('2026-12-07T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01', service: { rules: testRules(OFF) } });
  const { file, chat } = helpers(w);
  beforeEach(() => startAt(w, clock, '2026-12-07T06:00:00+08:00', '2026-12-07T09:00:00+08:00'));

  it('starts no clock: no 已整改 on the receipt, no line in 待办 or the morning card', async () => {
    const { receipt } = await file('ou_m1', '巡查', { ...PATROL, milestone: '2026-12-08 +0800' });
    expect(text(receipt)).not.toContain('已整改');
    expect(await w.db.select().from(followups)).toEqual([]);
    expect(text((await w.say('ou_m1', '待办')).content)).not.toContain('南门岗监控黑屏');
    clock.set('2026-12-08T08:30:00+08:00');
    await w.tick();
    const morning = chat('ou_m1').find((m) => title(m.content) === '今日待办');
    expect(morning).toBeDefined();
    expect(text(morning!.content)).not.toContain('整改到期');
  });
});

const CHANGED = `
rules:
  customer.forum_followup:
    within_hours: 48
  hr.staff_opinion:
    stops: { by: click, button: 已回复 }
    max_days: 30
    expiry_to: [owner, customer_service]
    escalate_to: [admin]
    escalate_after_hours: 2
    starts: [{ by: form, form: staff_opinion, subject: [staff] }]
  quality.patrol_issue:
    due_field: { field: milestone, at: "12:00" }
`;

describe.each(DRIVERS)("a company's changes to follow-up clocks on %s", (driver) => {
  const clock = new FixedClock('2026-12-07T09:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01', service: { rules: testRules(CHANGED) } });
  const { submit, file, clocks } = helpers(w);
  beforeEach(() => startAt(w, clock, '2026-12-07T06:00:00+08:00', '2026-12-07T09:00:00+08:00'));

  it('what starts it, its hours or the hour of an entered deadline, its stop button, the latest deadline, and who is told at expiry and at escalation are the rulebook file’s', async () => {
    await file('ou_m1', '业主恳谈会', { date: '2026-12-07 +0800', time: '08:00 +0800', households: '9', leader: 'no', problems: '电梯' });
    expect((await clocks('customer.forum_followup'))[0]!.dueAt.getTime()).toBe(at('2026-12-09T08:00:00+08:00'));

    const beyond = await submit('ou_m1', '员工意见', { staff: '赵六', opinion: '宿舍热水', deadline: '2027-01-07 +0800' });
    expect(beyond.res.toast).toMatchObject({ type: 'error', content: '答复期限：不能晚于 2027-01-06' });
    const { receipt } = await file('ou_m1', '员工意见', { staff: '赵六', opinion: '宿舍热水', deadline: '2026-12-07 +0800' });
    expect(text(receipt)).toContain('已回复');
    expect((await clocks('hr.staff_opinion'))[0]!.subject).toBe('赵六');
    await file('ou_m1', '巡查', { ...PATROL, milestone: '2026-12-09 +0800' });
    expect((await clocks('quality.patrol_issue'))[0]!.dueAt.getTime()).toBe(at('2026-12-09T12:00:00+08:00'));
    expect(text((await w.say('ou_m1', '待办')).content)).toContain('已回复');

    clock.set('2026-12-07T18:00:00+08:00');
    const opinion = async () => (await w.tick()).filter((x) => x.includes('员工意见回复')).sort();
    expect(await opinion()).toEqual(['周杰 已逾期：员工意见回复', '张伟 已逾期：员工意见回复']);
    clock.set('2026-12-07T19:59:00+08:00');
    expect(await opinion()).toEqual([]);
    clock.set('2026-12-07T20:00:00+08:00');
    expect(await opinion()).toEqual(['孙丽 督办：员工意见回复']);
  });
});
