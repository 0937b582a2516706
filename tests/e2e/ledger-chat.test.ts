// The ledger run from chat over the stand-in: waivers from the cards where leaders and admins see the entries, red lines
// described and confirmed before they are booked and resolved with a note, any period in 我的积分 and 团队, and the
// leader roll-up counted by the month only.
import { eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { bookLedger } from '../../src/db/queries/followups.ts';
import { deductions, ledger, outbox, people } from '../../src/db/schema/index.ts';
import { computeScores } from '../../src/features/scores/compute-scores.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import type { Json } from '../../src/sandbox/lark-standin/index.ts';
import { useLarkWorld } from '../helpers/lark-world.ts';
import { exampleOrgWithSecondCenter, importExampleOrg } from '../helpers/org.ts';
import { testRules } from '../helpers/rules.ts';
import { DRIVERS } from '../helpers/test-db.ts';

const rules = testRules();
const title = (c: Json): string | undefined => c?.header?.title?.content;
const subtitle = (c: Json): string | undefined => c?.header?.subtitle?.content;
const text = (c: Json): string => JSON.stringify(c);
const HELP_TITLE = '物服管家 · 使用说明';

describe.each(DRIVERS)('the ledger in chat on %s', (driver) => {
  const clock = new FixedClock('2026-12-09T10:00:00+08:00');
  const w = useLarkWorld(driver, { clock, orgDay: '2026-11-01' });
  const say = (openId: string, words: string) => w.say(openId, words);
  /** the card as the person sees it now (a click's answer replaces it) */
  const shown = (messageId: string): Json => {
    const m = w.standin.message(messageId)!;
    return m.updates.at(-1) ?? m.content;
  };
  const click = (messageId: string, user: string, buttonName: string) => w.standin.clickButton({ messageId, user, buttonName });
  const messagesTo = (openId: string) => w.standin.messages({ chatId: w.standin.p2pChatId(openId) });

  /** One ledger entry, booked as the scheduler books them; returns its id. */
  const book = async (key: string, personId: string, centerCode: string, day: string, yuan: number, points: number, reason: string) => {
    await bookLedger(w.db, {
      key,
      ruleId: yuan ? 'admin.weekly_plan_progress' : 'deduct.repeat_issue',
      personId,
      centerCode,
      yuan,
      points,
      day,
      reason,
      sourceType: 'duty',
      sourceId: key,
      createdAt: clock.now(),
    });
    const [row] = await w.db.select().from(ledger).where(eq(ledger.key, key));
    return row!.id;
  };

  /** A second center under its own leader (l2), or under l1 (the roll-up of two managers). */
  const withSecondCenter = async (leader: 'l1' | 'l2') => {
    const org = exampleOrgWithSecondCenter(leader);
    await importExampleOrg(w.db, '2026-11-01', org);
    w.standin.addUser({ openId: 'ou_m2', name: '陈静' });
    w.standin.addUser({ openId: 'ou_l2', name: '王磊' });
  };

  beforeEach(async () => {
    clock.set('2026-12-09T10:00:00+08:00');
    await w.db.update(people).set({ openId: 'ou_l1' }).where(eq(people.id, 'l1'));
    w.standin.addUser({ openId: 'ou_l1', name: '李强' });
  });

  it('a leader opens a manager from 团队, waives an entry with a reason after a confirmation; the manager is told once, however often it is clicked', async () => {
    const late = await book('a', 'm1', 'C001', '2026-12-03', 2, 0, '2026-12-03 周四 12:00 月度计划当周进度未及时提报');
    await book('b', 'm1', 'C001', '2026-12-08', 0, 4, '2026-12-08 品质检查：日查重复问题 2 次');

    const team = await say('ou_l1', '团队 本月');
    expect(subtitle(team.content)).toBe('李强 · 2026年12月');
    expect(text(team.content)).toContain('罚款 2 元 · 扣分 4 分');
    expect(text(team.content)).toContain('所分管经理扣分合计 4 分，您的分管连带扣分 3 分（按月计算）');

    await click(team.messageId, 'ou_l1', 'detail_0');
    expect(title(shown(team.messageId))).toBe('2026年12月 积分 · 张伟');
    await click(team.messageId, 'ou_l1', 'waive_0');
    const confirm = shown(team.messageId);
    expect(title(confirm)).toBe('确认豁免');
    expect(text(confirm)).toContain('月度计划当周进度未及时提报：2 元');
    expect(await w.db.select().from(ledger).where(eq(ledger.id, late))).toEqual([expect.objectContaining({ waivedAt: null })]);

    // a double click on 确认豁免: one waiver, one notice
    const answers = await Promise.all([
      w.standin.submitForm({ messageId: team.messageId, user: 'ou_l1', values: { reason: '已批准请假' } }),
      w.standin.submitForm({ messageId: team.messageId, user: 'ou_l1', values: { reason: '已批准请假' } }),
    ]);
    expect(answers.map((a) => a.toast?.content)).toContain('已豁免，已通知张伟');
    const back = shown(team.messageId);
    expect(title(back)).toBe('2026年12月 积分 · 张伟');
    expect(text(back)).toContain('（已豁免：已批准请假）');
    expect(text(back)).not.toContain('"name":"waive_0"'); // the waived entry has no button left; the other keeps its own
    expect(text(back)).toContain('"name":"waive_1"');
    expect(await w.db.select().from(ledger).where(eq(ledger.id, late))).toEqual([
      expect.objectContaining({ waivedBy: 'l1', waiveReason: '已批准请假' }),
    ]);
    await w.flush();
    const told = messagesTo('ou_m1').filter((m) => title(m.content) === '罚款/扣分已豁免');
    expect(told).toHaveLength(1);
    expect(text(told[0]!.content)).toContain('已批准请假');
    expect(text(told[0]!.content)).toContain('李强');
    expect(await w.db.select().from(outbox).where(like(outbox.key, 'waived:%'))).toHaveLength(1);

    // asked again from another card (one sent before the waiver): already waived, nothing changes
    const later = await say('ou_l1', '积分 张伟 本月');
    const again = await w.standin.clickButton({ messageId: later.messageId, user: 'ou_l1', value: { a: 'ledger.waive.ask', e: late } });
    expect(again.toast).toEqual({ type: 'info', content: '这条记录已豁免，无需重复操作' });
    const m1 = (await computeScores(w.db, rules.book, '2026-12', clock.now())).people.find((p) => p.personId === 'm1')!;
    expect([m1.yuan, m1.points]).toEqual([0, 4]);

    await click(team.messageId, 'ou_l1', 'nav_team');
    expect(title(shown(team.messageId))).toBe('团队情况');
  });

  it('the late digest a leader gets opens each late manager’s scores, where the fine booked at the deadline is waived', async () => {
    clock.set('2026-12-10T08:00:00+08:00');
    await w.tick();
    clock.set('2026-12-10T12:05:00+08:00'); // Thursday: the plan progress was due at 12:00
    await w.tick();
    const digest = messagesTo('ou_l1').find((m) => title(m.content) === '逾期汇总：月度计划当周进度')!;
    expect(text(digest.content)).toContain('张伟（阳光花园物业服务中心）');
    const answer = await click(digest.messageId, 'ou_l1', 'scores_0');
    expect(answer.toast).toEqual({ type: 'success', content: '积分明细已发送，请查看下一条消息' });
    await w.flush();
    const view = messagesTo('ou_l1').at(-1)!;
    expect(title(view.content)).toBe('2026年12月 积分 · 张伟');
    expect(text(view.content)).toContain('2026&#45;12&#45;10 周四 12&#58;00 月度计划当周进度未交：2 元');
    expect(title(shown(digest.messageId))).toBe('逾期汇总：月度计划当周进度'); // the digest stays as it was
    // the button of today's entry (the month has earlier ones too)
    const [entry] = (await w.db.select().from(ledger).where(eq(ledger.ruleId, 'admin.weekly_plan_progress'))).filter(
      (e) => e.day === '2026-12-10',
    );
    const buttons: { name: string; value: Json }[] = [];
    const walk = (x: Json): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        if (x.tag === 'button') buttons.push({ name: x.name, value: x.behaviors?.[0]?.value });
        Object.values(x).forEach((v) => walk(v as Json));
      }
    };
    walk(view.content);
    const waive = buttons.find((b) => b.value?.a === 'ledger.waive.ask' && b.value?.e === entry!.id);
    expect(waive).toBeDefined();
    await click(view.messageId, 'ou_l1', waive!.name);
    expect(title(shown(view.messageId))).toBe('确认豁免');
    const done = await w.standin.submitForm({ messageId: view.messageId, user: 'ou_l1', values: { reason: '系统故障，已补交' } });
    expect(done.toast?.content).toBe('已豁免，已通知张伟');
    const [after] = await w.db.select().from(ledger).where(eq(ledger.id, entry!.id));
    expect([after!.waivedBy, after!.waiveReason]).toEqual(['l1', '系统故障，已补交']);
  });

  it('only a leader of the entry’s center or an admin may waive: a manager never sees the buttons, another center’s leader and a supervisor are refused', async () => {
    await withSecondCenter('l2');
    const entry = await book('a', 'm1', 'C001', '2026-12-03', 2, 0, '2026-12-03 周四 12:00 月度计划当周进度未及时提报');
    await book('c', 'm2', 'C002', '2026-12-04', 0, 3, '2026-12-04 品质检查：睡岗');

    const mine = await say('ou_m1', '我的积分');
    expect(title(mine.content)).toBe('2026年12月 积分 · 张伟');
    expect(text(mine.content)).not.toMatch(/ledger\.waive|redline\.resolve/);
    const forged = await w.standin.clickButton({ messageId: mine.messageId, user: 'ou_m1', value: { a: 'ledger.waive.ask', e: entry } });
    expect(forged.toast).toEqual({ type: 'error', content: '只有该服务中心的分管领导或行政管理部可以操作' });

    // the leader of C002 sees 陈静, not 张伟, and cannot waive 张伟's entry
    expect(text((await say('ou_l2', '积分 陈静')).content)).toContain('"name":"waive_0"');
    expect(text((await say('ou_l2', '积分 张伟')).content)).toContain('只能查看本人或所分管人员的积分');
    const other = await say('ou_l2', '团队');
    const refused = await w.standin.clickButton({ messageId: other.messageId, user: 'ou_l2', value: { a: 'ledger.waive.ask', e: entry } });
    expect(refused.toast).toEqual({ type: 'error', content: '只有该服务中心的分管领导或行政管理部可以操作' });
    // a supervisor of the same center sees no one else's scores
    expect(text((await say('ou_v1', '积分 张伟')).content)).toContain('只能查看本人或所分管人员的积分');

    // the leader opens the same entry's confirmation before the admin waives it (below), and confirms after
    const leader = await say('ou_l1', '积分 张伟');
    await click(leader.messageId, 'ou_l1', 'waive_0');

    // the admin department may, for any center
    const admin = await say('ou_a1', '积分 张伟 本月');
    expect(title(admin.content)).toBe('2026年12月 积分 · 张伟');
    await click(admin.messageId, 'ou_a1', 'waive_0');
    const done = await w.standin.submitForm({ messageId: admin.messageId, user: 'ou_a1', values: { reason: '系统故障，已核实按时提交' } });
    expect(done.toast).toEqual({ type: 'success', content: '已豁免，已通知张伟' });
    expect(await w.db.select().from(ledger).where(eq(ledger.id, entry))).toEqual([expect.objectContaining({ waivedBy: 'a1' })]);
    const late = await w.standin.submitForm({ messageId: leader.messageId, user: 'ou_l1', values: { reason: '已批准请假' } });
    expect(late.toast).toEqual({ type: 'info', content: '这条记录已豁免，无需重复操作' });
    expect(text(shown(leader.messageId))).toContain('（已豁免：系统故障，已核实按时提交）');
    expect(await w.db.select().from(ledger).where(eq(ledger.id, entry))).toEqual([
      expect.objectContaining({ waivedBy: 'a1', waiveReason: '系统故障，已核实按时提交' }),
    ]);
    await w.flush();
    expect(messagesTo('ou_m1').filter((m) => title(m.content) === '罚款/扣分已豁免')).toHaveLength(1);
  });

  it('scores are never answered into a group: 积分 张伟 there gets a pointer to the private chat', async () => {
    await book('a', 'm1', 'C001', '2026-12-03', 2, 0, '2026-12-03 周四 12:00 月度计划当周进度未及时提报');
    w.standin.addChat({ chatId: 'oc_c001', name: '阳光花园', members: ['ou_m1', 'ou_l1'] });
    const mention = [{ key: '@_user_1', openId: w.standin.botOpenId, name: '物服管家' }];
    for (const words of ['积分 张伟', '我的积分', '团队 上月'])
      await w.standin.sendText({ from: 'ou_l1', chatId: 'oc_c001', text: `@_user_1 ${words}`, mentions: mention });
    await w.settle();
    const replies = w.standin.messages({ chatId: 'oc_c001' });
    expect(replies).toHaveLength(3);
    for (const r of replies) {
      expect(text(r.content)).toContain('积分和团队情况只在与我的单聊中查看');
      expect(text(r.content)).not.toMatch(/月度计划|ledger\.waive/);
    }
  });

  it('a waiver asked from a card with nowhere to return to ends on its own 已豁免 card, and the person is told', async () => {
    const entry = await book('a', 'm1', 'C001', '2026-12-03', 2, 0, '2026-12-03 周四 12:00 月度计划当周进度未及时提报');
    const card = await say('ou_l1', '帮助');
    await w.standin.clickButton({ messageId: card.messageId, user: 'ou_l1', value: { a: 'ledger.waive.ask', e: entry } });
    expect(title(shown(card.messageId))).toBe('确认豁免');
    expect(text(shown(card.messageId))).not.toContain('"name":"back"');
    const done = await w.standin.submitForm({ messageId: card.messageId, user: 'ou_l1', values: { reason: '停电，系统无法提交' } });
    expect(done.toast).toEqual({ type: 'success', content: '已豁免，已通知张伟' });
    expect(title(shown(card.messageId))).toBe('已豁免');
    await w.flush();
    expect(title(messagesTo('ou_m1').at(-1)!.content)).toBe('罚款/扣分已豁免');
  });

  it('a red line needs a description of at least 10 characters and a second confirmation; the buzz quotes it; the leader resolves it in chat with a note', async () => {
    const NOTE = '第三方满意度调查发现夜班保安在岗睡觉';
    const form = await say('ou_q1', '扣分');
    const values = { center: 'C001', item: 'redline.dismissal', count: '1', day: '2026-12-08 +0800' };
    for (const note of ['睡岗', ' 保安 睡 岗 了 ']) {
      const short = await w.standin.submitForm({ messageId: form.messageId, user: 'ou_q1', values: { ...values, note } });
      expect(short.toast).toEqual({ type: 'error', content: '说明：底线问题须写明发现的情况，至少 10 个字' });
    }
    // described: the confirmation, nothing booked or sent yet
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_q1', values: { ...values, note: NOTE } });
    expect(title(shown(form.messageId))).toBe('确认上报底线问题');
    expect(text(shown(form.messageId))).toContain(NOTE);
    await w.flush();
    expect(await w.db.select().from(deductions)).toEqual([]);
    expect(messagesTo('ou_l1')).toEqual([]);
    // back to the form, as filled; then confirmed twice at once: one red line
    await click(form.messageId, 'ou_q1', 'edit_deduction');
    expect(text(shown(form.messageId))).toContain(`"default_value":"${NOTE}"`);
    await w.standin.submitForm({ messageId: form.messageId, user: 'ou_q1', values: { ...values, note: NOTE } });
    const confirmed = await Promise.all([
      click(form.messageId, 'ou_q1', 'confirm_redline'),
      click(form.messageId, 'ou_q1', 'confirm_redline'),
    ]);
    expect(confirmed.map((c) => c.toast?.content)).toContain('已记录');
    expect(title(shown(form.messageId))).toBe('底线问题 · 已上报');
    const [redline] = await w.db.select().from(deductions);
    expect(await w.db.select().from(deductions)).toHaveLength(1);
    expect(redline).toMatchObject({ ruleId: 'redline.dismissal', personId: 'm1', points: 0, note: NOTE });

    await w.flush();
    for (const who of ['ou_l1', 'ou_a1']) {
      const buzz = messagesTo(who).filter((m) => title(m.content) === '紧急：底线问题');
      expect(buzz, who).toHaveLength(1);
      expect(buzz[0]!.urgent).toEqual([who]);
      expect(text(buzz[0]!.content)).toContain(`被发现底线问题：「${NOTE}」`);
    }
    expect(text(messagesTo('ou_m1').at(-1)!.content)).toContain(NOTE);
    // the manager sees it on their scores, without a button to resolve it
    const mine = await say('ou_m1', '我的积分');
    expect(text(mine.content)).toContain(NOTE);
    expect(text(mine.content)).not.toContain('redline.resolve');

    // the leader resolves it from the alert, with a note; the admin's alert then says it is done
    const alert = messagesTo('ou_l1').find((m) => title(m.content) === '紧急：底线问题')!;
    await click(alert.messageId, 'ou_l1', 'resolve_redline');
    expect(title(shown(alert.messageId))).toBe('解除底线问题');
    const resolved = await w.standin.submitForm({ messageId: alert.messageId, user: 'ou_l1', values: { note: '已免职，新经理已到岗' } });
    expect(resolved.toast).toEqual({ type: 'success', content: '底线问题已解除' });
    expect(title(shown(alert.messageId))).toBe('底线问题 · 已解除');
    expect((await w.db.select().from(deductions))[0]).toMatchObject({ resolvedBy: 'l1', resolveNote: '已免职，新经理已到岗' });
    const adminAlert = messagesTo('ou_a1').find((m) => title(m.content) === '紧急：底线问题')!;
    expect((await click(adminAlert.messageId, 'ou_a1', 'resolve_redline')).toast).toEqual({
      type: 'info',
      content: '这条底线问题已解除，无需重复操作',
    });
    expect((await computeScores(w.db, rules.book, '2026-12', clock.now())).people.find((p) => p.personId === 'm1')!.redLines).toEqual([]);
  });

  it('a leader resolves a red line from a manager’s scores; a manager cannot, and an ordinary deduction is no red line', async () => {
    const [red] = await w.db
      .insert(deductions)
      .values({
        ruleId: 'redline.dismissal',
        centerCode: 'C001',
        personId: 'm1',
        points: 0,
        day: '2026-12-05',
        note: '第三方调查发现监控室无人值守',
        recordedBy: 'q1',
        recordedAt: clock.now(),
        nonce: 'r1',
      })
      .returning();
    const [plain] = await w.db
      .insert(deductions)
      .values({
        ruleId: 'deduct.sleeping_on_duty',
        centerCode: 'C001',
        personId: 'm1',
        points: 3,
        day: '2026-12-05',
        recordedBy: 'q1',
        recordedAt: clock.now(),
        nonce: 'r2',
      })
      .returning();
    const mine = await say('ou_m1', '我的积分');
    for (const id of [red!.id, plain!.id]) {
      const r = await w.standin.clickButton({ messageId: mine.messageId, user: 'ou_m1', value: { a: 'redline.resolve.ask', id } });
      expect(r.toast?.type).toBe('error');
    }
    const view = await say('ou_l1', '积分 张伟');
    expect(text(view.content)).toContain('第三方调查发现监控室无人值守');
    const notRed = await w.standin.clickButton({
      messageId: view.messageId,
      user: 'ou_l1',
      value: { a: 'redline.resolve.ask', id: plain!.id },
    });
    expect(notRed.toast).toEqual({ type: 'error', content: '没有找到这条底线问题，请重新查看积分' });
    await click(view.messageId, 'ou_l1', 'resolve_0');
    await w.standin.submitForm({ messageId: view.messageId, user: 'ou_l1', values: { note: '已约谈并整改监控值班' } });
    const back = shown(view.messageId);
    expect(title(back)).toBe('2026年12月 积分 · 张伟');
    expect(text(back)).not.toContain('第三方调查发现监控室无人值守');
    expect((await w.db.select().from(deductions).where(eq(deductions.id, plain!.id)))[0]!.resolvedAt).toBeNull();
  });

  it('我的积分 and 团队 take any period; in the first 7 days of a month 我的积分 opens on last month, this month a tap away; a bad period gets a short answer', async () => {
    clock.set('2026-12-07T10:00:00+08:00');
    await book('n', 'm1', 'C001', '2026-11-12', 2, 0, '2026-11-12 周四 12:00 月度计划当周进度未及时提报');
    await book('d', 'm1', 'C001', '2026-12-03', 0, 4, '2026-12-03 品质检查：日查重复问题 2 次');

    const first = await say('ou_m1', '我的积分');
    expect(title(first.content)).toBe('2026年11月 积分 · 张伟');
    expect(text(first.content)).toContain('罚款 **2 元** · 扣分 **0 分**');
    await click(first.messageId, 'ou_m1', 'nav_thisMonth');
    expect(title(shown(first.messageId))).toBe('2026年12月 积分 · 张伟');
    expect(text(shown(first.messageId))).toContain('罚款 **0 元** · 扣分 **4 分**');
    await click(first.messageId, 'ou_m1', 'nav_lastMonth');
    expect(title(shown(first.messageId))).toBe('2026年11月 积分 · 张伟');

    const asked = async (words: string) => (await say('ou_m1', words)).content;
    expect(title(await asked('上月积分'))).toBe('2026年11月 积分 · 张伟');
    expect(title(await asked('我的积分 2026-12'))).toBe('2026年12月 积分 · 张伟');
    const week = await asked('我的积分 第49周');
    expect(title(week)).toBe('2026年第49周 积分 · 张伟');
    expect(text(week)).toContain('扣分 **4 分**');
    expect(text(await asked('我的积分 2026-Q4'))).toContain('罚款 **2 元** · 扣分 **4 分**');
    const bad = await asked('我的积分 明年');
    expect(title(bad)).toBe('我的积分');
    expect(text(bad)).toContain('没看懂「明年」');
    expect(text(bad)).toContain('我的积分 2026-11');
    expect(text(await asked('我的积分 2027-01'))).toContain('2027年1月还没有开始。');

    const lastMonth = await say('ou_l1', '团队 上月');
    expect(subtitle(lastMonth.content)).toBe('李强 · 2026年11月');
    expect(text(lastMonth.content)).toContain('罚款 2 元 · 扣分 0 分');
    expect(text(lastMonth.content)).not.toContain('今天：');
    expect(subtitle((await say('ou_l1', '团队')).content)).toBe('李强 · 本周');
    const badTeam = await say('ou_l1', '团队 下下月');
    expect([title(badTeam.content), text(badTeam.content).includes('团队 上月')]).toEqual(['团队', true]);
    expect(title(badTeam.content)).not.toBe(HELP_TITLE);

    // from the 8th, this month first
    clock.set('2026-12-08T10:00:00+08:00');
    expect(title((await say('ou_m1', '我的积分')).content)).toBe('2026年12月 积分 · 张伟');
  });

  it('the leader roll-up is monthly: a week shows the managers’ points and no roll-up, a month rolls up, a quarter sums its months', async () => {
    await withSecondCenter('l1');
    // week 46: m1 4 + 2 points; week 47: m2 3 points. The month: 9 → 6 points; by weeks it would have been 6 + 3 = 9.
    await book('x1', 'm1', 'C001', '2026-11-09', 0, 4, '2026-11-09 品质检查：日查重复问题 2 次');
    await book('x2', 'm1', 'C001', '2026-11-10', 0, 2, '2026-11-10 品质检查：日查重复问题');
    await book('x3', 'm2', 'C002', '2026-11-20', 0, 3, '2026-11-20 品质检查：睡岗');
    const now = new Date('2026-11-30T12:00:00+08:00');
    const leader = async (period: string) => (await computeScores(w.db, rules.book, period, now)).people.find((p) => p.personId === 'l1')!;
    expect(await leader('2026-W46')).toMatchObject({ points: 0, rollupPoints: 0, managersPoints: 6 });
    expect(await leader('2026-W47')).toMatchObject({ points: 0, rollupPoints: 0, managersPoints: 3 });
    expect(await leader('2026-11-10')).toMatchObject({ points: 0, rollupPoints: 0, managersPoints: 2 });
    expect(await leader('2026-11')).toMatchObject({ points: 6, rollupPoints: 6, managersPoints: 9 });
    expect(await leader('2026-Q4')).toMatchObject({ points: 6, rollupPoints: 6 });
    expect(await leader('2026')).toMatchObject({ points: 6, rollupPoints: 6 });

    // the week's announcement in the group on Monday 2026-11-23: the managers' points, the roll-up said to be monthly
    w.standin.addChat({ chatId: 'oc_announce', name: '考核公示群', members: ['ou_a1', 'ou_l1'] });
    clock.set('2026-11-23T09:00:00+08:00');
    await w.tick();
    const weekly = w.standin.messages({ chatId: 'oc_announce' }).find((m) => title(m.content) === '2026年第47周 考核公示')!;
    expect(text(weekly.content)).toContain('分管经理扣分**（分管连带扣分按月考核，本期不计）');
    expect(text(weekly.content)).toContain('李强：所分管经理 3 分');

    clock.set('2026-11-30T12:00:00+08:00');
    const week = await say('ou_l1', '我的积分 第46周');
    expect(text(week.content)).toContain('扣分 **0 分**');
    expect(text(week.content)).toContain('所分管经理本期扣分 6 分；分管连带扣分按月考核，不计入本期合计');
    const month = await say('ou_l1', '我的积分 2026-11');
    expect(text(month.content)).toContain('扣分 **6 分**（含分管连带 6 分）');
    expect(text(month.content)).toContain('所分管经理扣分 9 分，分管连带扣分 6 分（按月计算）');
    expect(text((await say('ou_l1', '团队 第46周')).content)).toContain('所分管经理本期扣分合计 6 分；分管连带扣分按月考核，不计入本期。');
  });
});
