// Filing records over the Lark stand-in: from reminder cards and chat, receipts, forwards, edits, late filings,
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
// quota progress, double clicks, strangers, photos, and every form type from its reminder card.
import { and, eq, isNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { attachments, deductions, duties, outbox, people, submissions, type Duty } from '../../src/db/schema/index.ts';
import { RECORD_FORMS } from '../../src/features/records/form-registry.ts';
import { reminderFormBody } from '../../src/features/records/reminder-form.ts';
import { reminderCard } from '../../src/lark/cards/duty-cards.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { cardToPerson, enqueue } from '../../src/outbox/enqueue.ts';
import { loadDutyOrg } from '../../src/rules/duties/duty-org.ts';
import { generateDuties } from '../../src/rules/duties/generate-duties.ts';
import { insertDuties, selectDuties } from '../../src/db/queries/duties.ts';
import type { Rule } from '../../src/rules/rulebook/schema.ts';
import { runTick } from '../../src/scheduler/tick.ts';
import { GOOD } from '../features/records/fixtures.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const rules = testRules();
const title = (content: Json): string | undefined => content?.header?.title?.content;
const text = (content: unknown) => JSON.stringify(content);

/** The fixtures' center has other posts and supervisors than examples/org.yaml: map them onto C001's. */
const ONTO_C001: Record<string, string> = { 监控室: '监控中心', 车场岗: '南门岗', ou_s1: 'v1', ou_s2: 'v1' };
function answerFor(formId: string): Record<string, unknown> {
  const map = (v: unknown): unknown => (Array.isArray(v) ? [...new Set(v.map(map))] : typeof v === 'string' ? (ONTO_C001[v] ?? v) : v);
  return Object.fromEntries(Object.entries(GOOD[formId]!).map(([k, v]) => [k, map(v)]));
}

describe.each(DRIVERS)('records over the stand-in on %s', (driver) => {
  const clock = new FixedClock('2026-11-24T15:30:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const tick = async () => {
    await runTick({ db: w.db, rules, log: silentLogger }, clock.now());
    await w.flush();
  };
  const lastTo = (openId: string) => w.standin.messages({ chatId: w.standin.p2pChatId(openId) }).at(-1)!;
  const say = async (openId: string, words: string) => {
    await w.standin.sendText({ from: openId, text: words });
    await w.settle();
    return lastTo(openId);
  };
  const current = (formId: string) =>
    w.db
      .select()
      .from(submissions)
      .where(and(eq(submissions.formId, formId), isNull(submissions.supersededAt)));

  beforeEach(async () => {
    clock.set('2026-11-24T06:00:00+08:00');
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    w.standin.addUser({ openId: 'ou_l1', name: '李强' });
    await runTick({ db: w.db, rules, log: silentLogger }, clock.now()); // the duties of the month exist before anyone files
    await w.db.delete(outbox);
    clock.set('2026-11-24T15:30:00+08:00');
  });

  it('the 15:30 reminder carries the daily report form; filed from it: toast, on-time receipt, forwarded to the admin department', async () => {
    await tick();
    const reminder = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).find((m) => title(m.content) === '待提交：日报')!;
    expect(text(reminder.content)).toContain('"tag":"form"');
    const res = await w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_m1', values: answerFor('daily_report') });
    expect(res.toast).toEqual({ type: 'success', content: '已提交' });
    const receipt = w.standin.message(reminder.messageId)!.updates.at(-1);
    expect(title(receipt)).toBe('已提交：日报');
    expect(text(receipt)).toContain('按时提交');
    const [s] = await current('daily_report');
    expect(s).toMatchObject({ personId: 'm1', filedBy: 'm1', onTime: true, version: 1 });
    const [duty] = await w.db.select().from(duties).where(eq(duties.id, s!.dutyId!));
    expect(duty!.status).toBe('done');
    await w.flush();
    const forwarded = lastTo('ou_a1');
    expect(title(forwarded.content)).toBe('日报 · 张伟');
    expect(text(forwarded.content)).toContain('完成消防通道清理');
    // filed: no last call at 16:15
    clock.set('2026-11-24T16:15:00+08:00');
    await tick();
    expect(w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).map((m) => title(m.content))).not.toContain('最后提醒：日报');
  });

  it('a bad value answers an error toast naming the field, keeps the card as it was, and stores nothing', async () => {
    const form = await say('ou_m1', '夜查');
    expect(title(form.content)).toBe('夜查');
    const res = await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_m1',
      values: { ...answerFor('night_check'), time: '14:00 +0800' },
    });
    expect(res.toast?.type).toBe('error');
    expect(res.toast?.content).toMatch(/^夜查时间：/);
    expect(w.standin.message(form.messageId)!.updates).toEqual([]);
    expect(await current('night_check')).toEqual([]);
  });

  it('a double click stores one record', async () => {
    const form = await say('ou_m1', '日报');
    const values = answerFor('daily_report');
    const both = await Promise.all([
      w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values }),
      w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await w.db.select().from(submissions)).toHaveLength(1);
  });

  it('an edit before the deadline is a new version (the first is kept) and is forwarded again; after the deadline it is refused', async () => {
    const form = await say('ou_m1', '日报');
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: answerFor('daily_report') });
    const edit = await w.standin.clickButton({ messageId: form.messageId, user: 'ou_m1', buttonName: 'edit_record' });
    expect(edit.status).toBe(200);
    expect(text(w.standin.message(form.messageId)!.updates.at(-1))).toContain('完成消防通道清理'); // prefilled
    const res = await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_m1',
      values: { done: '完成消防通道清理；补充：电梯年检', plan: '' },
    });
    expect(res.toast?.content).toBe('已提交');
    const all = await w.db.select().from(submissions).orderBy(submissions.id);
    expect(all.map((s) => [s.version, s.supersededAt !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
    await w.flush();
    expect(title(lastTo('ou_a1').content)).toBe('日报 · 张伟（修改）');

    clock.set('2026-11-24T16:31:00+08:00');
    const late = await w.standin.clickButton({ messageId: form.messageId, user: 'ou_m1', buttonName: 'edit_record' });
    expect(late.toast).toEqual({ type: 'error', content: '已过截止时间，不能再修改；如需更正请联系行政管理部' });
  });

  it('a late filing is accepted and marked late, in the receipt, the duty and the forward', async () => {
    await tick(); // 15:30
    clock.set('2026-11-24T17:00:00+08:00');
    await tick(); // overdue at 16:30
    const form = await say('ou_m1', '日报');
    const res = await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: answerFor('daily_report') });
    expect(res.toast?.content).toBe('已提交（迟交 30分）');
    const [s] = await current('daily_report');
    expect(s).toMatchObject({ onTime: false, lateByMs: 30 * 60_000 });
    const [duty] = await w.db.select().from(duties).where(eq(duties.id, s!.dutyId!));
    expect(duty!.status).toBe('late');
    await w.flush();
    expect(text(lastTo('ou_a1').content)).toContain('迟交 30分');
  });

  it('quota progress shows on every receipt: 夜查 本月 1/2, then 2/2 after 再记一条 for another night', async () => {
    await tick();
    const form = await say('ou_m1', '夜查');
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: answerFor('night_check') });
    expect(text(w.standin.message(form.messageId)!.updates.at(-1))).toContain('夜查 2026年11月 1/2');
    await w.standin.clickButton({ messageId: form.messageId, user: 'ou_m1', buttonName: 'again_record' });
    await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_m1',
      values: { ...answerFor('night_check'), night: '2026-11-22 +0800', time: '02:10 +0800' },
    });
    expect(text(w.standin.message(form.messageId)!.updates.at(-1))).toContain('夜查 2026年11月 2/2');
    // a supervisor's night check counts towards their own quota
    const theirs = await say('ou_v1', '夜查');
    await w.standin.submitForm({ messageId: theirs.messageId, user: 'ou_v1', values: answerFor('night_check') });
    expect(text(w.standin.message(theirs.messageId)!.updates.at(-1))).toContain('主管夜查 2026年11月 1/2');
  });

  it("someone else is refused and nothing is stored; the leader may file on the manager's behalf", async () => {
    await tick();
    const reminder = w.standin.messages({ chatId: w.standin.p2pChatId('ou_m1') }).find((m) => title(m.content) === '待提交：日报')!;
    const stranger = await w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_v1', values: answerFor('daily_report') });
    expect(stranger.toast).toEqual({ type: 'error', content: '只能提交本人、分管人员的记录（或由行政管理部代为提交）' });
    expect(await w.db.select().from(submissions)).toEqual([]);
    const leader = await w.standin.submitForm({ messageId: reminder.messageId, user: 'ou_l1', values: answerFor('daily_report') });
    expect(leader.toast?.content).toBe('已提交');
    expect(await current('daily_report')).toEqual([expect.objectContaining({ personId: 'm1', filedBy: 'l1' })]);
    await w.flush();
    expect(text(lastTo('ou_a1').content)).toContain('由 李强 代为提交');
  });

  it('photos sent within 10 minutes are attached to the record and fetched through the SDK; later ones are not', async () => {
    await tick();
    const form = await say('ou_m1', '夜查');
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: answerFor('night_check') });
    expect(text(w.standin.message(form.messageId)!.updates.at(-1))).toContain('10 分钟内');
    clock.advance(5 * 60_000);
    await w.standin.sendImage({ from: 'ou_m1', imageKey: 'img_night_1' });
    await w.settle();
    expect(lastTo('ou_m1').content.text).toBe('已附到「夜查」记录（共 1 张）。');
    const [a] = await w.db.select().from(attachments);
    expect(a).toMatchObject({ imageKey: 'img_night_1' });
    const bytes = await w.service.ctx.lark!.getMessageImage(a!.messageId, a!.imageKey);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    clock.advance(11 * 60_000);
    await w.standin.sendImage({ from: 'ou_m1', imageKey: 'img_late' });
    await w.settle();
    expect(lastTo('ou_m1').content.text).toMatch(/请先提交/);
    expect(await w.db.select().from(attachments)).toHaveLength(1);
  });

  it('待办 lists the open duties with a button each; a button sends that form as a new message', async () => {
    await tick();
    const todo = await say('ou_m1', '待办');
    expect(title(todo.content)).toBe('张伟 的待办');
    expect(text(todo.content)).toContain('填报 日报');
    const res = await w.standin.clickButton({ messageId: todo.messageId, user: 'ou_m1', buttonName: 'today_0' });
    expect(res.toast).toEqual({ type: 'success', content: '表单已发送' });
    await w.flush();
    expect(text(lastTo('ou_m1').content)).toContain('"tag":"form"');
  });

  it('团队 shows a leader each manager today and this week; 今日逾期 shows the admin who is late', async () => {
    await tick();
    clock.set('2026-11-24T17:00:00+08:00');
    await tick();
    const team = await say('ou_l1', '团队');
    expect(text(team.content)).toContain('张伟');
    expect(text(team.content)).toContain('日报逾期');
    const late = await say('ou_a1', '今日逾期');
    expect(text(late.content)).toContain('**张伟**（阳光花园物业服务中心）：日报');
    expect(text((await say('ou_m1', '今日逾期')).content)).toContain('由行政管理部查看');
  });

  it('the quality center schedules a joint inspection (the manager owes the record that day) and records a red line (escalated at once)', async () => {
    const schedule = await say('ou_q1', '联合检查');
    const res = await w.standin.submitForm({
      messageId: schedule.messageId,
      user: 'ou_q1',
      values: { centers: ['C001'], day: '2026-11-26 +0800' },
    });
    expect(res.toast?.content).toBe('已安排');
    await w.flush();
    expect(title(lastTo('ou_m1').content)).toBe('品质联合检查通知');
    const [joint] = await w.db.select().from(duties).where(eq(duties.ruleId, 'quality.joint_inspection'));
    expect(joint).toMatchObject({ personId: 'm1', dueDay: '2026-11-26', periodKey: 'event:joint:2026-11-26', status: 'open' });

    const deduct = await say('ou_q1', '扣分');
    await w.standin.submitForm({
      messageId: deduct.messageId,
      user: 'ou_q1',
      values: { center: 'C001', item: 'redline.dismissal', count: '1', day: '2026-11-24 +0800', note: '第三方调查发现夜班保安睡岗' },
    });
    const done = await w.standin.clickButton({ messageId: deduct.messageId, user: 'ou_q1', buttonName: 'confirm_redline' });
    expect(done.toast?.content).toBe('已记录');
    expect(await w.db.select().from(deductions)).toEqual([
      expect.objectContaining({ ruleId: 'redline.dismissal', personId: 'm1', points: 0, recordedBy: 'q1' }),
    ]);
    await w.flush();
    const escalation = lastTo('ou_l1');
    expect(title(escalation.content)).toBe('紧急：底线问题');
    expect(escalation.urgent).toEqual(['ou_l1']);
    expect(text((await say('ou_m1', '扣分')).content)).toContain('由品质管理中心使用');
  });

  it('every form type is filed from its reminder card: a receipt replaces it and the record is stored', async () => {
    clock.set('2026-11-27T10:00:00+08:00');
    // the duties of a whole year, so every deadline, quota and festival rule has one; a joint inspection scheduled for today
    const org = await loadDutyOrg(w.db);
    await insertDuties(w.db, generateDuties(rules.book, org, rules.calendar, '2026-11-27', '2027-12-31'), clock.now());
    const schedule = await say('ou_q1', '联合检查');
    await w.standin.submitForm({ messageId: schedule.messageId, user: 'ou_q1', values: { centers: ['C001'], day: '2026-11-27 +0800' } });
    const body = reminderFormBody(org, clock.now());

    for (const form of RECORD_FORMS) {
      const ruleIds = form.rules.filter((id) => rules.book.rules.find((r) => r.id === id && r.kind !== 'follow_up'));
      const [duty] = ruleIds.length
        ? ((await selectDuties(w.db).where(and(eq(duties.personId, 'm1'), eq(duties.status, 'open'))))
            .filter((d) => ruleIds.includes(d.ruleId))
            .sort((a, b) => +a.dueAt - +b.dueAt) as Duty[])
        : [];
      let messageId: string;
      if (duty) {
        // the reminder card exactly as the scheduler builds it, with its form
        const card = reminderCard({ title: (duty.terms as Rule).title, due: '测试', lastCall: false, body: await body(duty) });
        await enqueue(w.db, clock.now(), cardToPerson(`test-reminder:${duty.key}`, 'ou_m1', card, 'test'));
        await w.flush();
        messageId = lastTo('ou_m1').messageId;
      } else {
        messageId = (await say('ou_m1', form.title)).messageId; // event records and visits without a duty: opened by name
      }
      const res = await w.standin.submitForm({ messageId, user: 'ou_m1', values: answerFor(form.id) });
      expect(res.toast?.type, `${form.id}: ${res.toast?.content}`).toBe('success');
      expect(title(w.standin.message(messageId)!.updates.at(-1)), form.id).toBe(`已提交：${form.title}`);
      expect(await current(form.id), form.id).toHaveLength(1);
    }
  });

  it('typed <at id=all> and <font> reach the forwarded card escaped (富文本 特殊字符转义), so they show as typed', async () => {
    const form = await say('ou_m1', '日报');
    const typed = "<at id=all></at> <font color='red'>x</font> **粗** [链接](http://a.cn)";
    const res = await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: { done: typed, plan: '无' } });
    expect(res.toast?.content).toBe('已提交');
    await w.flush();
    const forwarded = lastTo('ou_a1').content;
    const md = (forwarded.body.elements as { tag: string; content?: string }[])
      .filter((e) => e.tag === 'markdown')
      .map((e) => e.content!)
      .join('\n');
    expect(md).not.toMatch(/<at\b|<font color='red'>x|\*\*粗|\[链接\]/);
    expect(md).toContain(
      '&#60;at id=all&#62;&#60;&#47;at&#62; &#60;font color=&#39;red&#39;&#62;x&#60;&#47;font&#62; &#42;&#42;粗&#42;&#42;',
    );
    // the receipt that replaced the form escapes it too
    expect(JSON.stringify(w.standin.message(form.messageId)!.updates.at(-1))).not.toContain('<at id=all>');
  });

  it("the edit card's 是/否 select shows the stored choice (initial_index), and resubmitting it untouched keeps it", async () => {
    const form = await say('ou_m1', '半年总结及述职');
    expect(title(form.content)).toBe('半年总结及述职');
    await w.standin.submitForm({
      messageId: form.messageId,
      user: 'ou_m1',
      values: { summary: '下半年收费率 92%', report_attended: 'no' },
    });
    expect((await current('half_year_summary'))[0]!.values).toMatchObject({ report_attended: false });
    await w.standin.clickButton({ messageId: form.messageId, user: 'ou_m1', buttonName: 'edit_record' });
    const select = () => {
      const f = (w.standin.message(form.messageId)!.updates.at(-1) as Json).body.elements.find((e: Json) => e.tag === 'form');
      return f.elements.find((e: Json) => e.name === 'report_attended');
    };
    // 下拉选择-单选: "initial_index … 1 表示展示第一个选项" — options 是, 否: the stored 否 is the second
    expect(select()).toMatchObject({ tag: 'select_static', initial_index: 2 });
    expect(select().options.map((o: Json) => o.text.content)).toEqual(['是', '否']);
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: {} });
    expect((await current('half_year_summary'))[0]).toMatchObject({
      version: 2,
      values: { report_attended: false, summary: '下半年收费率 92%' },
    });
    await w.standin.clickButton({ messageId: form.messageId, user: 'ou_m1', buttonName: 'edit_record' });
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: { report_attended: 'yes' } });
    await w.standin.clickButton({ messageId: form.messageId, user: 'ou_m1', buttonName: 'edit_record' });
    expect(select()).toMatchObject({ initial_index: 1 });
  });

  it('a form that must be confirmed refuses 否 or nothing, naming the field, and the stand-in refuses a value that is no option', async () => {
    const form = await say('ou_m1', '夜查');
    const values = answerFor('night_check');
    for (const signed of ['no', undefined]) {
      const res = await w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: { ...values, signed } });
      expect(res.toast).toEqual({ type: 'error', content: '已在《秩序维护工作日志登记簿》签字：请确认后选择「是」' });
    }
    await expect(w.standin.submitForm({ messageId: form.messageId, user: 'ou_m1', values: { ...values, signed: true } })).rejects.toThrow(
      /not one of the options/,
    );
    expect(await current('night_check')).toEqual([]);
  });
});
