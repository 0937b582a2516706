// A center handed over to a new manager by an org import, over the stand-in: what is open becomes the new manager's, the
// old one (moved to another center) is refused there, reminders and escalations follow the posts of the day, the
// handover cards arrive once, and the past (records, steps, fines) stays with whoever it was.
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { complaints, complaintSteps, duties, followups, ledger, submissions } from '../../src/db/schema/index.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import type { OrgFile } from '../../src/org/org-file.ts';
import { startAt, useLarkWorld } from '../helpers/lark-world.ts';
import { exampleOrg, importExampleOrg } from '../helpers/org.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const title = (content: Json): string | undefined => content?.header?.title?.content;
const text = (content: unknown) => JSON.stringify(content);
const HANDED_OVER = '您已不在该服务中心任职，相关事项已交接给现任经理';

/** The name of the button in a card whose callback is `action` (a list's buttons are numbered by position). */
function buttonFor(content: Json, action: string): string {
  const found = ((content?.body?.elements ?? []) as Json[]).find((e) => e.tag === 'button' && e.behaviors?.[0]?.value?.a === action);
  if (!found) throw new Error(`no ${action} button in ${text(content)}`);
  return found.name as string;
}

/**
 * The org file of the change: 陈静 (m2) manages 阳光花园 (C001) from `since` (default: the day of the import); with
 * `moved`, 张伟 (m1) manages a new center 翠湖苑 (C002) and 刘洋 (l2) becomes C001's leader in charge.
 */
function handedOver(opts: { since?: string; moved?: boolean } = {}): OrgFile {
  const org = exampleOrg();
  org.people.push({
    id: 'm2',
    name: '陈静',
    open_id: 'ou_m2',
    roles: ['manager'],
    leave: [],
    ...(opts.since ? { since: opts.since } : {}),
  });
  const c001 = org.centers[0]!;
  c001.manager = 'm2';
  if (opts.moved) {
    org.people.push({ id: 'l2', name: '刘洋', open_id: 'ou_l2', roles: ['leader'], leave: [] });
    c001.leader = 'l2';
    org.centers.push({ ...c001, code: 'C002', name: '翠湖苑物业服务中心', manager: 'm1', leader: 'l1', supervisors: [], chat: undefined });
  }
  return org;
}

describe.each(DRIVERS)('a handover on %s', (driver) => {
  const clock = new FixedClock('2026-11-13T10:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const tick = () => w.tick();
  const say = (openId: string, words: string) => w.say(openId, words);
  const chat = (openId: string) => w.standin.messages({ chatId: w.standin.p2pChatId(openId) });
  const file = async (openId: string, words: string, values: Record<string, unknown>) => {
    const form = await say(openId, words);
    const res = await w.standin.submitForm({ messageId: form.messageId, user: openId, values });
    expect(res.toast?.type, res.toast?.content).toBe('success');
    await w.flush();
    return form.messageId;
  };

  beforeEach(async () => {
    await startAt(w, clock, '2026-11-09T06:00:00+08:00', '2026-11-13T10:00:00+08:00');
    w.standin.addUser({ openId: 'ou_m2', name: '陈静' });
    w.standin.addUser({ openId: 'ou_l2', name: '刘洋' });
  });

  /** 张伟's last days at 阳光花园: a late ad-hoc task (1 yuan), a patrol problem, next month's plan asked for, a complaint, a forum. */
  async function beforeTheHandover() {
    await file('ou_m1', '临时任务备案', { task: '迎接区消防检查', by: '刘总', at: '2026-11-11 08:00 +0800' });
    const patrol = await file('ou_m1', '巡查', {
      time: '07:30 +0800',
      posts: ['大门岗'],
      books: 'yes',
      problems: '南门岗监控黑屏',
      measure: '报修',
      milestone: '2026-11-17 +0800',
    });
    const plan = (await say('ou_m1', '下月工作计划')).messageId;
    // Sunday evening: an owner complains (no plan by Monday 18:00 is reminded), an owners forum is held (its list due in 24 h)
    clock.set('2026-11-15T18:00:00+08:00');
    const complaint = (await say('ou_m1', '投诉')).messageId;
    await w.standin.clickButton({ messageId: complaint, user: 'ou_m1', buttonName: 'new_complaint' });
    const registered = await w.standin.submitForm({
      messageId: complaint,
      user: 'ou_m1',
      values: {
        owner: '陈女士',
        household: '3-2-801',
        channel: 'phone',
        what: '楼上漏水三天无人处理',
        category: 'repair',
        in_remit: 'yes',
        severity: 'normal',
      },
    });
    expect(registered.toast?.content).toBe('已登记');
    await file('ou_m1', '业主恳谈会', {
      date: '2026-11-15 +0800',
      time: '18:00 +0800',
      households: '10',
      leader: 'yes',
      problems: '停车难',
    });
    return { patrol, plan, complaint };
  }

  /** Monday 2026-11-16 08:30: the org file names 陈静 for 阳光花园; the scheduler's pass. */
  async function handOver(org = handedOver({ moved: true })): Promise<string[]> {
    clock.set('2026-11-16T08:30:00+08:00');
    await importExampleOrg(w.db, '2026-11-16', org);
    return tick();
  }

  it('the new manager is told what she takes over and the leader who took over, once, whatever passes and re-imports follow', async () => {
    await beforeTheHandover();
    const sent = await handOver();
    expect(sent.filter((s) => s.includes('交接'))).toEqual(['陈静 交接：阳光花园物业服务中心', '刘洋 经理交接：阳光花园物业服务中心']);

    const card = chat('ou_m2').find((m) => title(m.content) === '交接：阳光花园物业服务中心')!;
    const body = text(card.content);
    for (const words of [
      '11月16日 周一',
      '原经理 张伟',
      '未结投诉 1 件',
      '陈女士：楼上漏水三天无人处理',
      '跟进事项 2 项',
      '南门岗监控黑屏',
      '恳谈会问题清单',
    ])
      expect(body).toContain(words);
    expect(body).toContain('下月工作计划');
    const leader = text(chat('ou_l2').find((m) => title(m.content) === '经理交接：阳光花园物业服务中心')!.content);
    expect(leader).toContain('经理由 **陈静** 接任（原经理 张伟）');
    expect(leader).toContain('未结投诉 1 件、跟进事项 2 项');
    // 张伟 and his old leader get no handover card
    expect(chat('ou_m1').filter((m) => title(m.content)?.includes('交接'))).toEqual([]);
    expect(chat('ou_l1').filter((m) => title(m.content)?.includes('交接'))).toEqual([]);

    // 查看待办 on the card: her week, with the complaint and the patrol problem
    await w.standin.clickButton({ messageId: card.messageId, user: 'ou_m2', buttonName: 'handover_todo' });
    const week = text(w.standin.message(card.messageId)!.updates.at(-1));
    expect(week).toContain('陈女士：楼上漏水三天无人处理');
    expect(week).toContain('南门岗监控黑屏');

    // another pass, the same file imported again the next day, the passes after: nothing again
    clock.set('2026-11-16T09:00:00+08:00');
    expect((await tick()).filter((s) => s.includes('交接'))).toEqual([]);
    clock.set('2026-11-17T09:00:00+08:00');
    await importExampleOrg(w.db, '2026-11-17', handedOver({ moved: true }));
    expect((await tick()).filter((s) => s.includes('交接'))).toEqual([]);
  });

  it('the new manager plans, fixes and calls back the complaint and closes the clocks; the old one is refused there; every step keeps who did it', async () => {
    const old = await beforeTheHandover();
    await handOver();

    // 张伟, now at 翠湖苑, on his old cards: the complaint, the patrol problem, 阳光花园's plan — each refused, saying why
    const plan = await w.standin.submitForm({
      messageId: old.complaint,
      user: 'ou_m1',
      values: { plan: '联系楼上业主', milestone: '2026-11-18 +0800' },
    });
    expect(plan.toast).toEqual({ type: 'error', content: HANDED_OVER });
    const fixed = await w.standin.clickButton({ messageId: old.patrol, user: 'ou_m1', buttonName: 'fix_issue' });
    expect(fixed.toast).toEqual({ type: 'error', content: HANDED_OVER });
    const monthly = await w.standin.submitForm({
      messageId: old.plan,
      user: 'ou_m1',
      values: { plan: '十二月重点：冬季消防', support: '' },
    });
    expect(monthly.toast).toEqual({ type: 'error', content: HANDED_OVER });
    expect(await w.db.select().from(submissions).where(eq(submissions.formId, 'monthly_plan'))).toEqual([]);
    // his 待办 no longer lists them; hers does
    const mine = text((await say('ou_m1', '待办')).content);
    expect(mine).not.toContain('陈女士');
    expect(text((await say('ou_m2', '待办')).content)).toContain('陈女士：楼上漏水三天无人处理');

    // 陈静: the complaint by its number, plan → fixed → the owner satisfied
    const card = await say('ou_m2', '投诉 1');
    const planned = await w.standin.submitForm({
      messageId: card.messageId,
      user: 'ou_m2',
      values: { plan: '联系楼上业主维修防水', milestone: '2026-11-18 +0800' },
    });
    expect(planned.toast?.content).toBe('方案已提交');
    await w.standin.clickButton({ messageId: card.messageId, user: 'ou_m2', buttonName: 'complaint_fixed' });
    const closed = await w.standin.submitForm({ messageId: card.messageId, user: 'ou_m2', values: { satisfied: 'yes', note: '' } });
    expect(closed.toast?.content).toBe('已结案');

    // the patrol problem from her week's 待办, and the forum's problem list filed by her
    const todo = await say('ou_m2', '待办');
    await w.standin.clickButton({ messageId: todo.messageId, user: 'ou_m2', buttonName: 'todo_week' });
    const week = w.standin.message(todo.messageId)!.updates.at(-1);
    const verified = await w.standin.clickButton({
      messageId: todo.messageId,
      user: 'ou_m2',
      buttonName: buttonFor(week, 'followup.close'),
    });
    expect(verified.toast?.content).toBe('已确认');
    await file('ou_m2', '恳谈会问题清单', { forum_date: '2026-11-15 +0800', list: '停车难 — 协调临时车位' });

    // who did what stays written: the steps, the clocks (still 张伟's, met by 陈静), the fine, the records
    const steps = await w.db.select().from(complaintSteps).orderBy(complaintSteps.id);
    expect(steps.map((s) => [s.step, s.by])).toEqual([
      ['received', 'm1'],
      ['plan', 'm2'],
      ['fixed', 'm2'],
      ['callback', 'm2'],
    ]);
    expect((await w.db.select().from(complaints))[0]).toMatchObject({ managerId: 'm1', status: 'closed' });
    const clocks = await w.db.select().from(followups).orderBy(followups.id);
    expect(clocks.map((f) => [f.ruleId, f.personId, f.status, f.note])).toEqual([
      ['admin.adhoc_task_filing', 'm1', 'late', null],
      ['quality.patrol_issue', 'm1', 'done', '由 陈静 确认'],
      ['customer.forum_followup', 'm1', 'done', null],
    ]);
    const [list] = await w.db.select().from(submissions).where(eq(submissions.formId, 'forum_problems'));
    expect(list).toMatchObject({ personId: 'm2', centerCode: 'C001' });
    expect(clocks[2]!.doneSubmissionId).toBe(list!.id);
    // 张伟's fines (the late ad-hoc task, the Thursday reports he let pass on the 5th and the 12th) stay his
    expect((await w.db.select().from(ledger)).map((e) => [e.ruleId, e.personId, e.day, e.yuan]).sort()).toEqual([
      ['admin.adhoc_task_filing', 'm1', '2026-11-13', 1],
      ['admin.weekly_company_progress', 'm1', '2026-11-05', 2],
      ['admin.weekly_company_progress', 'm1', '2026-11-12', 2],
      ['admin.weekly_plan_progress', 'm1', '2026-11-05', 2],
      ['admin.weekly_plan_progress', 'm1', '2026-11-12', 2],
    ]);
    expect((await w.db.select().from(submissions).where(eq(submissions.personId, 'm1'))).map((s) => s.formId).sort()).toEqual([
      'adhoc_task',
      'day_patrol',
      'owner_forum',
    ]);
  });

  it('reminders and escalations go to the new manager and the current leader; the old manager keeps no duty there', async () => {
    await beforeTheHandover();
    await handOver();

    // the complaint received on Sunday 18:00: no plan by Monday 18:00 → 陈静; by Tuesday 18:00 → 刘洋, now in charge
    clock.set('2026-11-16T18:00:00+08:00');
    const monday = await tick();
    expect(monday).toEqual(expect.arrayContaining(['陈静 投诉 #1 未制定方案', '陈静 已逾期：恳谈会问题清单']));
    clock.set('2026-11-17T08:30:00+08:00');
    await tick();
    const morning = chat('ou_m2')
      .filter((m) => title(m.content) === '今日待办')
      .at(-1)!;
    expect(text(morning.content)).toContain('南门岗监控黑屏');
    clock.set('2026-11-17T18:00:00+08:00');
    const tuesday = await tick();
    expect(tuesday).toContain('刘洋 督办：投诉 #1');
    // the patrol problem past its milestone (the 17th) → 陈静; next month's plan two workdays before the 27th → 陈静
    clock.set('2026-11-18T08:30:00+08:00');
    expect(await tick()).toContain('陈静 已逾期：日查问题整改');
    clock.set('2026-11-25T09:30:00+08:00');
    expect(await tick()).toContain('陈静 待提交：下月工作计划');
    // nothing of 阳光花园 went to 张伟 or to 李强 after the handover
    const after = (openId: string) =>
      chat(openId).filter((m) => m.createTime >= new Date('2026-11-16T08:30:00+08:00').getTime() && text(m.content).includes('#1'));
    expect(after('ou_m1')).toEqual([]);
    expect(after('ou_l1')).toEqual([]);

    // duties: 张伟's share of November at 阳光花园 ended with his post (judged on the 15th); the plan is 陈静's alone
    const owed = async (ruleId: string, periodKey: string) =>
      (
        await w.db
          .select()
          .from(duties)
          .where(and(eq(duties.ruleId, ruleId), eq(duties.periodKey, periodKey)))
      )
        .map((d) => [d.personId, d.centerCode, d.status, d.dueDay])
        .sort();
    expect(await owed('quality.night_check', '2026-11')).toEqual([
      ['m1', 'C001', 'short', '2026-11-15'],
      ['m1', 'C002', 'open', '2026-11-30'],
      ['m2', 'C001', 'open', '2026-11-30'],
    ]);
    expect(await owed('admin.monthly_plan', '2026-11')).toEqual([
      ['m1', 'C001', 'cancelled', '2026-11-27'],
      ['m1', 'C002', 'open', '2026-11-27'],
      ['m2', 'C001', 'open', '2026-11-27'],
    ]);
  });

  it('a handover dated ahead in the file changes nothing until its day; then the card comes and the old manager is refused', async () => {
    clock.set('2026-11-20T10:00:00+08:00');
    const list = (await say('ou_m1', '投诉')).messageId;
    await w.standin.clickButton({ messageId: list, user: 'ou_m1', buttonName: 'new_complaint' });
    await w.standin.submitForm({
      messageId: list,
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
    await importExampleOrg(w.db, '2026-11-20', handedOver({ since: '2026-12-01' }));
    expect((await tick()).filter((s) => s.includes('交接'))).toEqual([]);

    // until 30 November the center is still 张伟's: he plans, 陈静 may not act
    clock.set('2026-11-23T10:00:00+08:00');
    const planned = await w.standin.submitForm({
      messageId: list,
      user: 'ou_m1',
      values: { plan: '更换读卡器', milestone: '2026-12-03 +0800' },
    });
    expect(planned.toast?.content).toBe('方案已提交');
    expect(text((await say('ou_m2', '投诉 1')).content)).toContain('只能处理本服务中心、分管或职责范围内的投诉');

    // 1 December: the cards, and the complaint is hers
    clock.set('2026-12-01T09:00:00+08:00');
    expect((await tick()).filter((s) => s.includes('交接'))).toEqual([
      '陈静 交接：阳光花园物业服务中心',
      '李强 经理交接：阳光花园物业服务中心',
    ]);
    const fixed = await w.standin.clickButton({ messageId: list, user: 'ou_m1', buttonName: 'complaint_fixed' });
    expect(fixed.toast).toEqual({ type: 'error', content: HANDED_OVER });
    const card = await say('ou_m2', '投诉 1');
    const done = await w.standin.clickButton({ messageId: card.messageId, user: 'ou_m2', buttonName: 'complaint_fixed' });
    expect(done.toast?.content).toBe('已记录整改，请回访业主');
  });
});
